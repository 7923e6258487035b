"""The repeated Bertrand game of Calvano, Calzolari, Denicolò & Pastorello (AER 2020), as pure
functions: logit demand, profits, Nash and monopoly prices, the price grid, the memory-one
state space, the initial Q-values and the exploration schedule.

Two firms, marginal cost c, qualities a_i, outside good a_0, horizontal differentiation μ:
    q_i(p) = exp((a_i − p_i)/μ) / (Σ_j exp((a_j − p_j)/μ) + exp(a_0/μ)),   π_i = (p_i − c) q_i.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq


@dataclass(frozen=True)
class Market:
    """Logit demand with symmetric firms (Calvano et al. 2020, §I.B baseline)."""
    c: float = 1.0      # marginal cost
    a: float = 2.0      # product quality a_i
    a0: float = 0.0     # outside good
    mu: float = 0.25    # horizontal differentiation


def demand(p1, p2, mk: Market = Market()):
    """Logit quantities (q1, q2) at prices p1, p2 (arrays broadcast)."""
    e1, e2 = np.exp((mk.a - np.asarray(p1)) / mk.mu), np.exp((mk.a - np.asarray(p2)) / mk.mu)
    den = e1 + e2 + np.exp(mk.a0 / mk.mu)
    return e1 / den, e2 / den


def profits(p1, p2, mk: Market = Market()):
    """Per-period profits (π1, π2) = ((p1 − c) q1, (p2 − c) q2)."""
    q1, q2 = demand(p1, p2, mk)
    return (np.asarray(p1) - mk.c) * q1, (np.asarray(p2) - mk.c) * q2


def _symmetric_root(foc, mk: Market) -> float:
    return brentq(foc, mk.c + 1e-9, mk.c + 50 * mk.mu + abs(mk.a - mk.a0), xtol=1e-14, rtol=1e-15)


def nash_price(mk: Market = Market()) -> float:
    """Symmetric Bertrand–Nash price: 1 − (p − c)(1 − q)/μ = 0 at p1 = p2 = p."""
    return _symmetric_root(lambda p: 1 - (p - mk.c) * (1 - demand(p, p, mk)[0]) / mk.mu, mk)


def monopoly_price(mk: Market = Market()) -> float:
    """Symmetric joint-profit price: 1 − (p − c)(1 − q)/μ + (p − c) q/μ = 0 at p1 = p2 = p."""
    def foc(p):
        q = demand(p, p, mk)[0]
        return 1 - (p - mk.c) * (1 - q) / mk.mu + (p - mk.c) * q / mk.mu
    return _symmetric_root(foc, mk)


def price_grid(m: int, xi: float = 0.1, mk: Market = Market()) -> np.ndarray:
    """m equally spaced prices on [pᴺ − ξ(pᴹ − pᴺ), pᴹ + ξ(pᴹ − pᴺ)] (Calvano et al. §I.C)."""
    pn, pm = nash_price(mk), monopoly_price(mk)
    return np.linspace(pn - xi * (pm - pn), pm + xi * (pm - pn), m)


def profit_table(grid: np.ndarray, mk: Market = Market()) -> np.ndarray:
    """π_i(a1, a2) on the grid, shape [2, m, m] (firm, own-or-rival index by firm 1, firm 2)."""
    p1, p2 = np.meshgrid(grid, grid, indexing="ij")
    return np.stack(profits(p1, p2, mk))


def state_code(a1, a2, m: int):
    """Memory-one state s = (a1, a2) of last period's prices, coded a1·m + a2 (m² states)."""
    return np.asarray(a1) * m + np.asarray(a2)


def initial_q(table: np.ndarray, delta: float) -> np.ndarray:
    """Q₀(s, a_i) = Σ_{a_−i} π_i(a_i, a_−i) / ((1 − δ) m) for every state s: shape [2, m², m]."""
    m = table.shape[1]
    q1 = table[0].mean(axis=1) / (1 - delta)   # firm 1 owns the first index
    q2 = table[1].mean(axis=0) / (1 - delta)   # firm 2 owns the second
    return np.broadcast_to(np.stack([q1, q2])[:, None, :], (2, m * m, m)).copy()


def exploration(t, beta: float):
    """ε_t = exp(−βt): each firm explores (uniform price) with this probability at period t."""
    return np.exp(-beta * np.asarray(t, dtype=float))


def static_best_response(table: np.ndarray, a2) -> np.ndarray:
    """Firm 1's one-shot best price index against firm 2's price index a2 (on the grid)."""
    return np.argmax(table[0][:, np.asarray(a2)], axis=0)
