"""A nonconvex landscape where gradient descent still finds minima (claim A1):

    f(x, y) = ½x² + ¼y⁴ − ½y²,  ∇f = (x, y³ − y),  ∇²f = diag(1, 3y² − 1):

strict minima (0, ±1), a strict saddle (0, 0), so GD from almost every start reaches a minimum
(Lee-Simchowitz-Jordan-Recht COLT'16). Matrix factorisation is in `factorisation.py`.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

from strategic.games.game import Game, zero_sum

MINIMA = ((0.0, -1.0), (0.0, 1.0))   # ∇f = 0 and ∇²f = diag(1, 2)
SADDLE = (0.0, 0.0)                  # ∇f = 0 and ∇²f = diag(1, −1)


def value(z: Tensor) -> Tensor:
    """f at every point of z [..., 2] -> [...]."""
    x, y = z[..., 0], z[..., 1]
    return 0.5 * x**2 + 0.25 * y**4 - 0.5 * y**2


def grad(z: Tensor) -> Tensor:
    """∇f = (x, y³ − y); [..., 2]."""
    x, y = z[..., 0], z[..., 1]
    return torch.stack([x, y**3 - y], dim=-1)


def hess_min_eig(z: Tensor) -> Tensor:
    """λ_min(∇²f) = min(1, 3y² − 1) (the Hessian is diagonal); [...]."""
    y = z[..., 1]
    return torch.minimum(torch.ones_like(y), 3 * y**2 - 1)


def game() -> Game:
    """Plain minimisation of f on ℝ² as a one-player Game (field −∇f: gradient play is GD)."""
    return zero_sum("saddle", value, ("min",), (2,), (-math.inf,) * 2, (math.inf,) * 2,
                    field=lambda z: -grad(z))
