"""`fit`: the one Lightning loop of the project (see the package docstring)."""

from __future__ import annotations

import itertools
import json
import signal
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Sequence

import lightning as L
import torch

from strategic.train import checkpoint as C
from strategic.train.history import Clock, History
from strategic.train.process import frozen_gc
from strategic.train.progress import Progress


class Preempted(SystemExit):
    """Raised when SIGTERM stopped a fit after its checkpoint was written; exits with 143
    (128 + SIGTERM), so the job fails and a re-run resumes."""

    def __init__(self, path):
        super().__init__(143)
        self.path = path


def fit(module: L.LightningModule, ctx, *, steps: int | None = None, epochs: int | None = None,
        loader: Iterable | None = None, tag: str = "", metric: str = "train/loss",
        key: Any = None, ckpt_every: int = 0, progress_every: int | None = None,
        generators: Sequence[torch.Generator] | None = None,
        precision: str | None = None) -> L.LightningModule:
    """Train `module` for `steps` training steps or `epochs` epochs; returns it (state as trained).

    Args:
        module: step logic only; manual or automatic optimisation. In steps mode without a
            loader each `training_step` gets `batch` = the global step index (0-based, resume
            included: use it, not `batch_idx`, for schedules).
        ctx: a `RunContext`, or a list of them when seeds train as one batched model
            (member k's metrics `name@k` go to `ctx[k]`, see `history.members`); the first
            context gives the accelerator and holds the checkpoint.
        steps, epochs: exactly one. `steps` with a loader cycles through it.
        loader: batches (a DataLoader or any sized iterable, num_workers=0); required for epochs.
        tag: the fit's name in its run: prefixes logged names (`<tag>/train/loss`), names its
            checkpoint `<out>/ckpt/<tag or 'fit'>.ckpt` and its rows in `history.csv`.
        metric: what the progress lines show.
        key: identifies the computation (e.g. the config as a dict); with the seeds, tag and
            parameter shapes it decides whether a checkpoint belongs to this fit.
        ckpt_every: training steps between periodic checkpoints (0: only on SIGTERM).
        progress_every: units between progress lines (default ~10 % of the fit).
        generators: the torch.Generators the loader draws from (default: found on the loader
            and its dataset), saved at each epoch start so a resumed epoch replays its order.
        precision: Lightning precision (e.g. '64-true').

    Raises:
        Preempted: SIGTERM arrived; the checkpoint is written (exit status 143).
    """
    ctxs = list(ctx) if isinstance(ctx, (list, tuple)) else [ctx]
    if (steps is None) == (epochs is None) or (epochs is not None and loader is None):
        raise ValueError("fit: give exactly one of steps / epochs (epochs need a loader)")
    clock = Clock("step" if steps is not None else "epoch")
    total = steps if steps is not None else epochs
    path = ctxs[0].out / "ckpt" / f"{tag or 'fit'}.ckpt"
    ident = _identity(key, tag, ctxs, module)
    ckpt = _resume(module, path, ident, clock)
    history = History(ctxs, tag, clock)
    history.start()
    if ckpt is not None and ckpt["finished"]:
        path.unlink()
        return module
    data = _Data(loader, clock, total, generators, ckpt)
    state = _State(path, ident, clock, data, total, ckpt_every, ckpt)
    progress = Progress(_name(ctxs, tag), total, clock, metric, progress_every)
    max_epochs = (1 if loader is None else -1) if clock.unit == "step" else epochs - clock.epoch
    trainer = _trainer(ctxs[0].accelerator, precision, history, [state, progress], max_epochs)
    with frozen_gc():
        _train(trainer, module, data, state)
    path.unlink(missing_ok=True)
    return module


def _resume(module: L.LightningModule, path, ident: str, clock: Clock) -> dict | None:
    """This fit's checkpoint at `path`, if any, restored into `module` and `clock`."""
    ckpt = C.load(path, ident)
    if ckpt is not None:
        C.restore_module(module, ckpt)
        clock.step, clock.epoch, clock.batch = ckpt["step"], ckpt["epoch"], ckpt["batch"]
    return ckpt


def _trainer(accelerator, precision, history: History, callbacks: list,
             max_epochs: int) -> L.Trainer:
    """The Trainer of a fit: `history` logs every step; `_State` stops it in steps mode;
    no Lightning checkpoints, progress bar or model summary."""
    return L.Trainer(
        accelerator=accelerator, devices=1, precision=precision, logger=history,
        max_epochs=max_epochs, max_steps=-1, log_every_n_steps=1, num_sanity_val_steps=0,
        callbacks=callbacks, enable_checkpointing=False, enable_progress_bar=False,
        enable_model_summary=False)


def _train(trainer: L.Trainer, module: L.LightningModule, data: _Data, state: _State) -> None:
    """`trainer.fit` under the SIGTERM handler; after a SIGTERM the checkpoint is written and
    `Preempted` raised."""
    with _on_sigterm(state):
        try:
            trainer.fit(module, data)
        except SystemExit as e:  # Lightning's SIGTERMException or our Preempted
            if not state.preempt:
                raise
            raise _preempted(state.path) from e
        if state.preempt:  # SIGTERM during the last step: keep the finished state
            state.save(trainer, module, finished=True)
            raise _preempted(state.path)


def _preempted(path) -> Preempted:
    from strategic.logs import log
    log(f"SIGTERM: checkpoint written to {path}; exiting with 143 (re-run to resume)")
    return Preempted(path)


def _name(ctxs: list, tag: str) -> str:
    seeds = f"seed {ctxs[0].seed}" if len(ctxs) == 1 else f"seeds {[c.seed for c in ctxs]}"
    return f"{ctxs[0].name} {seeds} {tag}".strip()


def _identity(key: Any, tag: str, ctxs: list, module) -> str:
    shapes = {k: list(v.shape) for k, v in module.state_dict().items()}
    return json.dumps({"key": key, "tag": tag, "seeds": [c.seed for c in ctxs],
                       "module": type(module).__qualname__, "shapes": shapes},
                      sort_keys=True, default=str)


class _State(L.Callback):
    """Keeps the clock, stops at `total` steps, restores optimisers, writes checkpoints
    (every `every` steps, between steps; and on SIGTERM, from `on_exception`)."""

    def __init__(self, path, key, clock, data, total, every, ckpt):
        self.path, self.key, self.clock, self.data = path, key, clock, data
        self.total, self.every, self.ckpt, self.preempt = total, every, ckpt, False
        self._resume_batch = ckpt["batch"] if ckpt is not None else None
        self._epoch0, self._saved = clock.epoch, clock.step

    def on_train_start(self, trainer, pl_module):
        if self.ckpt is not None:
            C.restore_optimizers(trainer, self.ckpt)
        self.ckpt = None

    def on_train_epoch_start(self, trainer, pl_module):
        self.clock.epoch, self.clock.epoch_end = self._epoch0 + trainer.current_epoch, False
        self.clock.batch, self._resume_batch = self._resume_batch or 0, None

    def on_train_batch_start(self, trainer, pl_module, batch, batch_idx):
        if self.preempt:
            raise Preempted(self.path)  # on_exception writes the checkpoint
        if self.every and self.clock.step % self.every == 0 and self.clock.step != self._saved:
            self.save(trainer, pl_module)
        self.clock.current = self.clock.step
        _forget_step_values(trainer)

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        self.clock.step += 1
        self.clock.batch += 1
        if self.clock.unit == "step" and self.clock.step >= self.total:
            trainer.should_stop = True

    def on_train_epoch_end(self, trainer, pl_module):
        self.clock.epoch_end = True

    def on_exception(self, trainer, pl_module, exception):
        if self.preempt and isinstance(exception, SystemExit):
            self.save(trainer, pl_module)

    def save(self, trainer, module, finished: bool | None = None) -> None:
        finished = trainer.should_stop if finished is None else finished
        C.save(self.path, {"key": self.key, **C.capture(trainer, module, self.clock, self.data,
                                                        finished)})
        self._saved = self.clock.step


def _forget_step_values(trainer) -> None:
    """A value logged with on_step only belongs to the step that logged it: Lightning would
    hand its last value to the logger again at every later step (a metric logged every 250
    steps would get 249 stale copies), so mark such values as reset before each step."""
    for result in trainer._results.values():
        if result.meta.on_step and not result.meta.on_epoch:
            result.has_reset = True


@contextmanager
def _on_sigterm(state: _State):
    """SIGTERM sets `state.preempt` (Lightning also notices it and stops after the step)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    def handler(signum, frame):
        state.preempt = True
    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Data:
    """The batches: `loader`'s, or the step indices themselves (steps mode, no loader).

    Records the global RNG and the generators at each epoch start (`epoch_state`); after a
    resume, its first epoch replays from those states and skips the batches already done.
    """

    def __init__(self, loader, clock: Clock, total: int, generators, ckpt):
        self.loader, self.clock, self.total = loader, clock, total
        self.gens = list(generators) if generators is not None else _find_generators(loader)
        self.resume = ckpt
        self._epoch_rng, self._epoch_gens = None, []

    def __len__(self) -> int:
        return self.total - self.clock.step if self.loader is None else len(self.loader)

    def epoch_state(self) -> dict[str, Any]:
        return {"epoch_rng": self._epoch_rng, "epoch_gens": self._epoch_gens}

    def __iter__(self):
        # a generator: nothing happens until the first batch is asked for (Lightning calls
        # iter() once just to check that the object is iterable)
        ck, self.resume = self.resume, None
        if ck is not None and ck["epoch_rng"] is not None:
            torch.set_rng_state(ck["epoch_rng"])
            for g, s in zip(self.gens, ck["epoch_gens"]):
                g.set_state(s)
        self._epoch_rng = torch.get_rng_state()
        self._epoch_gens = [g.get_state() for g in self.gens]
        if self.loader is None:
            it = iter(range(self.clock.step, self.total))
        else:  # never exhaust the loader's iterator: that can draw (RandomSampler does)
            skip = ck["batch"] if ck is not None else 0
            it = iter(self.loader)
            for _ in range(skip):
                next(it)
            if hasattr(self.loader, "__len__"):
                it = itertools.islice(it, len(self.loader) - skip)
        if ck is not None:
            torch.set_rng_state(ck["rng"])
        yield from it


def _find_generators(loader) -> list[torch.Generator]:
    """torch.Generators on the loader, its sampler and among its dataset's attributes."""
    dataset = getattr(loader, "dataset", None)
    cands = [getattr(loader, "generator", None),
             getattr(getattr(loader, "sampler", None), "generator", None)]
    for v in (vars(dataset).values() if hasattr(dataset, "__dict__") else ()):
        cands += list(v) if isinstance(v, (list, tuple)) else [v]
    found: list[torch.Generator] = []
    for g in cands:
        if isinstance(g, torch.Generator) and all(g is not f for f in found):
            found.append(g)
    return found
