"""The session update as a plain per-session Python loop: the reference that the compiled
engine is tested against (identical results bit for bit) and benchmarked against.

Same Q-learning update (Calvano et al. 2020, eq. 4), same splitmix64 stream, same ε schedule as
`engine.advance`, written the obvious way: Python lists, the greedy action and the row max
recomputed from the row each period, no caching.
"""

from __future__ import annotations

import math

from strategic.pricing.engine import EPS_EVERY

_MASK = (1 << 64) - 1


def _uniform(x: int) -> tuple[int, float]:
    """splitmix64 step and a uniform double in [0, 1) from its top 53 bits."""
    x = (x + 0x9E3779B97F4A7C15) & _MASK
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return x, float((z ^ (z >> 31)) >> 11) * 2.0 ** -53


def _argmax(row: list[float]) -> int:
    return max(range(len(row)), key=lambda j: (row[j], -j))


def run_session(q: list, state: int, t: int, stable: int, x: int, table: list, alpha: float,
                delta: float, beta: float, n: int, conv: int, max_t: int) -> tuple:
    """Advance one session in place for up to n periods; q[i][s][a] nested lists,
    table[i][a1][a2] profits. Returns (state, t, stable, rng state)."""
    m = len(table[0])
    stop = min(t + n, max_t)
    eps, decay = math.exp(-beta * t), math.exp(-beta)
    while t < stop and stable < conv:
        if t % EPS_EVERY == 0:
            eps = math.exp(-beta * t)
        acts = []
        for i in range(2):
            x, u = _uniform(x)
            if u < eps:
                x, u = _uniform(x)
                acts.append(int(u * m))
            else:
                acts.append(_argmax(q[i][state]))
        a1, a2 = acts
        s2 = a1 * m + a2
        moved = False
        for i, a in ((0, a1), (1, a2)):
            before = _argmax(q[i][state])
            target = table[i][a1][a2] + delta * max(q[i][s2])
            q[i][state][a] = q[i][state][a] + alpha * (target - q[i][state][a])
            moved |= _argmax(q[i][state]) != before
        stable = 0 if moved else stable + 1
        state = s2
        t += 1
        eps *= decay
    return state, t, stable, x
