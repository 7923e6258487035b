"""First-order local Nash points as zeros of the residual (claim C1), on 2-D boxes.

res(z) = max_i ‖z_i − Π_{S_i(z_{−i})}(z_i + V_i(z))‖ is zero exactly at the fixed points of
projected GD-vs-GD. On a cell it is Λ-Lipschitz with Λ = 2 + Lip_cell(V) (Π is non-expansive),
so a square cell of half-diagonal r whose centre has res > Λr holds no zero:
`zero_free_cells` certifies this by refining the uncertified cells (a quadtree), vectorised
per level, with a *proven* Lip_cell(V) per cell (interval arithmetic on the closed-form
second derivatives, `f1.cell_field_lipschitz`), never a maximum over samples.
"""

from __future__ import annotations

import math
from typing import Callable, Sequence

import numpy as np
import torch
from torch import Tensor

from strategic.games.game import Game, grid_points, residual


def residual_map(game: Game, lo: Sequence[float], hi: Sequence[float], n: int) -> tuple[Tensor, Tensor]:
    """Grid points [n², 2] of the box and the residual at each, [n²]."""
    z = grid_points(lo, hi, n)
    return z, residual(game, z)


def field_lipschitz(game: Game, lo: Sequence[float], hi: Sequence[float], n: int = 301) -> float:
    """max ‖∂V/∂z‖₂ over an n × n grid of the box: a sampled estimate of Lip(V), reported for
    comparison only (a maximum over samples proves nothing between the samples)."""
    jac = game.jacobian(grid_points(lo, hi, n))
    return float(torch.linalg.matrix_norm(jac, ord=2).max())


CellLipschitz = Callable[[np.ndarray, np.ndarray], np.ndarray]
RES_ROUNDING = 1e-12  # bound on the float64 error of res at a point of O(10) numbers


def constant_lipschitz(lip: float) -> CellLipschitz:
    """Cells' Lipschitz bounds for a field with a proven global constant (e.g. a linear V:
    Lip V = ‖J‖₂ exactly)."""
    return lambda lo, hi: np.full(len(lo), float(lip))


def certified_zero_free(res_centre: np.ndarray, half_diagonal: np.ndarray, lip: np.ndarray) -> np.ndarray:
    """Cells proven to hold no zero of res, [M] bool.

    Why it is a proof: res(z) = max_i ‖w_i(z)‖ with w(z) = z − Π(z + V(z)); Π is a projection
    onto a convex set, hence non-expansive, so ‖w(z) − w(z')‖ ≤ (1 + 1 + Lip V)‖z − z'‖ and
    |res(z) − res(z')| ≤ ‖w(z) − w(z')‖. With Λ = 2 + Lip_cell(V), every z of a cell with centre
    c and half-diagonal r has res(z) ≥ res(c) − Λr > 0 when res(c) > Λr. The float64 error of
    the computed res(c) (< RES_ROUNDING) is subtracted, and Λr rounded up.
    """
    lam_r = (2.0 + lip) * half_diagonal * (1 + 1e-12)
    return res_centre - RES_ROUNDING > lam_r


def zero_free_cells(game: Game, lo: Sequence[float], hi: Sequence[float], n0: int,
                    lip: CellLipschitz, depth: int) -> dict[str, Tensor | float]:
    """Certify cells of an n0 × n0 partition of the box (refined `depth` times) free of zeros.

    lip(cell_lo, cell_hi) -> [M] must be a proven bound of Lip(V) on each cell ([M, 2] corners;
    e.g. `f1.cell_field_lipschitz`); a cell is certified by `certified_zero_free`, the others
    are split in four, `depth` times. Returns the uncertified cells' centres [M, 2], their
    half-diagonal, the number of residual evaluations and the largest cell bound of the first
    level (a proven Lip V on the whole box).
    """
    w = torch.tensor([(hi[0] - lo[0]) / n0, (hi[1] - lo[1]) / n0], dtype=torch.float64)
    k = torch.arange(n0, dtype=torch.float64) + 0.5
    yy, xx = torch.meshgrid(lo[1] + w[1] * k, lo[0] + w[0] * k, indexing="ij")
    c = torch.stack([xx.reshape(-1), yy.reshape(-1)], -1)
    evals, lip_box = 0, math.nan
    quarter = torch.tensor([[-1, -1], [1, -1], [-1, 1], [1, 1]], dtype=torch.float64) / 4
    for level in range(depth + 1):
        cn, half = c.numpy(), (w / 2).numpy()
        bound = np.asarray(lip(cn - half, cn + half), dtype=np.float64)
        lip_box = float(bound.max()) if level == 0 else lip_box
        keep = ~certified_zero_free(residual(game, c).numpy(), float(np.linalg.norm(half)), bound)
        evals += len(c)
        c = c[torch.from_numpy(keep)]
        if level == depth or not len(c):
            break
        c = (c.unsqueeze(1) + quarter * w).reshape(-1, 2)
        w = w / 2
    return {"centres": c, "half_diagonal": 0.5 * float(w.norm()), "evals": float(evals),
            "lip_box": lip_box}


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
