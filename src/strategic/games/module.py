"""LightningModule running a multi-player update rule on a batched game (manual optimisation).

One `training_step` advances every initial point by `block` iterations, so Lightning's
per-step overhead is paid once per block; the per-iteration work is a few batched tensor ops.
"""

from __future__ import annotations

from typing import Callable, Sequence

import lightning as L
import torch
from torch import Tensor, nn

from strategic.games.dynamics import UpdateRule, param_snapshot, sgd_step
from strategic.games.toys import ZeroSumGame

Observer = Callable[[int, list[Tensor]], dict[str, float] | None]


class GameDynamics(L.LightningModule):
    """Players' tensors are parameters [B, d_i], moved by plain gradient steps p ← p − η g.

    The toy games' steps are the textbook SGD steps of `dynamics.py` applied in place (a
    torch optimiser per player costs ~3× the whole iteration on these tiny tensors); the GAN
    modules pass the same rules an Adam `step` instead.

    Args:
        game: the objective and each player's role.
        init: initial tensors, one per player, each [B, d_i] (B independent initial points).
        rule: 'gda', 'alt_gda', 'ogda' or 'eg' (see `dynamics.py`).
        lr: step size η.
        block: iterations per training_step.
        total: iterations in all (the last block may be shorter).
        observer: called as observer(t, players) after every iteration (t = 1, 2, ...); a
            dict it returns is logged with `self.log_dict` at the end of the block.
    """

    def __init__(self, game: ZeroSumGame, init: Sequence[Tensor], rule: str, lr: float,
                 block: int, total: int, observer: Observer | None = None):
        super().__init__()
        self.automatic_optimization = False
        self.players = nn.ParameterList([nn.Parameter(z.detach().clone()) for z in init])
        self.game, self.lr, self.block, self.observer = game, lr, block, observer
        self.total = total
        self.rule = UpdateRule(rule, len(init))
        self.t = 0

    def configure_optimizers(self):
        return None  # steps are applied by `sgd_step` inside training_step

    def training_step(self, batch, batch_idx):
        players = [[p] for p in self.players]
        flat = list(self.players)
        grad = lambda i: [self.game.grad(i, flat)]  # noqa: E731
        step = sgd_step(players, self.lr)
        snapshot, restore = param_snapshot(players)
        logs = None
        for _ in range(min(self.block, self.total - self.t)):
            self.rule(grad, step, snapshot, restore)
            self.t += 1
            if self.observer is not None:
                logs = self.observer(self.t, [p.detach() for p in self.players]) or logs
        if logs:
            self.log_dict({f"train/{k}": float(v) for k, v in logs.items()}, on_step=True)


def run_dynamics(game: ZeroSumGame, init: Sequence[Tensor], rule: str, lr: float, steps: int,
                 block: int, observer: Observer | None = None, logger=None) -> list[Tensor]:
    """Fit `GameDynamics` for exactly `steps` iterations; returns the final players."""
    n_blocks = -(-steps // block)
    module = GameDynamics(game, init, rule, lr, block, steps, observer)
    trainer = L.Trainer(max_epochs=1, accelerator="cpu", devices=1, logger=logger or False,
                         enable_checkpointing=False, enable_progress_bar=False,
                         enable_model_summary=False, log_every_n_steps=1, precision="64-true")
    loader = torch.utils.data.DataLoader(range(n_blocks), batch_size=None)
    trainer.fit(module, loader)
    return [p.detach().clone() for p in module.players]
