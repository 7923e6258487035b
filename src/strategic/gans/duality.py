"""Kantorovich-Rubinstein duality, exactly: pairs of distributions with known W₁, the exact
W₁ of samples, and the richest critic (the LP over all 1-Lipschitz functions on the pooled
samples).

    W₁(p, q) = max_{f 1-Lipschitz} E_p f − E_q f                      (Villani 2009, Thm 5.10)

Every pair lives in R² (1-D pairs on the x-axis), so one batched critic trains on all pairs.
Exact W₁: `scipy.stats.wasserstein_distance` in 1-D, POT's exact EMD (`ot.emd2`) in 2-D.
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import torch
from torch import Tensor

from strategic.gans import ring

Sampler = Callable[[int, torch.Generator], Tensor]


def _gauss1d(mean: float, sd: float) -> Sampler:
    def draw(n, gen):
        x = mean + sd * torch.randn(n, generator=gen)
        return torch.stack([x, torch.zeros(n)], 1)
    return draw


def _ring(rotation: float = 0.0) -> Sampler:
    c, s = math.cos(rotation), math.sin(rotation)
    rot = torch.tensor([[c, s], [-s, c]])
    return lambda n, gen: ring.sample(n, gen) @ rot


def _normal2d(n, gen):
    return torch.randn(n, 2, generator=gen)


SHIFTS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)   # CLAIMS E1: N(mu, 1) vs N(0, 1)
# name -> (sample p, sample q, dimension); CLAIMS E1's pairs
PAIRS: dict[str, tuple[Sampler, Sampler, int]] = {
    "shift1d": (_gauss1d(0, 1), _gauss1d(2, 1), 1),
    "scale1d": (_gauss1d(0, 1), _gauss1d(0, 2), 1),          # N(0, 1) vs N(0, 4): sd 2
    "ring_gauss": (_ring(), _normal2d, 2),
    "ring_rotated": (_ring(), _ring(math.pi / 8), 2),        # rotated by 22.5 degrees
    **{f"shift{m:g}": (_gauss1d(m, 1), _gauss1d(0, 1), 1) for m in SHIFTS},
}
SHIFT_PAIRS = tuple(f"shift{m:g}" for m in SHIFTS)


def exact_w1(x: np.ndarray, y: np.ndarray, dim: int) -> float:
    """W₁ of two equal-size samples [n, 2]: scipy in 1-D (x-coordinates), POT's EMD in 2-D."""
    if dim == 1:
        from scipy.stats import wasserstein_distance
        return float(wasserstein_distance(x[:, 0], y[:, 0]))
    import ot
    return float(ot.emd2([], [], ot.dist(x, y, metric="euclidean"), numItermax=10**7))


def reference_w1(pair: str, n: int, draws: int, gen: torch.Generator) -> tuple[float, float]:
    """Mean and s.d. of the exact W₁ of `draws` fresh sample pairs of size n."""
    p, q, dim = PAIRS[pair]
    vals = [exact_w1(p(n, gen).double().numpy(), q(n, gen).double().numpy(), dim)
            for _ in range(draws)]
    return float(np.mean(vals)), float(np.std(vals, ddof=1)) if draws > 1 else 0.0


def lp_critic(x: np.ndarray, y: np.ndarray, dim: int, knn: int = 8) -> tuple[float, np.ndarray]:
    """max Σ f(x_i)/n − Σ f(y_j)/m over f with |f(a) − f(b)| ≤ ‖a − b‖ on the pooled points.

    On a line the constraints between neighbours in sorted order imply all the others
    (|f(a) − f(c)| ≤ |a − b| + |b − c| = |a − c|), so 1-D pairs use only those. In 2-D every
    pair is a constraint (m(m − 1)/2 of them, ~80k at 200 a side); they are generated: solve
    on the pairs of a minimum spanning tree and of each point's `knn` nearest neighbours
    (connected, so the LP is bounded), add each point's most violated pairs, and repeat until
    no pair is violated by more than 1e-9. The last f is then feasible for the full LP and
    optimal for a relaxation of it, so it is optimal for the full LP: the value of
    `lp_all_pairs`, in 6-9 rounds and ~2.5x less time at 200 a side (1.2-1.4 s vs 3.5 s).
    Solved by HiGHS; returns (value, f on the pooled points).
    """
    from scipy.sparse.csgraph import minimum_spanning_tree

    pts = np.vstack([x, y])
    c = np.r_[-np.ones(len(x)) / len(x), np.ones(len(y)) / len(y)]
    if dim == 1:
        order = np.argsort(pts[:, 0])
        return _lp(pts, c, order[:-1], order[1:])
    d = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    upper = np.triu(np.ones_like(d, dtype=bool), 1)
    mst = minimum_spanning_tree(np.where(upper, d + 1e-300, 0.0)).tocoo()   # +tiny: 0 = no edge
    near = np.argsort(d, axis=1)[:, 1:knn + 1]
    pick = np.zeros_like(upper)
    pick[mst.row, mst.col] = True
    pick[np.arange(len(pts))[:, None], near] = True
    pick = (pick | pick.T) & upper
    rows = np.arange(len(pts))[:, None]
    while True:
        a, b = np.nonzero(pick)
        value, f = _lp(pts, c, a, b)
        excess = np.where(pick | pick.T, -np.inf, np.abs(f[:, None] - f[None]) - d)
        worst = np.argsort(-excess, axis=1)[:, :_LP_ADD]    # each point's most violated pairs
        new = np.zeros_like(pick)
        new[rows, worst] = excess[rows, worst] > _LP_TOL
        new = (new | new.T) & upper & ~pick
        if not new.any():
            return value, f
        pick |= new


def lp_all_pairs(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The LP critic with every pair of pooled points as a constraint, in one solve (the
    definition; `lp_critic` must agree with it)."""
    pts = np.vstack([x, y])
    a, b = np.nonzero(np.triu(np.ones((len(pts),) * 2, dtype=bool), 1))
    return _lp(pts, np.r_[-np.ones(len(x)) / len(x), np.ones(len(y)) / len(y)], a, b)


_LP_TOL = 1e-9   # a pair violated by more than this joins the constraints
_LP_ADD = 4      # per round, each point's most violated pairs join


def _lp(pts: np.ndarray, c: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[float, np.ndarray]:
    """max −c·f s.t. ±(f_a − f_b) ≤ ‖p_a − p_b‖ for the pairs (a, b), by HiGHS: (value, f)."""
    import scipy.sparse as sp
    from scipy.optimize import linprog

    i, j = np.r_[a, b], np.r_[b, a]
    r = np.arange(len(i))
    A = sp.csr_matrix((np.r_[np.ones(len(i)), -np.ones(len(i))], (np.r_[r, r], np.r_[i, j])),
                      shape=(len(i), len(pts)))
    dist = np.linalg.norm(pts[i] - pts[j], axis=1)
    res = linprog(c, A_ub=A, b_ub=dist, bounds=(None, None), method="highs")
    if res.status != 0:
        raise RuntimeError(f"lp_critic: HiGHS did not solve the LP ({res.message})")
    return float(-res.fun), res.x


def lipschitz_excess(pts: np.ndarray, f: np.ndarray) -> float:
    """max over pairs of |f(a) − f(b)| − ‖a − b‖ (≤ 0 up to solver tolerance for a valid f)."""
    d = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    return float((np.abs(f[:, None] - f[None]) - d).max())
