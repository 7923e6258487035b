"""LightningModule around the session engine (manual optimisation): one `training_step`
advances every unfinished session by a block of periods, so the Trainer provides checkpoints
(the sessions' arrays travel in the checkpoint), resumption, progress and MLflow logging.
"""

from __future__ import annotations

import sys
from pathlib import Path

import lightning as L
import numpy as np
import torch

from strategic.pricing.engine import Sessions


class SessionsModule(L.LightningModule):
    """Advances `sessions` by `block` periods per training step until all have finished.

    Args:
        sessions: the engine state (numpy arrays, updated in place).
        table: profits π_i(a1, a2), [2, m, m].
        alpha, beta: per-session learning and exploration-decay rates, [S] (or scalars).
        delta: discount factor.
        block: periods per training step (a multiple of 1024, see `engine.advance`).
        conv: periods of unchanged greedy strategies that count as convergence.
        max_t: cap on a session's periods.
        key: identifies the run (config and seed); a checkpoint with another key is refused.
    """

    def __init__(self, sessions: Sessions, table: np.ndarray, alpha, beta, delta: float,
                 block: int, conv: int, max_t: int, key: str):
        super().__init__()
        self.automatic_optimization = False
        self.sessions, self.table = sessions, table
        self.alpha, self.beta, self.delta = alpha, beta, delta
        self.block, self.conv, self.max_t, self.key = block, conv, max_t, key
        self.session_periods = 0

    def configure_optimizers(self):
        return None  # tabular Q-learning: the engine updates the tables itself

    def training_step(self, batch, batch_idx):
        ss = self.sessions
        self.session_periods += ss.advance(self.table, self.alpha, self.delta, self.beta,
                                           self.block, self.conv, self.max_t)
        self.log_dict({"train/active_sessions": float((~ss.done).sum()),
                       "train/mean_periods": float(ss.t.mean()),
                       "train/converged_share": float((ss.stable >= self.conv).mean())}, on_step=True)
        if ss.done.all():
            self.trainer.should_stop = True

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["pricing_key"] = self.key
        checkpoint["sessions"] = {k: torch.from_numpy(v.view(np.int64) if v.dtype == np.uint64 else v)
                                  for k, v in self.sessions.arrays().items()}
        checkpoint["session_periods"] = self.session_periods

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        if checkpoint.get("pricing_key") != self.key:
            raise ValueError("checkpoint belongs to another config or seed")
        arrays = {k: v.numpy().copy() for k, v in checkpoint["sessions"].items()}
        arrays["rng"] = arrays["rng"].view(np.uint64)
        self.sessions = Sessions(**arrays)
        self.session_periods = checkpoint["session_periods"]


class BlockProgress(L.Callback):
    """A line to stderr every `every` training steps (workflow jobs run without a bar)."""

    def __init__(self, name: str, every: int):
        self.name, self.every = name, every

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        ss = pl_module.sessions
        if (batch_idx + 1) % self.every == 0 or ss.done.all():
            print(f"  {self.name}: step {batch_idx + 1}, {int((~ss.done).sum())}/{len(ss.t)} "
                  f"sessions running, mean periods {ss.t.mean():.3g}", file=sys.stderr, flush=True)


class BlockCheckpoint(L.Callback):
    """`trainer.save_checkpoint(path)` every `every` training steps (with manual optimisation
    and no optimiser, `global_step` stays 0, so ModelCheckpoint's step trigger never fires)."""

    def __init__(self, path: Path, every: int):
        self.path, self.every = path, every

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        if (batch_idx + 1) % self.every == 0 and not pl_module.sessions.done.all():
            trainer.save_checkpoint(self.path, weights_only=False)


def fit_sessions(module: SessionsModule, ckpt_dir: Path, ckpt_every: int, logger=None,
                 name: str = "pricing", extra_callbacks: list | None = None) -> SessionsModule:
    """Run `module` until every session has finished, checkpointing to `ckpt_dir/sessions.ckpt`
    every `ckpt_every` steps (0: never); resumes from that file if it holds this run's key.
    The checkpoint is removed once the run completes. Returns the module (state restored)."""
    ckpt = ckpt_dir / "sessions.ckpt"
    callbacks: list = [BlockProgress(name, 5), *(extra_callbacks or [])]
    if ckpt_every:
        callbacks.append(BlockCheckpoint(ckpt, ckpt_every))
    resume = ckpt.is_file() and torch.load(ckpt, weights_only=True).get("pricing_key") == module.key
    n_blocks = -(-module.max_t // module.block) + 1
    trainer = L.Trainer(max_epochs=1, accelerator="cpu", devices=1, logger=logger or False,
                        callbacks=callbacks, enable_checkpointing=False,
                        enable_progress_bar=False, enable_model_summary=False, log_every_n_steps=1)
    loader = torch.utils.data.DataLoader(range(n_blocks), batch_size=None)
    trainer.fit(module, loader, ckpt_path=ckpt if resume else None)
    ckpt.unlink(missing_ok=True)
    return module
