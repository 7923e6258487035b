"""Projected GDA, optimistic GDA and extragradient on a planar game, compiled (claim A3).

A3 runs 200/η steps from 200 inits per game: 2·10⁵ sequential steps at η = 1e-3, which the
torch driver (`gradient_play.play`, ~30 µs of dispatch per step) cannot afford. `planar_play`
is the same three rules as `strategic.dynamics` (Simultaneous, Optimistic, Extragradient with
SGD box players: the step z ← clip(z + η·d) with d = V(z_t), 2V(z_t) − V(z_{t−1}) (V(z_{−1}) :=
V(z_0)), or V(Π(z_t + ηV(z_t))); the same float operations in the same order, so the iterates
agree with `play` to rounding) as one loop per initial point, with the A3 observer built in:
min ‖V(z_t)‖ over first ≤ t < steps (the field at z_t is the one the step evaluates anyway)
and the kept rows recorded every `every` steps.

It is `register_jitable` and takes the pointwise field as an argument: a module stating a
field defines `numba.njit(cache=True)` `def play_kernel(...): return planar_play(point, ...)`
beside it (`f1.play_kernel`, `toy_games`), like `game.planar_rows`. numba stamps its cache
with that module's file only; `strategic.jitcache` keys the cache folder by the source of every
numba module, so editing this loop compiles the kernels afresh.
"""

from __future__ import annotations

import numpy as np
from numba.extending import register_jitable

METHODS = {"gda": 0, "ogda": 1, "eg": 2}


@register_jitable
def _clip(v, lo, hi):
    return min(max(v, lo), hi)  # torch.clamp(p, lo, hi)


@register_jitable
def planar_play(point, method, z0, eta, steps, lo, hi, first, keep, every):
    """Run `steps` iterations of a rule (METHODS code) from every row of z0 [B, 2].

    Args:
        point: (x, y) -> (V_x, V_y), a `register_jitable` field.
        method: 0 GDA, 1 OGDA, 2 EG.
        lo, hi: float64 [2] box bounds (z0 must lie in the box).
        first: min ‖V(z_t)‖ is taken over max(first, 1) ≤ t < steps (as `tail_min_field`).
        keep: int64 row indices recorded at t = every, 2·every, ... < steps.

    Returns:
        z_T [B, 2], the tail minima [B] (inf when the window is empty), the records
        [(steps − 1) // every, len(keep), 2].
    """
    b_rows = z0.shape[0]
    z = z0.copy()
    tail = np.full(b_rows, np.inf)
    n_rec = (steps - 1) // every if steps > 0 else 0
    rec = np.empty((n_rec, keep.shape[0], 2))
    slot = np.full(b_rows, -1)
    for j in range(keep.shape[0]):
        slot[keep[j]] = j
    start = max(first, 1)
    for b in range(b_rows):
        x, y = z[b, 0], z[b, 1]
        px, py = 0.0, 0.0
        for t in range(steps):                      # z_t -> z_{t+1}
            vx, vy = point(x, y)
            if t >= start:
                nv = np.sqrt(vx * vx + vy * vy)
                if nv < tail[b]:
                    tail[b] = nv
            if method == 1:
                if t == 0:
                    px, py = vx, vy
                dx, dy = 2 * vx - px, 2 * vy - py
                px, py = vx, vy
            elif method == 2:
                hx, hy = point(_clip(x + eta * vx, lo[0], hi[0]), _clip(y + eta * vy, lo[1], hi[1]))
                dx, dy = hx, hy
            else:
                dx, dy = vx, vy
            x, y = _clip(x + eta * dx, lo[0], hi[0]), _clip(y + eta * dy, lo[1], hi[1])
            s = t + 1
            if slot[b] >= 0 and s % every == 0 and s < steps:
                rec[s // every - 1, slot[b], 0] = x
                rec[s // every - 1, slot[b], 1] = y
        z[b, 0], z[b, 1] = x, y
    return z, tail, rec


def run(kernel, lo, hi, z0, rule: str, eta: float, steps: int, frac: float = 0.5,
        keep=(), every: int = 1) -> dict[str, np.ndarray]:
    """A compiled `play_kernel` on z0 [B, 2] (clipped onto the box first) for `steps` steps.

    Returns 'z' (z_T), 'tail_min' (min ‖V(z_t)‖ over frac·steps ≤ t < steps) and 'records'
    [n, len(keep), 2] (z_t of the kept rows at t = every, 2·every, ... < steps).
    """
    if rule not in METHODS:
        raise ValueError(f"planar_play: rule must be one of {sorted(METHODS)}, got {rule!r}")
    if not eta > 0 or steps < 0 or every < 1:
        raise ValueError(f"planar_play: need eta > 0, steps >= 0, every >= 1 (got {eta}, {steps}, {every})")
    lo, hi = np.asarray(lo, np.float64), np.asarray(hi, np.float64)
    z0 = np.clip(np.asarray(z0, np.float64), lo, hi)
    z, tail, rec = kernel(METHODS[rule], z0, float(eta), int(steps), lo, hi, int(frac * steps),
                          np.asarray(keep, np.int64).reshape(-1), int(every))
    return {"z": z, "tail_min": tail, "records": rec}
