"""Nonconvex matrix factorisation min_U ¼‖UUᵀ − M‖²_F by gradient descent (claim A1).

Every local minimum of this problem is global when M is PSD of rank r (Ge-Jin-Zheng ICML'17),
so GD from small random initial points should always reach M.
"""

from __future__ import annotations

import torch
from torch import Tensor


def random_psd(n: int, r: int, gen: torch.Generator) -> Tensor:
    """M = A Aᵀ / n with A ~ N(0, 1)^{n×r}: PSD of rank r; [n, n] float64."""
    a = torch.randn(n, r, generator=gen, dtype=torch.float64)
    return a @ a.T / n


def loss(u: Tensor, m: Tensor) -> Tensor:
    """¼‖UUᵀ − M‖²_F per initial point; u: [B, n, r] -> [B]."""
    return 0.25 * ((u @ u.mT - m) ** 2).sum((-2, -1))


def grad(u: Tensor, m: Tensor) -> Tensor:
    """∇_U ¼‖UUᵀ − M‖²_F = (UUᵀ − M) U for symmetric M; [B, n, r]."""
    return (u @ u.mT - m) @ u


def factorise(m: Tensor, u0: Tensor, lr: float, steps: int) -> dict[str, Tensor]:
    """Batched GD from u0 [B, n, r] with step lr / λ_max(M).

    Returns the final factors, the relative error ‖UUᵀ − M‖_F / ‖M‖_F per point, and the
    loss history [steps + 1, B].
    """
    eta = lr / torch.linalg.eigvalsh(m)[-1]
    u, hist = u0.clone(), [loss(u0, m)]
    for _ in range(steps):
        u = u - eta * grad(u, m)
        hist.append(loss(u, m))
    rel = torch.linalg.matrix_norm(u @ u.mT - m) / torch.linalg.matrix_norm(m)
    return {"u": u, "rel_error": rel, "loss": torch.stack(hist)}
