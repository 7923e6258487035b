"""Outcomes of converged sessions, vectorised over sessions (numpy): the limit cycle of the
greedy strategies, average prices and profits on it, the profit gain Δ, and the impulse
response to a one-period deviation (Calvano et al. 2020, §§III–IV).

Greedy strategies are `qarg` [S, 2, m²] (firm i's price index in each state); greedy play maps
state s = (a1, a2) to (σ1(s), σ2(s)).
"""

from __future__ import annotations

import numpy as np

from strategic.pricing.env import static_best_response


def _rows(a: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """a[k, idx[k]] for every session k."""
    return np.take_along_axis(a, idx[:, None], axis=1)[:, 0]


def greedy_next(qarg: np.ndarray, m: int) -> np.ndarray:
    """Next state under greedy play from every state: [S, m²]."""
    return qarg[:, 0] * m + qarg[:, 1]


def limit_cycle(qarg: np.ndarray, start: np.ndarray, grid: np.ndarray, table: np.ndarray):
    """The cycle that greedy play from `start` [S] enters, and averages along it.

    Returns a dict of [S] arrays: `state` (a state on the cycle), `length`, average prices `p1`,
    `p2` and profits `pi1`, `pi2` over one period of the cycle.
    """
    m = len(grid)
    nxt = greedy_next(qarg, m)
    n = nxt.shape[1]
    s = start.astype(np.int64)
    for _ in range(n):  # after m² steps greedy play is on its cycle
        s = _rows(nxt, s)
    cur, length = s.copy(), np.zeros(len(s), dtype=np.int64)
    sums = np.zeros((4, len(s)))
    open_ = np.ones(len(s), dtype=bool)
    for _ in range(n):
        a1, a2 = cur // m, cur % m
        sums += open_ * np.stack([grid[a1], grid[a2], table[0, a1, a2], table[1, a1, a2]])
        length += open_
        cur = _rows(nxt, cur)
        open_ &= cur != s
        if not open_.any():
            break
    p1, p2, pi1, pi2 = sums / length
    return {"state": s, "length": length, "p1": p1, "p2": p2, "pi1": pi1, "pi2": pi2}


def profit_gain(pi: np.ndarray, pi_nash: float, pi_mono: float) -> np.ndarray:
    """Δ = (π̄ − πᴺ) / (πᴹ − πᴺ): 0 at the Nash profit, 1 at the monopoly profit."""
    return (pi - pi_nash) / (pi_mono - pi_nash)


def _path(qarg, s0, a1, a2, periods, m):
    """Price indices [S, periods, 2] when (a1, a2) is played at τ = 1, then greedy play."""
    nxt = greedy_next(qarg, m)
    out = np.empty((len(s0), periods, 2), dtype=np.int64)
    s = a1 * m + a2
    for k in range(periods):
        out[:, k] = np.stack([s // m, s % m], axis=1)
        s = _rows(nxt, s)
    return out


def impulse_response(qarg: np.ndarray, s0: np.ndarray, table: np.ndarray, horizon: int, delta: float):
    """Firm 1 deviates at τ = 1 to its static best response to firm 2's greedy price; both then
    play greedily for `horizon` periods. Compared with greedy play without the deviation.

    Returns dict: `dev`, `path` price indices [S, horizon + 2, 2] for τ = 0..horizon+1 (τ = 0
    is the pre-shock state s0), and `gain`: firm 1's discounted profit Σ_{τ=1}^{horizon+1}
    δ^{τ−1} π1 with the deviation minus without it, relative to the latter [S].
    """
    m = table.shape[1]
    periods = horizon + 1
    r2 = _rows(qarg[:, 1], s0)
    dev = _path(qarg, s0, static_best_response(table, r2), r2, periods, m)
    path = _path(qarg, s0, _rows(qarg[:, 0], s0), r2, periods, m)
    pre = np.stack([s0 // m, s0 % m], axis=1)[:, None]
    disc = delta ** np.arange(periods)
    v_dev = (table[0][dev[..., 0], dev[..., 1]] * disc).sum(1)
    v_path = (table[0][path[..., 0], path[..., 1]] * disc).sum(1)
    return {"dev": np.concatenate([pre, dev], 1), "path": np.concatenate([pre, path], 1),
            "gain": v_dev / v_path - 1}
