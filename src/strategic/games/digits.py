"""'Local minima are good enough' (claim A1): MLPs on scikit-learn's 8×8 digits, many seeds.

All seeds train at once as an ensemble of independent networks with stacked weights
[S, ...] (one batched matmul per layer instead of S small ones). The members share nothing:
the loss is a sum of per-member losses and SGD with momentum acts elementwise, so each member
follows exactly the trajectory it would follow alone with its own init and data order.
`EnsembleClassifier` holds only the step logic (DESIGN §5).
"""

from __future__ import annotations

import math

import lightning as L
import numpy as np
import torch
from torch import Tensor, nn

from strategic.data.digits import load_digits_split  # noqa: F401  (the shared loader)
from strategic.train import members


class EnsembleMLP(nn.Module):
    """S independent MLPs d_in → h → h → d_out (ReLU), member s initialised from seeds[s].

    Initialisation is nn.Linear's default, U(−1/√fan_in, 1/√fan_in) for weights and biases.
    Input [S, B, d_in] -> logits [S, B, d_out].
    """

    def __init__(self, seeds: list[int], d_in: int, hidden: int, d_out: int):
        super().__init__()
        dims = [d_in, hidden, hidden, d_out]
        gens = [torch.Generator().manual_seed(s) for s in seeds]
        self.weights, self.biases = nn.ParameterList(), nn.ParameterList()
        for a, b in zip(dims[:-1], dims[1:]):
            bound = 1 / math.sqrt(a)
            w = torch.stack([(2 * torch.rand(a, b, generator=g) - 1) * bound for g in gens])
            c = torch.stack([(2 * torch.rand(1, b, generator=g) - 1) * bound for g in gens])
            self.weights.append(nn.Parameter(w))   # [S, a, b]
            self.biases.append(nn.Parameter(c))    # [S, 1, b]

    def forward(self, x: Tensor) -> Tensor:
        for i, (w, b) in enumerate(zip(self.weights, self.biases)):
            x = torch.baddbmm(b, x, w)
            if i < len(self.weights) - 1:
                x = torch.relu(x)
        return x


def member_losses(logits: Tensor, y: Tensor) -> Tensor:
    """Mean cross-entropy of each member; logits [S, B, C], y [S, B] -> [S]."""
    s, b, c = logits.shape
    return nn.functional.cross_entropy(logits.reshape(s * b, c), y.reshape(-1),
                                       reduction="none").reshape(s, b).mean(1)


class EnsembleClassifier(L.LightningModule):
    """Sum of the members' cross-entropies, SGD with momentum.

    Logs the mean member loss per epoch and, given the training split (x_full, y_full), each
    member's exact loss on it after every epoch as `train/loss@k` (routed to member k's run
    by `strategic.train`).
    """

    def __init__(self, net: EnsembleMLP, lr: float, momentum: float,
                 x_full: Tensor | None = None, y_full: Tensor | None = None):
        super().__init__()
        self.net, self.lr, self.momentum = net, lr, momentum
        self.x_full, self.y_full = x_full, y_full

    def training_step(self, batch, batch_idx):
        x, y = batch                       # [S, B, d], [S, B]
        losses = member_losses(self.net(x), y)
        self.log("train/mean_loss", losses.mean().detach(), on_step=False, on_epoch=True)
        return losses.sum()

    def on_train_epoch_end(self):
        if self.x_full is not None:
            self.log_dict(members("train/loss", evaluate(self.net, self.x_full, self.y_full)[0]))
            self.net.train()

    def configure_optimizers(self):
        return torch.optim.SGD(self.net.parameters(), lr=self.lr, momentum=self.momentum)


class SeedBatches(torch.utils.data.IterableDataset):
    """Per-member shuffled minibatches: each epoch member s draws its own permutation."""

    def __init__(self, x: Tensor, y: Tensor, seeds: list[int], batch_size: int):
        self.x, self.y, self.bs = x, y, batch_size
        self.gens = [torch.Generator().manual_seed(10_000 + s) for s in seeds]

    def __len__(self) -> int:
        return math.ceil(len(self.y) / self.bs)

    def __iter__(self):
        perms = torch.stack([torch.randperm(len(self.y), generator=g) for g in self.gens])
        for i in range(0, len(self.y), self.bs):
            idx = perms[:, i:i + self.bs]       # [S, B]
            yield self.x[idx], self.y[idx]


@torch.no_grad()
def evaluate(net: EnsembleMLP, x: Tensor, y: Tensor) -> tuple[np.ndarray, np.ndarray]:
    """Per-member (mean cross-entropy, accuracy) on the shared data (x [N, d], y [N])."""
    net.eval()
    s = len(net.weights[0])
    dev = net.weights[0].device
    logits = net(x.to(dev).expand(s, *x.shape))
    yy = y.to(dev).expand(s, len(y))
    return (member_losses(logits, yy).cpu().numpy(),
            (logits.argmax(-1) == yy).float().mean(1).cpu().numpy())
