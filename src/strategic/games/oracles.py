"""Zero-sum games given by exact best-response oracles (claims B4, D3).

The row player maximises A(x, y), the column player minimises. A mixed strategy is finitely
supported: points [..., K] and weights [..., K] (padding has weight 0). Oracles are batched
over the leading axes and exact, so A(BR(q), q) = sup_x A(x, q) and the duality gap
sup_x A(x, q) − inf_y A(p, y) of (p, q) is computed, not estimated.

Games: guess-the-larger-number sign(x − y) on ℕ (no equilibrium: every profile has gap 2),
the matching game 1[x = y] on ℕ (value 0, not attained by the minimiser), and (x − y)² on
[−1, 1] (value 1: p = ½δ₋₁ + ½δ₊₁, q = δ₀).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Oracle = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass(frozen=True)
class OracleGame:
    """A(x, y) vectorised by broadcasting; best responses br_row(y, q), br_col(x, p) → [...]."""
    name: str
    payoff: Callable[[np.ndarray, np.ndarray], np.ndarray]
    br_row: Oracle
    br_col: Oracle

    def against_col(self, x: np.ndarray, y: np.ndarray, q: np.ndarray) -> np.ndarray:
        """A(x, q) = Σ_k q_k A(x, y_k) for x [...], y, q [..., K]."""
        return (q * self.payoff(x[..., None], y)).sum(-1)

    def against_row(self, x: np.ndarray, p: np.ndarray, y: np.ndarray) -> np.ndarray:
        """A(p, y) = Σ_k p_k A(x_k, y) for y [...], x, p [..., K]."""
        return (p * self.payoff(x, y[..., None])).sum(-1)

    def gap(self, x: np.ndarray, p: np.ndarray, y: np.ndarray, q: np.ndarray) -> np.ndarray:
        """Certified duality gap A(BR(q), q) − A(p, BR(p)) ≥ 0 of the profile (p, q)."""
        return self.against_col(self.br_row(y, q), y, q) - self.against_row(x, p, self.br_col(x, p))


def _support_max(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    return np.where(w > 0, z, -np.inf).max(-1)


def _mean(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (w * z).sum(-1) / w.sum(-1)


def _heaviest_point(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The point of largest total weight (duplicates summed); ties go to the smallest point."""
    mass = (w[..., None, :] * (z[..., :, None] == z[..., None, :])).sum(-1)      # [..., K]
    best = mass >= mass.max(-1, keepdims=True)
    return np.where(best, z, np.inf).min(-1)


def _smallest_unused(z: np.ndarray, w: np.ndarray) -> np.ndarray:
    """The smallest positive integer off the support (one of 1..K+1 always is)."""
    cand = np.arange(1, z.shape[-1] + 2, dtype=float)                             # [K + 1]
    used = ((z[..., None, :] == cand[:, None]) & (w[..., None, :] > 0)).any(-1)   # [..., K + 1]
    return cand[np.argmin(used, axis=-1)]


LARGER = OracleGame(
    "guess-the-larger", lambda x, y: np.sign(x - y),
    br_row=lambda y, q: _support_max(y, q) + 1,       # beats every y in supp q: A = +1
    br_col=lambda x, p: _support_max(x, p) + 1)       # beats every x in supp p: A = −1
MATCHING = OracleGame(
    "matching", lambda x, y: (x == y).astype(float),
    br_row=_heaviest_point,                           # A(x, q) = q({x})
    br_col=_smallest_unused)                          # A(p, y) = 0 off supp p
DISTANCE = OracleGame(
    "distance", lambda x, y: (x - y) ** 2,
    br_row=lambda y, q: np.where(_mean(y, q) <= 0, 1.0, -1.0),   # convex in x: an end point
    br_col=_mean)                                                # argmin_y E_p (x − y)² = E_p x
GAMES = {g.name: g for g in (LARGER, MATCHING, DISTANCE)}
LARGER_GAP = 2.0   # every profile of guess-the-larger: each player's best deviation gains 1


def matching_gap_bound(t: np.ndarray) -> np.ndarray:
    """1/⌈t/2⌉: double oracle's best certified gap on matching after t iterations (attained:
    gap 1/k at t = 2k − 1)."""
    return 1.0 / np.ceil(np.asarray(t) / 2)


def cce_gaps(game: OracleGame, x: np.ndarray, y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Both players' best deviation gains from joint distributions σ = Σ_k w_k δ(x_k, y_k).

    x, y, w: [N, K]. Row: sup_x' A(x', σ_Y) − E_σ A; column: E_σ A − inf_y' A(σ_X, y').
    Their sum (the CCE gap) is the duality gap of the marginals. Returns [N, 2].
    """
    value = (w * game.payoff(x, y)).sum(-1)
    row = game.against_col(game.br_row(y, w), y, w) - value
    col = value - game.against_row(x, w, game.br_col(x, w))
    return np.stack([row, col], -1)


def fictitious_play(game: OracleGame, x0: float, y0: float, iters: int) -> dict[str, np.ndarray]:
    """Simultaneous fictitious play (Brown 1951): each plays a best response to the other's
    empirical distribution. Returns per iteration t = 1..iters the support maxima of both
    histories and the certified gap of the empirical pair (p̄_t, q̄_t)."""
    xs, ys = np.full(iters, np.nan), np.full(iters, np.nan)
    xs[0], ys[0] = x0, y0
    gap = np.empty(iters)
    for t in range(iters):
        xt, yt, w = xs[: t + 1], ys[: t + 1], np.full(t + 1, 1.0 / (t + 1))
        x_new, y_new = game.br_row(yt, w), game.br_col(xt, w)
        gap[t] = game.against_col(x_new, yt, w) - game.against_row(xt, w, y_new)
        if t + 1 < iters:
            xs[t + 1], ys[t + 1] = x_new, y_new
    return {"x_max": np.maximum.accumulate(xs), "y_max": np.maximum.accumulate(ys), "gap": gap}
