"""Session engine: S independent Q-learning sessions of the Calvano et al. (2020) game, compiled
with numba and laid out session-major.

Each session owns its two Q tables [2, m², m] (54 KB for m = 15 in float64), a cached row
max/argmax per firm and state (only Q(s_t, a_t) changes in a period, so the greedy strategy
changes only when that row's argmax does: REFERENCE.md), an integer state code, a period
counter, a stability counter and a splitmix64 random stream. `advance` runs every unfinished
session for up to `n` periods in its own compiled loop (tables stay in cache), sessions spread
over numba threads with `prange`; a converged session stops costing time.

Convergence (Calvano et al. §I.D): both greedy strategies unchanged for `conv` consecutive
periods; a session that reaches `max_t` periods stops unconverged.
"""

from __future__ import annotations

from dataclasses import dataclass

import numba as nb
import numpy as np

from strategic import jitcache

jitcache.configure()   # numba's cache folder, keyed by the kernels' source: before they are defined

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_U53 = 1.0 / 9007199254740992.0  # 2^-53
EPS_EVERY = 1024  # periods between exact evaluations of exp(−βt)


@nb.njit(cache=True, inline="always")
def splitmix64(x):
    """One step of splitmix64 (Steele, Lea & Flood 2014): returns (new state, 64 random bits)."""
    x = x + _GOLDEN
    z = x
    z = (z ^ (z >> np.uint64(30))) * _MIX1
    z = (z ^ (z >> np.uint64(27))) * _MIX2
    return x, z ^ (z >> np.uint64(31))


@nb.njit(cache=True, inline="always")
def _uniform(x):
    x, z = splitmix64(x)
    return x, np.float64(z >> np.uint64(11)) * _U53


@nb.njit(cache=True, inline="always")
def _update(q, qmax, qarg, i, s, a, target, alpha):
    """Q_i(s, a) ← (1 − α) Q_i(s, a) + α·target; keep row s's max/argmax; True if argmax moved."""
    old = q[i, s, a]
    new = old + alpha * (target - old)
    q[i, s, a] = new
    am = qarg[i, s]
    if a == am:
        if new >= qmax[i, s]:
            qmax[i, s] = new
            return False
        best, arg = q[i, s, 0], 0          # the argmax cell fell: rescan the row (np.argmax order)
        for j in range(1, q.shape[2]):
            if q[i, s, j] > best:
                best, arg = q[i, s, j], j
        qmax[i, s] = best
        qarg[i, s] = arg
        return arg != am
    if new > qmax[i, s] or (new == qmax[i, s] and a < am):
        qmax[i, s] = new
        qarg[i, s] = a
        return True
    return False


@nb.njit(cache=True, parallel=True)
def advance(q, qmax, qarg, state, t, stable, rng, done, table, alpha, delta, beta, n, conv, max_t):
    """Run each unfinished session for up to n periods (Calvano et al. eq. 4, ε_t = exp(−βt)).

    Shapes: q [S, 2, m², m]; qmax [S, 2, m²]; qarg [S, 2, m²] (int); state, t, stable [S] int64;
    rng [S] uint64; done [S] bool; table [2, m, m] = π_i(a1, a2); alpha, beta [S] per session.
    Updated in place; returns the number of session-periods run.

    ε_t is exp(−βt) recomputed every EPS_EVERY periods (t ≡ 0 mod 1024) and multiplied by
    exp(−β) in between, so a session's path is the same for any n that is a multiple of 1024.
    """
    S, m = q.shape[0], table.shape[1]
    ran = np.zeros(S, dtype=np.int64)
    for k in nb.prange(S):
        if done[k]:
            continue
        qk, mk, ak = q[k], qmax[k], qarg[k]
        s, tk, st, x = state[k], t[k], stable[k], rng[k]
        al, be = alpha[k], beta[k]
        stop = min(tk + n, max_t)
        t0 = tk
        eps, decay = np.exp(-be * tk), np.exp(-be)
        while tk < stop and st < conv:
            if tk % EPS_EVERY == 0:
                eps = np.exp(-be * tk)
            x, u = _uniform(x)
            if u < eps:
                x, u = _uniform(x)
                a1 = int(u * m)
            else:
                a1 = ak[0, s]
            x, u = _uniform(x)
            if u < eps:
                x, u = _uniform(x)
                a2 = int(u * m)
            else:
                a2 = ak[1, s]
            s2 = a1 * m + a2
            moved1 = _update(qk, mk, ak, 0, s, a1, table[0, a1, a2] + delta * mk[0, s2], al)
            moved2 = _update(qk, mk, ak, 1, s, a2, table[1, a1, a2] + delta * mk[1, s2], al)
            st = 0 if (moved1 or moved2) else st + 1
            s = s2
            tk += 1
            eps *= decay
        state[k], t[k], stable[k], rng[k] = s, tk, st, x
        done[k] = st >= conv or tk >= max_t
        ran[k] = tk - t0
    return ran.sum()


@nb.njit(cache=True)
def _seed_states(rng, m):
    """Random initial state per session, drawn from the session's own stream."""
    S = rng.shape[0]
    out = np.empty(S, dtype=np.int64)
    for k in range(S):
        x, u = _uniform(rng[k])
        rng[k] = x
        a1 = int(u * m)
        x, u = _uniform(rng[k])
        rng[k] = x
        out[k] = a1 * m + int(u * m)
    return out


def _per_session(v, S: int) -> np.ndarray:
    """A scalar or [S] values as a contiguous float64 [S] array."""
    return np.ascontiguousarray(np.broadcast_to(np.asarray(v, dtype=float), S))


@dataclass
class Sessions:
    """The state of S sessions (numpy arrays, session-major); see `advance` for shapes."""
    q: np.ndarray
    qmax: np.ndarray
    qarg: np.ndarray
    state: np.ndarray
    t: np.ndarray
    stable: np.ndarray
    rng: np.ndarray
    done: np.ndarray

    @classmethod
    def start(cls, q0: np.ndarray, seeds: np.ndarray) -> "Sessions":
        """S sessions from Q₀ [2, m², m] with per-session 64-bit seeds [S] (uint64)."""
        S, m = len(seeds), q0.shape[2]
        q = np.repeat(q0[None], S, axis=0)  # [S, 2, m², m], a writable copy per session
        rng = np.asarray(seeds, dtype=np.uint64).copy()
        zeros = np.zeros(S, dtype=np.int64)
        return cls(q=q, qmax=q.max(axis=3), qarg=q.argmax(axis=3).astype(np.int64),
                   state=_seed_states(rng, m), t=zeros.copy(), stable=zeros.copy(), rng=rng,
                   done=np.zeros(S, dtype=bool))

    def advance(self, table, alpha, delta, beta, n, conv, max_t) -> int:
        """Run every unfinished session for up to n more periods; returns session-periods run.

        alpha, beta: scalars or one value per session.
        """
        S = len(self.t)
        return int(advance(self.q, self.qmax, self.qarg, self.state, self.t, self.stable, self.rng,
                           self.done, table, _per_session(alpha, S), float(delta),
                           _per_session(beta, S), int(n), int(conv), int(max_t)))

    def arrays(self) -> dict[str, np.ndarray]:
        return dict(vars(self))

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in vars(self).values())
