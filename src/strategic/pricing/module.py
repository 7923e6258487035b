"""LightningModule around the session engine (manual optimisation): one `training_step`
advances every unfinished session by a block of periods; `strategic.train.fit` provides the
loop, progress, history and checkpoints (the sessions' arrays travel in the checkpoint).
"""

from __future__ import annotations

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
    """

    def __init__(self, sessions: Sessions, table: np.ndarray, alpha, beta, delta: float,
                 block: int, conv: int, max_t: int):
        super().__init__()
        self.automatic_optimization = False
        self.sessions, self.table = sessions, table
        self.alpha, self.beta, self.delta = alpha, beta, delta
        self.block, self.conv, self.max_t = block, conv, max_t
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

    @property
    def blocks(self) -> int:
        """Training steps that suffice for every session to reach `max_t` (fit stops earlier)."""
        return -(-self.max_t // self.block) + 1

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["sessions"] = {k: torch.from_numpy(v.view(np.int64) if v.dtype == np.uint64 else v)
                                  for k, v in self.sessions.arrays().items()}
        checkpoint["session_periods"] = self.session_periods

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        arrays = {k: v.numpy().copy() for k, v in checkpoint["sessions"].items()}
        arrays["rng"] = arrays["rng"].view(np.uint64)
        self.sessions = Sessions(**arrays)
        self.session_periods = checkpoint["session_periods"]
