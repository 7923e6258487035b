"""Small continuous games with known answers (claims A3, C1, C3), each formula stated once.

Letcher et al.'s game and the convergent control are planar min-max games (x min, y max)
whose GDA fields are pointwise expressions: `planar_field` evaluates them in torch and
`planar_rows` in the numba kernels of the long sequential loops (cached on disk, `cache=True`).
"""

from __future__ import annotations

import math

import numba
import numpy as np
import torch
from numba.extending import register_jitable
from torch import Tensor

from strategic import jitcache
from strategic.games.game import Game, box, planar_field, planar_rows, zero_sum
from strategic.games.planar_play import planar_play

jitcache.configure()   # numba's cache folder, keyed by the kernels' source: before they are defined


def letcher_value(z: Tensor) -> Tensor:
    """Letcher's L(x, y) = xy − x²/2 + y²/2 + x⁴/4 − y⁴/4 (x min, y max), [B]."""
    x, y = z[..., 0], z[..., 1]
    return x * y - x**2 / 2 + y**2 / 2 + x**4 / 4 - y**4 / 4


@register_jitable
def letcher_point(x, y):
    """GDA field of L: (x − y − x³, x + y − y³); the origin repels (eigenvalues 1 ± i)."""
    return x - y - x * x * x, x + y - y * y * y


def control_value(z: Tensor) -> Tensor:
    """The convergent control f = x²/2 + xy − y²/2 (x min, y max), [B]."""
    x, y = z[..., 0], z[..., 1]
    return x**2 / 2 + x * y - y**2 / 2


@register_jitable
def control_point(x, y):
    """GDA field of the control: (−x − y, x − y), eigenvalues −1 ± i."""
    return -x - y, x - y


@numba.njit(cache=True)
def _letcher_kernel(z: np.ndarray) -> np.ndarray:
    """`letcher_point` over the rows of z [B, 2]."""
    return planar_rows(letcher_point, z)


@numba.njit(cache=True)
def _control_kernel(z: np.ndarray) -> np.ndarray:
    """`control_point` over the rows of z [B, 2]."""
    return planar_rows(control_point, z)


@numba.njit(cache=True)
def letcher_play_kernel(method, z0, eta, steps, lo, hi, first, keep, every):
    """`planar_play.planar_play` on Letcher's field (A3; use `planar_play.run`)."""
    return planar_play(letcher_point, method, z0, eta, steps, lo, hi, first, keep, every)


@numba.njit(cache=True)
def control_play_kernel(method, z0, eta, steps, lo, hi, first, keep, every):
    """`planar_play.planar_play` on the control's field (A3; use `planar_play.run`)."""
    return planar_play(control_point, method, z0, eta, steps, lo, hi, first, keep, every)


def letcher_game(b: float = 3.0) -> Game:
    """Letcher et al.'s game on [−b, b]²."""
    return zero_sum("letcher", letcher_value, ("min", "max"), (1, 1), *box(b),
                    field=planar_field(letcher_point), kernel=_letcher_kernel)


def control_game(b: float = 3.0) -> Game:
    """The convergent control on [−b, b]²."""
    return zero_sum("control", control_value, ("min", "max"), (1, 1), *box(b),
                    field=planar_field(control_point), kernel=_control_kernel)


def distance_game() -> Game:
    """u₁ = −u₂ = (x₁ − x₂)² on [−1, 1]² (player 1 maximises the distance, player 2 minimises)."""
    return zero_sum("distance", lambda z: (z[..., 0] - z[..., 1]) ** 2, ("max", "min"), (1, 1),
                    *box(1.0))


def linear_game(r: float = math.inf) -> Game:
    """u(x) = x on [−r, r] (one player; r = ∞: ℝ, V ≡ 1 and no fixed point, S not compact)."""
    return zero_sum("linear" if r == math.inf else "linear-box", lambda z: z[..., 0], ("max",),
                    (1,), (-r,), (r,))


def share_game() -> Game:
    """u_i = x_i on the jointly constrained S = {x ∈ [0, 1]²: x₁ + x₂ ≤ 1}.

    Player i's slice is S_i(x_{−i}) = [0, 1 − x_{−i}], so every x with x₁ + x₂ = 1 is a
    (generalised) first-order local Nash point.
    """
    def slices(y, z):
        return torch.clamp(y, torch.zeros_like(y), 1 - z.flip(-1))
    return Game("share", (1, 1), lambda z: z.clone(), (0.0, 0.0), (1.0, 1.0), (False, False),
                slice_fn=slices)
