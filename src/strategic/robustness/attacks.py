"""Adversarial attacks as small batched functions (Goodfellow et al. ICLR'15; Madry et al.
ICLR'18; Athalye et al. ICML'18; Engstrom et al. ICML'19).

Conventions: inputs x in [0, 1] (any shape [B, ...]), labels y [B] (for a targeted attack,
the target classes). Every attack puts the model in eval mode and restores its mode after,
even on error (`evaluating`), never touches parameter gradients (it differentiates the loss
with respect to the input only) and draws randomness from an explicit CPU `torch.Generator`
(moved to x's device), so results are the same on any device for a given seed.

PGD (ℓ∞): x₀ = clip₀¹(x + U(−ε, ε)) (random start) or x; then
x_{k+1} = clip₀¹(Π_{B∞(x,ε)}(x_k + α·sign ∇ₓ CE(f(x_k), y))) — torchattacks.PGD's loop.
ℓ₂: the step is α·g/‖g‖₂ and Π scales δ to ‖δ‖₂ ≤ ε; the random start is uniform in the ball.
Targeted: descend CE towards the target instead. EOT: the gradient of the mean loss over
`samples` random transformations of x_k (one batched forward of samples·B images).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable

import torch
import torch.nn.functional as F
from torch import Tensor, nn

NORMS = ("linf", "l2")
ATTACKS = ("fgsm", "pgd", "pgd_long", "pgd_fixed_start")   # what the `pgd` variant evaluates


@contextmanager
def evaluating(model: nn.Module):
    """`model.eval()` inside the block; the previous train/eval mode restored on exit."""
    was = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was)


def check_budget(eps: float, step: float | None = None, steps: int | None = None,
                 norm: str = "linf") -> None:
    """One-line ValueErrors for a negative ε, a step larger than ε, a negative step count or
    an unknown norm."""
    if norm not in NORMS:
        raise ValueError(f"unknown norm {norm!r} (known: {', '.join(NORMS)})")
    if eps < 0:
        raise ValueError(f"eps must be >= 0, got {eps}")
    if step is not None and not 0 <= step <= eps:
        raise ValueError(f"step must be in [0, eps={eps}], got {step}")
    if steps is not None and steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")


def _flat_norm(v: Tensor) -> Tensor:
    """Per-example ℓ₂ norm, shaped to broadcast against v [B, ...]."""
    return v.flatten(1).norm(dim=1).clamp_min(1e-12).view(-1, *([1] * (v.dim() - 1)))


def project(x_adv: Tensor, x: Tensor, eps: float, norm: str = "linf") -> Tensor:
    """Π onto the ε-ball around x, then onto [0, 1] (the box keeps ℓ∞ feasibility; for ℓ₂
    clipping only shortens δ coordinate-wise, so ‖δ‖₂ ≤ ε still holds)."""
    d = x_adv - x
    if norm == "linf":
        d = d.clamp(-eps, eps)
    else:
        d = d * (eps / _flat_norm(d)).clamp(max=1.0)
    return (x + d).clamp(0, 1)


def random_start(x: Tensor, eps: float, norm: str, generator: torch.Generator | None) -> Tensor:
    """A uniform draw in the ε-ball around x (ℓ∞: per coordinate; ℓ₂: direction uniform,
    radius ε·U^{1/d}), clipped to [0, 1]."""
    if norm == "linf":
        u = torch.rand(x.shape, generator=generator).to(x.device, x.dtype)
        return (x + (2 * u - 1) * eps).clamp(0, 1)
    g = torch.randn(x.shape, generator=generator).to(x.device, x.dtype)
    r = torch.rand(len(x), generator=generator).to(x.device, x.dtype) ** (1 / x[0].numel())
    return project(x + g / _flat_norm(g) * (eps * r).view(-1, *([1] * (x.dim() - 1))), x, eps, "l2")


def _ascent(grad: Tensor, norm: str) -> Tensor:
    return grad.sign() if norm == "linf" else grad / _flat_norm(grad)


def fgsm(model: nn.Module, x: Tensor, y: Tensor, *, eps: float) -> Tensor:
    """Fast gradient sign method: clip₀¹(x + ε·sign ∇ₓ CE(f(x), y))."""
    check_budget(eps)
    with evaluating(model):
        x0 = x.detach().requires_grad_(True)
        (grad,) = torch.autograd.grad(F.cross_entropy(model(x0), y), x0)
    return (x + eps * grad.sign()).clamp(0, 1).detach()


def pgd(model: nn.Module, x: Tensor, y: Tensor, *, eps: float, step: float, steps: int,
        norm: str = "linf", rand_init: bool = True, targeted: bool = False,
        generator: torch.Generator | None = None,
        transform: Callable[[Tensor, int, torch.Generator], Tensor] | None = None,
        samples: int = 1) -> Tensor:
    """Projected gradient descent (Madry et al. ICLR'18); with `transform`, EOT-PGD.

    Args:
        model: logits of x [B, ...] -> [B, classes].
        x, y: clean inputs in [0, 1] and labels (targets if `targeted`).
        eps, step, steps, norm: budget ε, step α, number of steps, 'linf' | 'l2'.
        rand_init: start from a uniform draw in the ε-ball (else from x).
        targeted: minimise CE towards y instead of maximising it.
        generator: the CPU generator of the random start and of the transformations.
        transform: (x [B,...], n, generator) -> [n·B, ...] random transformations (sample-major,
            differentiable); the step follows the gradient of the mean loss over them (EOT).
        samples: transformations per step (EOT; Athalye et al. use tens).

    Returns x_adv [B, ...], within the ε-ball of x and in [0, 1].
    """
    check_budget(eps, step, steps, norm)
    sign = -1.0 if targeted else 1.0
    x = x.detach()
    x_adv = random_start(x, eps, norm, generator) if rand_init else x.clone()
    with evaluating(model):
        for _ in range(steps):
            x_adv.requires_grad_(True)
            inp = x_adv if transform is None else transform(x_adv, samples, generator)
            target = y if transform is None else y.repeat(samples)
            (grad,) = torch.autograd.grad(F.cross_entropy(model(inp), target), x_adv)
            x_adv = project(x_adv.detach() + sign * step * _ascent(grad, norm), x, eps, norm)
    return x_adv.detach()


@torch.no_grad()
def predict(model: nn.Module, x: Tensor, batch: int = 4096) -> Tensor:
    """Predicted classes [N] in eval mode, in batches of `batch` inputs."""
    with evaluating(model):
        return torch.cat([model(x[i:i + batch]).argmax(1) for i in range(0, len(x), batch)])


def accuracy(model: nn.Module, x: Tensor, y: Tensor) -> float:
    """Share of x classified as y."""
    return float((predict(model, x) == y).float().mean())


def batched(attack: Callable[..., Tensor], model: nn.Module, x: Tensor, y: Tensor, batch: int,
            **kw) -> Tensor:
    """`attack(model, x_i, y_i, **kw)` over minibatches of `batch` inputs, concatenated."""
    return torch.cat([attack(model, x[i:i + batch], y[i:i + batch], **kw)
                      for i in range(0, len(x), batch)])
