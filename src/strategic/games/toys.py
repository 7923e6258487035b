"""Toy objectives of claims A1 and A2, as pure torch functions of batched points.

Convention (CLAIMS.md): in a min-max f(θ, ω), θ minimises and ω maximises; a player's loss is
f for a minimiser and −f for a maximiser.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

import torch
from torch import Tensor


@dataclass(frozen=True)
class ZeroSumGame:
    """f(z_1, ..., z_n) with a role per player ('min' or 'max'); n = 1 is plain minimisation.

    Attributes:
        f: maps the players' tensors (each [B, d_i]) to values [B].
        roles: 'min' or 'max' for each player.
        df: optional analytic partials (∂f/∂z_1, ..., ∂f/∂z_n), each [B, d_i]; autograd otherwise.
    """
    f: Callable[[Sequence[Tensor]], Tensor]
    roles: tuple[str, ...]
    df: Callable[[Sequence[Tensor]], list[Tensor]] | None = None

    def sign(self, i: int) -> float:
        return 1.0 if self.roles[i] == "min" else -1.0

    def loss(self, i: int, players: Sequence[Tensor]) -> Tensor:
        """Player i's loss summed over the batch (so autograd gives per-point gradients)."""
        return self.sign(i) * self.f(players).sum()

    def grad(self, i: int, players: Sequence[Tensor]) -> Tensor:
        """∇_{z_i} of player i's loss at every point, [B, d_i]."""
        if self.df is not None:
            return self.sign(i) * self.df([p.detach() for p in players])[i]
        return torch.autograd.grad(self.loss(i, players), [players[i]])[0]


# A1 ----------------------------------------------------------------------------------------
def a1_f(z: Tensor) -> Tensor:
    """f(x, y) = ½x² + ¼y⁴ − ½y²  (minima (0, ±1), saddle (0, 0)); z: [B, 2] -> [B]."""
    x, y = z[..., 0], z[..., 1]
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def a1_grad(z: Tensor) -> Tensor:
    """∇f = (x, y³ − y); [B, 2]."""
    x, y = z[..., 0], z[..., 1]
    return torch.stack([x, y**3 - y], dim=-1)


def a1_hess_min_eig(z: Tensor) -> Tensor:
    """λ_min(∇²f) = min(1, 3y² − 1) (the Hessian is diagonal); [B]."""
    y = z[..., 1]
    return torch.minimum(torch.ones_like(y), 3 * y**2 - 1)


A1_GAME = ZeroSumGame(lambda ps: a1_f(ps[0]), ("min",), lambda ps: [a1_grad(ps[0])])


# A2 ----------------------------------------------------------------------------------------
def bilinear_f(players: Sequence[Tensor]) -> Tensor:
    """f(x, y) = x·y, x minimises, y maximises; x, y: [B, d] -> [B]."""
    x, y = players
    return (x * y).sum(-1)


BILINEAR = ZeroSumGame(bilinear_f, ("min", "max"), lambda ps: [ps[1], ps[0]])


def linear_wgan(v: Tensor) -> ZeroSumGame:
    """u(θ, w) = ⟨w, v − θ⟩: generator θ (min) shifts noise, linear critic w (max).

    The WGAN toy of Daskalakis-Ilyas-Syrgkanis-Zeng (ICLR'18); equilibrium θ = v, w = 0.
    """
    return ZeroSumGame(lambda ps: (ps[1] * (v - ps[0])).sum(-1), ("min", "max"),
                       lambda ps: [-ps[1], v - ps[0]])


def bilinear_rates(eta: float) -> dict[str, float]:
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


# f1 of STON'R (Daskalakis-Golowich-Skoulakis-Zampetakis COLT'23) ----------------------------
def _f1_derivs(th, om, exp, hessian: bool = True):
    """f1 and its closed-form partials at (θ, ω): (f, f_θ, f_ω[, f_θθ, f_θω, f_ωω]).

    f1 = g·e with g = 4θ² − r² − ω⁴/10, r = ω − 3θ + θ³/20 and e = exp(−‖z‖²/100);
    f_a = e·(g_a − a g/50) and f_ab = e·(g_ab − (a g_b + b g_a)/50 − δ_ab g/50 + a b g/2500).
    Works on torch tensors (exp = torch.exp) and on plain floats (exp = math.exp).
    """
    r = om - 3 * th + th**3 / 20
    r_t = -3 + 3 * th**2 / 20
    g = 4 * th**2 - r**2 - om**4 / 10
    g_t, g_o = 8 * th - 2 * r * r_t, -2 * r - 0.4 * om**3
    e = exp(-(th**2 + om**2) / 100)
    first = (g * e, (g_t - th * g / 50) * e, (g_o - om * g / 50) * e)
    if not hessian:
        return first
    g_tt = 8 - 2 * r_t**2 - 2 * r * (0.3 * th)
    g_oo = -2 - 1.2 * om**2
    g_to = -2 * r_t
    return first + (e * (g_tt - 2 * th * g_t / 50 - g / 50 + th**2 * g / 2500),
                    e * (g_to - (th * g_o + om * g_t) / 50 + th * om * g / 2500),
                    e * (g_oo - 2 * om * g_o / 50 - g / 50 + om**2 * g / 2500))


def f1(z: Tensor) -> Tensor:
    """f1(θ, ω) = (4θ² − (ω − 3θ + θ³/20)² − ω⁴/10)·exp(−(θ² + ω²)/100); θ min, ω max. [B]."""
    return _f1_derivs(z[..., 0], z[..., 1], torch.exp, hessian=False)[0]


def f1_grad(z: Tensor) -> Tensor:
    """(∂θ f1, ∂ω f1); [B, 2]. Zero at (0, 0)."""
    _, f_t, f_o = _f1_derivs(z[..., 0], z[..., 1], torch.exp, hessian=False)
    return torch.stack([f_t, f_o], dim=-1)


def f1_hess(z: Tensor) -> Tensor:
    """Closed-form Hessian of f1, [B, 2, 2]; at (0, 0) it is [[−10, 6], [6, −2]]."""
    *_, h_tt, h_to, h_oo = _f1_derivs(z[..., 0], z[..., 1], torch.exp)
    return torch.stack([torch.stack([h_tt, h_to], -1), torch.stack([h_to, h_oo], -1)], -2)


def f1_grad_hess_float(th: float, om: float) -> tuple[float, float, float, float, float]:
    """(f_θ, f_ω, f_θθ, f_θω, f_ωω) at one point in plain floats (STON'R's sequential steps)."""
    return _f1_derivs(th, om, math.exp)[1:]


F1_GAME = ZeroSumGame(lambda ps: f1(torch.cat(ps, -1)), ("min", "max"),
                      lambda ps: list(f1_grad(torch.cat(ps, -1)).split(1, -1)))
