"""The network (one MLP over the one-hot board, illegal moves masked) and its training
regimes as LightningModules holding only the step logic.

- `MoveClassifier`: full-batch cross-entropy towards target move distributions: next-move
  prediction on logged play (targets = logged move frequencies, weighted by visits: "standard
  training"; the logs of random, block-first, mixed or minimax players), or supervised on
  minimax targets (uniform over the optimal moves) of the positions not held out.
- `SelfPlay`: self-play Q-learning on the outcomes of games the network plays against
  itself (`selfplay`): no solver value and no sweep over positions enters its learning.
"""

from __future__ import annotations

from typing import Callable

import lightning as L
import numpy as np
import torch
from torch import Tensor, nn

from strategic.tictactoe import selfplay
from strategic.tictactoe.selfplay import Rules

NEG = -1e9  # logit of an illegal move


class MLP(nn.Module):
    """27 -> h -> h -> 9 (ReLU); input the one-hot board from the mover's view."""

    def __init__(self, hidden: int, seed: int):
        super().__init__()
        with torch.random.fork_rng(devices=[]):  # nn.Linear's default init, from `seed` only
            torch.manual_seed(seed)
            self.body = nn.Sequential(nn.Linear(27, hidden), nn.ReLU(), nn.Linear(hidden, hidden),
                                      nn.ReLU(), nn.Linear(hidden, 9))

    def forward(self, x: Tensor, legal: Tensor) -> Tensor:
        """x [B, 27], legal [B, 9] bool -> scores [B, 9] with illegal cells at NEG."""
        return self.body(x).masked_fill(~legal, NEG)


class MoveClassifier(L.LightningModule):
    """Full-batch weighted cross-entropy: -sum_s w_s sum_a T[s, a] log p(a | s) / sum_s w_s.

    Args: net; x [N, 27]; legal [N, 9]; target [N, 9] rows summing to 1 where w > 0;
    weight [N] (visits of each position, or 1); lr (Adam).
    """

    def __init__(self, net: MLP, x: Tensor, legal: Tensor, target: Tensor, weight: Tensor, lr: float):
        super().__init__()
        self.net, self.lr = net, lr
        rows = torch.nonzero(weight > 0).squeeze(1)  # only logged positions enter the loss
        self.rows = rows.numpy()  # the positions it trains on (the held-out check reads them)
        self.register_buffer("x", x[rows])
        self.register_buffer("legal", legal[rows])
        self.register_buffer("target", target[rows])
        self.register_buffer("weight", weight[rows] / weight[rows].sum())

    def training_step(self, batch, batch_idx):
        logp = torch.log_softmax(self.net(self.x, self.legal), dim=1)
        loss = -(self.weight * (self.target * logp).sum(1)).sum()
        self.log("train/loss", loss.detach(), on_step=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.net.parameters(), lr=self.lr)


class SelfPlay(L.LightningModule):
    """Self-play Q-learning (see `selfplay`): each training step plays `games` epsilon-greedy
    games of the network against itself, from the empty board, and takes one Adam step on
    the mean squared TD error of the distinct moves played (automatic optimisation).
    Exploration decays linearly from `eps_start` to `eps_end` over `steps`.

    Args: net; rules (no solver values); x [N, 27] features of every position (the games
    index it); games; steps; eps_start, eps_end; gamma (discount per ply); lr, lr_end (Adam,
    cosine annealing); seed (the games' generator, checkpointed); score: optional map from
    the scores of every position [N, 9] to a float, logged as `train/value_rate` every
    `score_every` steps (after the update): it only watches, the learning never reads it.
    """

    def __init__(self, net: MLP, rules: Rules, x: Tensor, games: int, steps: int,
                 eps_start: float, eps_end: float, gamma: float, lr: float, lr_end: float, seed: int,
                 score: Callable[[np.ndarray], float] | None = None, score_every: int = 0):
        super().__init__()
        self.net, self.rules, self.lr, self.lr_end, self.gamma = net, rules, lr, lr_end, gamma
        self.games, self.steps, self.eps = games, steps, (eps_start, eps_end)
        self.register_buffer("x", x)
        self.register_buffer("legal", torch.as_tensor(rules.legal))
        self.rng = np.random.default_rng(seed)
        self.score, self.score_every = score, score_every
        self.curve: list[tuple[int, float]] = []  # (games played, score) during training

    def q(self, rows: np.ndarray) -> np.ndarray:
        """The network's scores of positions `rows` (no gradient), as numpy [B, 9]."""
        with torch.no_grad():
            r = torch.as_tensor(rows, device=self.x.device)
            return self.net(self.x[r], self.legal[r]).cpu().numpy()

    def training_step(self, batch, batch_idx):
        step = int(batch)  # the global step index
        eps = selfplay.epsilon_at(step, self.steps, *self.eps)
        s, a = selfplay.play(self.rules, self.q, self.games, eps, self.rng)
        s, a, y = selfplay.td_targets(self.rules, s, a, self.q, self.gamma)
        rows, cells = torch.as_tensor(s, device=self.x.device), torch.as_tensor(a, device=self.x.device)
        pred = self.net(self.x[rows], self.legal[rows]).gather(1, cells[:, None])[:, 0]
        loss = ((pred - torch.as_tensor(y, dtype=pred.dtype, device=pred.device)) ** 2).mean()
        self.log_dict({"train/loss": loss.detach(), "train/epsilon": eps}, on_step=True)
        return loss

    def on_train_batch_end(self, outputs, batch, batch_idx) -> None:
        """After the update of step `batch`: the watcher's score every `score_every` steps."""
        step = int(batch)
        if self.score is not None and (step + 1) % self.score_every == 0:
            value = float(self.score(self.q(np.arange(len(self.rules.terminal)))))
            self.curve.append(((step + 1) * self.games, value))
            self.log("train/value_rate", value, on_step=True)

    def configure_optimizers(self):
        """Adam, its step size annealed from lr to lr_end along a cosine over the steps."""
        opt = torch.optim.Adam(self.net.parameters(), lr=self.lr)
        cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, self.steps, eta_min=self.lr_end)
        return [opt], [{"scheduler": cos, "interval": "step"}]

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["games_rng"] = self.rng.bit_generator.state
        checkpoint["curve"] = list(self.curve)

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        self.rng.bit_generator.state = checkpoint["games_rng"]
        self.curve = [tuple(p) for p in checkpoint["curve"]]
