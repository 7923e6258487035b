"""Compiled (numba) GDA fields of the toy games, for the long sequential loops of A3, C3, D2.

A torch op costs ~5–10 µs of dispatch on these small batches, so a 30-op field dominates a
2·10⁴-step loop; these kernels compute the same fields as `game.py`'s torch versions (a unit
test checks them against each other) in one compiled pass over the points.
"""

from __future__ import annotations

import numba
import numpy as np


@numba.njit(cache=True)
def f1_field(z: np.ndarray) -> np.ndarray:
    """(−∂θ f1, ∂ω f1) of STON'R's f1 at every row of z [B, 2]."""
    out = np.empty_like(z)
    for k in range(z.shape[0]):
        th, om = z[k, 0], z[k, 1]
        th2, om2 = th * th, om * om
        e = np.exp(-(th2 + om2) / 100)
        r = om - 3 * th + th * th2 / 20
        g = 4 * th2 - r * r - om2 * om2 / 10
        out[k, 0] = (th * g / 50 - (8 * th - 2 * r * (0.15 * th2 - 3))) * e
        out[k, 1] = (-2 * r - 0.4 * om * om2 - om * g / 50) * e
    return out


@numba.njit(cache=True)
def letcher_field(z: np.ndarray) -> np.ndarray:
    """(x − y − x³, x + y − y³): the GDA field of Letcher's L (x min, y max)."""
    out = np.empty_like(z)
    for k in range(z.shape[0]):
        x, y = z[k, 0], z[k, 1]
        out[k, 0] = x - y - x * x * x
        out[k, 1] = x + y - y * y * y
    return out


@numba.njit(cache=True)
def control_field(z: np.ndarray) -> np.ndarray:
    """(−x − y, x − y): the GDA field of f = x²/2 + xy − y²/2 (x min, y max)."""
    out = np.empty_like(z)
    for k in range(z.shape[0]):
        x, y = z[k, 0], z[k, 1]
        out[k, 0] = -x - y
        out[k, 1] = x - y
    return out
