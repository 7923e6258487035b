"""First-order local Nash points as zeros of the residual (claim C1), on 2-D boxes.

res(z) = max_i ‖z_i − Π_{S_i(z_{−i})}(z_i + V_i(z))‖ is zero exactly at the fixed points of
projected GD-vs-GD. It is Λ-Lipschitz with Λ = 2 + Lip(V) (Π is non-expansive), so a square
cell of half-diagonal r whose centre has res > Λr holds no zero: `zero_free_cells` certifies
this by refining the uncertified cells (a quadtree), vectorised per level.
"""

from __future__ import annotations

import math
from typing import Sequence

import torch
from torch import Tensor

from strategic.games.game import Game, grid_points, residual


def residual_map(game: Game, lo: Sequence[float], hi: Sequence[float], n: int) -> tuple[Tensor, Tensor]:
    """Grid points [n², 2] of the box and the residual at each, [n²]."""
    z = grid_points(lo, hi, n)
    return z, residual(game, z)


def field_lipschitz(game: Game, lo: Sequence[float], hi: Sequence[float], n: int = 301,
                    margin: float = 1.1) -> float:
    """Lip(V) on the box, estimated as margin × max ‖∂V/∂z‖₂ over an n × n grid."""
    jac = game.jacobian(grid_points(lo, hi, n))
    return margin * float(torch.linalg.matrix_norm(jac, ord=2).max())


def zero_free_cells(game: Game, lo: Sequence[float], hi: Sequence[float], n0: int, lip: float,
                    depth: int) -> dict[str, Tensor | float]:
    """Certify cells of an n0 × n0 partition of the box (refined `depth` times) free of zeros.

    A cell with centre c and half-diagonal r is certified when res(c) > (2 + lip)·r; the
    others are split in four, `depth` times. Returns the uncertified cells' centres [M, 2],
    their half-diagonal, and the number of residual evaluations.
    """
    lam = 2.0 + lip
    w = torch.tensor([(hi[0] - lo[0]) / n0, (hi[1] - lo[1]) / n0], dtype=torch.float64)
    k = torch.arange(n0, dtype=torch.float64) + 0.5
    yy, xx = torch.meshgrid(lo[1] + w[1] * k, lo[0] + w[0] * k, indexing="ij")
    c = torch.stack([xx.reshape(-1), yy.reshape(-1)], -1)
    evals = 0
    quarter = torch.tensor([[-1, -1], [1, -1], [-1, 1], [1, 1]], dtype=torch.float64) / 4
    for level in range(depth + 1):
        r = 0.5 * float(w.norm())
        keep = residual(game, c) <= lam * r
        evals += len(c)
        c = c[keep]
        if level == depth or not len(c):
            break
        c = (c.unsqueeze(1) + quarter * w).reshape(-1, 2)
        w = w / 2
    return {"centres": c, "half_diagonal": 0.5 * float(w.norm()), "evals": float(evals),
            "lambda": lam}


def min_residual_curve(game: Game, lo: Sequence[float], hi: Sequence[float],
                       ns: Sequence[int]) -> list[tuple[float, float]]:
    """(h, min over the n × n grid of res) for each n: → 0 as h → 0 when a zero exists."""
    out = []
    for n in ns:
        _, r = residual_map(game, lo, hi, n)
        out.append(((hi[0] - lo[0]) / (n - 1), float(r.min())))
    return out


def loglog_slope(x: Sequence[float], y: Sequence[float]) -> float:
    """Least-squares slope of log y against log x."""
    lx = torch.tensor([math.log(v) for v in x], dtype=torch.float64)
    ly = torch.tensor([math.log(v) for v in y], dtype=torch.float64)
    lx, ly = lx - lx.mean(), ly - ly.mean()
    return float((lx * ly).sum() / (lx * lx).sum())
