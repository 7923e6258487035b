"""The networks (plain `nn.Module`s) and the three training regimes as LightningModules holding
only the step logic: standard (ERM), PGD adversarial training (Madry et al. ICLR'18: each
minibatch replaced by its PGD adversarial examples) and worst-of-k spatial training (Engstrom
et al. ICML'19: each image replaced by the worst of k random rotations/translations)."""

from __future__ import annotations

import math

import lightning as L
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from strategic.robustness import attacks, spatial

ARCHS = ("mlp", "cnn")


def make_net(arch: str, shape: tuple[int, ...], hidden: int, classes: int, seed: int) -> nn.Module:
    """A fresh network for inputs of `shape` (C, H, W), initialised from `seed` only.

    'mlp': flatten → hidden → hidden → classes (ReLU). 'cnn': Madry et al.'s MNIST network,
    conv 32@5×5 → pool → conv 64@5×5 → pool → fc `hidden` → classes (any C, H, W divisible by 4).
    """
    if arch not in ARCHS:
        raise ValueError(f"unknown architecture {arch!r} (known: {', '.join(ARCHS)})")
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        if arch == "mlp":
            return nn.Sequential(nn.Flatten(), nn.Linear(math.prod(shape), hidden), nn.ReLU(),
                                 nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, classes))
        c, h, w = shape
        return nn.Sequential(
            nn.Conv2d(c, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(64 * (h // 4) * (w // 4), hidden), nn.ReLU(), nn.Linear(hidden, classes))


class Classifier(L.LightningModule):
    """Standard training: minibatch cross-entropy, Adam. Subclasses change only `inputs`."""

    def __init__(self, net: nn.Module, lr: float):
        super().__init__()
        self.net, self.lr = net, lr

    def inputs(self, x: Tensor, y: Tensor) -> Tensor:
        """The inputs the step trains on (standard training: the clean batch)."""
        return x

    def training_step(self, batch, batch_idx):
        x, y = batch
        logits = self.net(self.inputs(x, y))
        loss = F.cross_entropy(logits, y)
        self.log("train/loss", loss.detach(), on_step=False, on_epoch=True)
        self.log("train/acc", (logits.argmax(1) == y).float().mean(), on_step=False, on_epoch=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.net.parameters(), lr=self.lr)

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        """The attack's generator as of the checkpoint (a resumed fit draws what it would have)."""
        if getattr(self, "gen", None) is not None:
            checkpoint["attack_gen"] = self.gen.get_state()

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        if "attack_gen" in checkpoint:
            self.gen.set_state(checkpoint["attack_gen"])


class PGDTraining(Classifier):
    """Madry et al.'s min-max training: min_θ E max_{‖δ‖∞≤ε} CE(f_θ(x+δ), y), the inner max by
    `steps` of PGD with random start (the attack runs with the model in eval mode)."""

    def __init__(self, net: nn.Module, lr: float, eps: float, step: float, steps: int,
                 generator: torch.Generator):
        super().__init__(net, lr)
        self.eps, self.step, self.steps, self.gen = eps, step, steps, generator

    def inputs(self, x, y):
        return attacks.pgd(self.net, x, y, eps=self.eps, step=self.step, steps=self.steps,
                           generator=self.gen)


class WorstOfKTraining(Classifier):
    """Engstrom et al.'s worst-of-k training: each image replaced by the highest-loss of k
    random transformations (rotation ±max_angle, translation ±max_shift px)."""

    def __init__(self, net: nn.Module, lr: float, k: int, max_angle: float, max_shift: float,
                 generator: torch.Generator):
        super().__init__(net, lr)
        self.k, self.max_angle, self.max_shift, self.gen = k, max_angle, max_shift, generator

    def inputs(self, x, y):
        return spatial.worst_of_k(self.net, x, y, self.k, self.max_angle, self.max_shift, self.gen)


class Batches(torch.utils.data.IterableDataset):
    """Shuffled minibatches of (x, y) tensors, one permutation per epoch from `generator`
    (slices, no per-item collation; `strategic.train.fit` finds and checkpoints the generator)."""

    def __init__(self, x: Tensor, y: Tensor, batch_size: int, generator: torch.Generator):
        self.x, self.y, self.bs, self.generator = x, y, batch_size, generator

    def __len__(self) -> int:
        return math.ceil(len(self.y) / self.bs)

    def __iter__(self):
        perm = torch.randperm(len(self.y), generator=self.generator)
        for i in range(0, len(self.y), self.bs):
            idx = perm[i:i + self.bs]
            yield self.x[idx], self.y[idx]
