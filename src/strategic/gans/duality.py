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


def lp_critic(x: np.ndarray, y: np.ndarray, dim: int) -> tuple[float, np.ndarray]:
    """max Σ f(x_i)/n − Σ f(y_j)/m over f with |f(a) − f(b)| ≤ ‖a − b‖ on the pooled points.

    In 2-D every ordered pair is a constraint; on a line the constraints between neighbours
    in sorted order imply all the others (|f(a) − f(c)| ≤ |a − b| + |b − c| = |a − c|), so
    1-D pairs use those. Solved by HiGHS; returns (value, f on the pooled points).
    """
    import scipy.sparse as sp
    from scipy.optimize import linprog

    pts = np.vstack([x, y])
    m = len(pts)
    if dim == 1:
        order = np.argsort(pts[:, 0])
        a, b = order[:-1], order[1:]
        i, j = np.r_[a, b], np.r_[b, a]
    else:
        i, j = np.nonzero(~np.eye(m, dtype=bool))
    r = np.arange(len(i))
    A = sp.csr_matrix((np.r_[np.ones(len(i)), -np.ones(len(i))], (np.r_[r, r], np.r_[i, j])),
                      shape=(len(i), m))
    dist = np.linalg.norm(pts[i] - pts[j], axis=1)
    c = np.r_[-np.ones(len(x)) / len(x), np.ones(len(y)) / len(y)]
    res = linprog(c, A_ub=A, b_ub=dist, bounds=(None, None), method="highs")
    if res.status != 0:
        raise RuntimeError(f"lp_critic: HiGHS did not solve the LP ({res.message})")
    return float(-res.fun), res.x


def lipschitz_excess(pts: np.ndarray, f: np.ndarray) -> float:
    """max over pairs of |f(a) − f(b)| − ‖a − b‖ (≤ 0 up to solver tolerance for a valid f)."""
    d = np.linalg.norm(pts[:, None] - pts[None], axis=-1)
    return float((np.abs(f[:, None] - f[None]) - d).max())
