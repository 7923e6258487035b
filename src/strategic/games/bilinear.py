"""Bilinear games, where simultaneous GDA spirals out (claim A2).

x·y (x min, y max) and the linear WGAN toy u(θ, w) = ⟨w, v − θ⟩ of Daskalakis-Ilyas-
Syrgkanis-Zeng (ICLR'18), equilibrium θ = v, w = 0. On x·y every rule is a linear map of
z = (x, y), and `rates` gives its exact per-step norm factor.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from strategic.games.game import Game, box, zero_sum


def xy_game(d: int = 1, b: float = math.inf) -> Game:
    """f(x, y) = ⟨x, y⟩ on [−b, b]^{2d}; players x, y ∈ ℝ^d. V = (−y, x)."""
    def f(z: Tensor) -> Tensor:
        return (z[..., :d] * z[..., d:]).sum(-1)

    def field(z: Tensor) -> Tensor:
        return torch.cat([-z[..., d:], z[..., :d]], -1)
    return zero_sum("xy", f, ("min", "max"), (d, d), *box(b, 2 * d), field=field)


def linear_wgan(v: Tensor) -> Game:
    """u(θ, w) = ⟨w, v − θ⟩: generator θ ∈ ℝ^d (min) shifts noise, linear critic w (max).

    v: [1, d]. V = (w, v − θ).
    """
    d = v.shape[-1]

    def f(z: Tensor) -> Tensor:
        return (z[..., d:] * (v - z[..., :d])).sum(-1)

    def field(z: Tensor) -> Tensor:
        return torch.cat([z[..., d:], v - z[..., :d]], -1)
    return zero_sum("linear-wgan", f, ("min", "max"), (d, d), *box(math.inf, 2 * d), field=field)


def rates(eta: float) -> dict[str, float]:
    """Exact per-step norm factors on x·y (eigenvalues of the linear update maps).

    GDA: |1 + iη| = √(1+η²); EG: |1 − η² + iη| = √(1−η²+η⁴);
    OGDA: the dominant root of λ² = λ(1 + 2iη) − iη, i.e. |(1 + 2iη + √(1−4η²))/2|.
    Alternating GDA is area-preserving (determinant 1): factor 1, bounded orbit.
    """
    return {
        "gda": math.sqrt(1 + eta**2),
        "eg": math.sqrt(1 - eta**2 + eta**4),
        "ogda": abs((1 + 2j * eta + math.sqrt(1 - 4 * eta**2)) / 2),
        "alt_gda": 1.0,
    }
