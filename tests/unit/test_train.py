"""`strategic.train`: the one fit helper, against real Lightning and a real MLflow SQLite store.

History (CSV and MLflow) equals what the module logged, progress prints ~10 lines, checkpoints
load with weights_only=True, a foreign or truncated checkpoint is discarded with a warning, and
a fit stopped by SIGTERM resumes to exactly the parameters of an uninterrupted fit.
"""

import csv
import os
import signal

import lightning as L
import pytest
import torch

from strategic import train
from strategic.contracts import RunContext
from strategic.tracking import start_run


class Regression(L.LightningModule):
    """Linear regression with Adam and a step LR schedule; logs its loss every step.
    `stop_at`: the step at which the module sends itself SIGTERM (a preemption)."""

    def __init__(self, stop_at: int | None = None):
        super().__init__()
        with torch.random.fork_rng():
            torch.manual_seed(0)
            self.net = torch.nn.Linear(4, 1)
        self.stop_at, self.logged, self.seen = stop_at, [], []

    def training_step(self, batch, batch_idx):
        x, y = batch
        self.seen.append(float(y[0]))
        noise = 0.01 * torch.randn(len(y))  # global RNG: must be restored on resume
        loss = ((self.net(x).squeeze(1) - y - noise) ** 2).mean()
        self.log("train/loss", loss, on_step=True)
        self.logged.append(float(loss.detach()))
        if self.stop_at is not None and self.trainer.callbacks[0].clock.step == self.stop_at:
            os.kill(os.getpid(), signal.SIGTERM)
        return loss

    def configure_optimizers(self):
        opt = torch.optim.Adam(self.parameters(), lr=1e-2)
        return [opt], [{"scheduler": torch.optim.lr_scheduler.StepLR(opt, 7, 0.5), "interval": "step"}]


def _loader():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(48, 4, generator=g)
    data = torch.utils.data.TensorDataset(x, x.sum(1))
    return torch.utils.data.DataLoader(data, batch_size=8, shuffle=True,
                                       generator=torch.Generator().manual_seed(1))


@pytest.fixture
def ctx(tmp_path):
    with start_run(f"sqlite:///{tmp_path / 'mlflow.db'}", "train", {}, "r") as run:
        yield RunContext(0, tmp_path / "run", run, "cpu", "test.fit")


def _history(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def test_history_csv_and_mlflow_equal_what_the_module_logged(ctx):
    ctx.out.mkdir()
    m = train.fit(Regression(), ctx, epochs=3, loader=_loader(), tag="reg")
    rows = _history(ctx.out / "history.csv")
    assert [int(r["step"]) for r in rows] == list(range(18)) and {r["unit"] for r in rows} == {"step"}
    assert [float(r["value"]) for r in rows] == pytest.approx(m.logged, rel=1e-6)
    assert {r["metric"] for r in rows} == {"train/loss"} and {r["fit"] for r in rows} == {"reg"}
    assert train.curve(ctx, "reg", "train/loss") == [float(r["value"]) for r in rows]
    hist = ctx.tracker.metric_history("reg/train/loss")
    assert [(h.step, h.value) for h in hist] == [(int(r["step"]), pytest.approx(float(r["value"])))
                                                  for r in rows]


def test_member_metrics_go_to_their_own_runs(tmp_path):
    class Members(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.automatic_optimization = False

        def training_step(self, batch, batch_idx):
            self.log_dict(train.members("train/loss", [batch, 10 * batch]), on_step=True)
            self.log("train/shared", 1.0, on_step=True)

        def configure_optimizers(self):
            return None

    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    with start_run(uri, "e", {}, "a") as a, start_run(uri, "e", {}, "b") as b:
        ctxs = [RunContext(s, tmp_path / str(s), r, "cpu", "m") for s, r in ((0, a), (1, b))]
        train.fit(Members(), ctxs, steps=4, metric="train/loss")
    assert [h.value for h in a.metric_history("train/loss")] == [0, 1, 2, 3]
    assert [h.value for h in b.metric_history("train/loss")] == [0, 10, 20, 30]
    assert len(b.metric_history("train/shared")) == 4
    assert len(_history(tmp_path / "1" / "history.csv")) == 8


def test_a_sparse_step_metric_is_recorded_only_where_logged(ctx):
    """A value logged on some steps only (e.g. every 3rd) is not repeated at the steps between."""
    class Sparse(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.automatic_optimization = False

        def training_step(self, batch, batch_idx):
            if batch % 3 == 2:
                self.log("eval/x", float(batch), on_step=True)

        def configure_optimizers(self):
            return None

    ctx.out.mkdir()
    train.fit(Sparse(), ctx, steps=9, tag="s", metric="eval/x")
    assert [(int(r["step"]), float(r["value"])) for r in _history(ctx.out / "history.csv")] == \
        [(2, 2.0), (5, 5.0), (8, 8.0)]
    assert train.curve(ctx, "s", "eval/x") == [2.0, 5.0, 8.0]


def test_progress_prints_about_ten_lines(ctx, capsys):
    train.fit(Regression(), ctx, steps=50, loader=_loader(), metric="train/loss")
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("  test.fit seed 0")]
    assert len(lines) == 10 and lines[-1].split()[3:5] == ["step", "50/50"]
    assert "train/loss" in lines[0] and "nan" not in lines[0]


def test_sigterm_writes_a_weights_only_checkpoint_and_resume_is_exact(ctx, tmp_path):
    """Stopped by SIGTERM at step 10 of 18 (mid-epoch, mid-LR-schedule), the fit writes its
    checkpoint and raises Preempted (exit status 143); the re-run ends with the parameters,
    optimiser state, data order and history of an uninterrupted fit, and removes the file."""
    ref_ctx = RunContext(0, tmp_path / "ref", ctx.tracker, "cpu", "ref")
    torch.manual_seed(123)
    ref = train.fit(Regression(), ref_ctx, epochs=3, loader=_loader(), tag="ref")
    torch.manual_seed(123)
    with pytest.raises(train.Preempted) as e:
        train.fit(Regression(stop_at=9), ctx, epochs=3, loader=_loader(), ckpt_every=4)
    assert e.value.code == 143
    path = ctx.out / "ckpt" / "fit.ckpt"
    ck = torch.load(path, weights_only=True)
    assert (ck["step"], ck["epoch"], ck["batch"], ck["finished"]) == (10, 1, 4, False)
    assert ck["optimizers"][0]["state"] and ck["schedulers"][0]["last_epoch"] == 10
    resumed = Regression()
    torch.manual_seed(999)  # whatever the new process's RNG: the checkpoint restores it
    train.fit(resumed, ctx, epochs=3, loader=_loader(), ckpt_every=4)
    for (k, v), w in zip(ref.state_dict().items(), resumed.state_dict().values()):
        assert torch.equal(v, w), k
    assert resumed.seen == ref.seen[10:]
    assert not path.exists()
    rows = _history(ctx.out / "history.csv")
    assert [float(r["value"]) for r in rows] == pytest.approx(ref.logged, rel=1e-6)


def test_steps_mode_resume_and_periodic_checkpoint(ctx):
    """Manual optimisation over step indices: a preempted fit resumes at the next step index."""
    class Counter(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.automatic_optimization = False
            self.register_buffer("total", torch.zeros(()))
            self.batches = []

        def training_step(self, batch, batch_idx):
            self.batches.append(batch)
            self.total += batch
            self.log("train/total", self.total, on_step=True)
            if batch == 6 and len(self.batches) == 7:
                os.kill(os.getpid(), signal.SIGTERM)

        def configure_optimizers(self):
            return None

    with pytest.raises(train.Preempted):
        train.fit(Counter(), ctx, steps=12, ckpt_every=5, metric="train/total")
    m = train.fit(Counter(), ctx, steps=12, ckpt_every=5, metric="train/total")
    assert m.batches == list(range(7, 12)) and float(m.total) == sum(range(12))
    steps = [h.step for h in ctx.tracker.metric_history("train/total")]
    assert steps == list(range(12))


@pytest.mark.parametrize("damage", ["truncated", "foreign"])
def test_bad_checkpoint_is_discarded_with_a_warning(ctx, damage):
    """Choice: a truncated file or one from another config/seed is removed with a
    StaleCheckpoint warning naming it, and the fit restarts cleanly (same result as fresh)."""
    with pytest.raises(train.Preempted):
        train.fit(Regression(stop_at=5), ctx, epochs=2, loader=_loader(), key={"lr": 1})
    path = ctx.out / "ckpt" / "fit.ckpt"
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    key = {"lr": 1} if damage == "truncated" else {"lr": 2}
    torch.manual_seed(0)
    with pytest.warns(train.StaleCheckpoint, match=str(path)):
        m = train.fit(Regression(), ctx, epochs=2, loader=_loader(), key=key)
    assert len(m.seen) == 12 and not path.exists()
    torch.manual_seed(0)
    fresh = train.fit(Regression(), RunContext(0, ctx.out / "b", ctx.tracker, "cpu"), epochs=2,
                      loader=_loader(), key=key)
    assert torch.equal(m.net.weight, fresh.net.weight)
