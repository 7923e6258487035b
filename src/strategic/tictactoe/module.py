"""The network (one MLP over the one-hot board, illegal moves masked) and its three training
regimes as LightningModules holding only the step logic. Every step is full-batch over
precomputed position tensors (all 5478 positions fit in one batch).

- `MoveClassifier`: cross-entropy towards target move distributions: next-move prediction on
  logged play (targets = logged move frequencies, weighted by visits: "standard training"),
  or supervised on minimax targets (uniform over optimal moves, every position once).
- `SelfPlay`: self-play on the game outcome (policy iteration): the same cross-entropy, with
  targets = the moves whose self-play game, played out by the network's own greedy policy,
  ends best for the mover; refreshed every round. No solver value enters.
"""

from __future__ import annotations

import lightning as L
import numpy as np
import torch
from torch import Tensor, nn

from strategic.tictactoe import policies
from strategic.tictactoe.positions import Positions

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


class SelfPlay(MoveClassifier):
    """Self-play policy iteration on the game outcome, every `steps_per_round` steps:
    the network's greedy policy plays itself from every legal (position, move) (exploring
    starts; play is deterministic, so one game per pair gives its exact outcome), and the
    targets become uniform over the moves with the best outcome (fastest win, slowest loss).
    Positions k plies from the end are right after k rounds once the fit is exact, so ~9
    rounds suffice (backward induction); no solver value is used.

    Args: net; pos (position tables); x [N, 27]; steps_per_round; lr.
    """

    def __init__(self, net: MLP, pos: Positions, x: Tensor, steps_per_round: int, lr: float):
        legal = torch.as_tensor(pos.legal)
        weight = torch.as_tensor(~pos.terminal, dtype=torch.float32)
        super().__init__(net, x, legal, torch.zeros(legal.shape), weight, lr)
        self.pos, self.steps_per_round = pos, steps_per_round
        self.rows = pos.nonterminal
        self.changed: list[float] = []  # share of positions whose target moved, per round

    def _new_targets(self) -> None:
        with torch.no_grad():
            scores = self.net(self.x, self.legal).cpu().numpy()        # [M, 9]
        moves = np.zeros(len(self.pos.boards), dtype=np.int64)
        moves[self.rows] = scores.argmax(1)
        ret = policies.rollout_scores(self.pos, moves)[self.rows]      # [M, 9]
        best = ret == ret.max(1, keepdims=True)
        target = torch.as_tensor(best / best.sum(1, keepdims=True), dtype=torch.float32)
        self.changed.append(float((target != self.target.cpu()).any(1).float().mean()))
        self.target = target.to(self.device)

    def training_step(self, batch, batch_idx):
        if batch % self.steps_per_round == 0:  # batch = the global step index
            self._new_targets()
            self.log("train/targets_changed", self.changed[-1], on_step=True)
        return super().training_step(batch, batch_idx)

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["changed"] = list(self.changed)

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        self.changed = list(checkpoint["changed"])
