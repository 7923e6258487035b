"""STON'R, STay-ON-the-Ridge (Daskalakis, Golowich, Skoulakis, Zampetakis, COLT'23,
arXiv 2210.09769): a path-following method that finds an ε-first-order local min-max point
of a smooth f on a box, where gradient descent-ascent cycles (claim D1).

The box is mapped to the unit cube, x = x₀ + s⊙u with u ∈ [0, 1]^d, x₀ the start vertex and
s_j = ±(hi_j − lo_j). The state is an epoch (i, S): coordinate i moves, the coordinates in
S ⊆ {0..i−1} stay on the "ridge" V_S = 0, the other coordinates below i sit at a face where
they are satisfied, and those above i stay at 0. Coordinate j is satisfied at u when
|v_j| ≤ ε, or u_j = 0 and v_j ≤ ε, or u_j = 1 and v_j ≥ −ε, with v_j = sign(s_j)·V_j(x) the
GDA field pointing along +u_j. Per step: the direction is e_i if S = ∅, else the null vector
of the block ∂v_S/∂u_{S∪{i}} oriented by sign det([J_Sᵀ | d]) = (−1)^|S|; then

- good exit: i is satisfied → add i to S if |v_i| ≤ ε; i ← i + 1 (stop when i = d);
- bad exit: a j ∈ S ∪ {i} is at a face with d pointing out → if j = i, drop i−1 from S and
  i ← i − 1, else drop j from S;
- middling exit: a face coordinate j < i, j ∉ S becomes unsatisfied → add j to S;
- otherwise move: u ← u + γ_eff d with γ_eff = min(γ, ε/(2‖J d‖∞)) (v changes by at most
  ε/2, so no step jumps over the band |v_i| ≤ ε), truncated at the first face it reaches,
  followed by a few Newton corrections u_{S∪{i}} −= J_S⁺ v_S back onto the ridge.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

Field = Callable[[np.ndarray], np.ndarray]


@dataclass
class StonrResult:
    """Where STON'R stopped and how it got there.

    Attributes:
        x: final point (x-space).
        converged: every epoch completed (i = d) and x is ε-critical.
        reason: 'converged', or why not: 'degenerate ridge ...' (null space not 1-D),
            'exits cycle ...' (exits return to an epoch without a move), 'max_steps ...',
            'bad exit of the first coordinate ...' or 'ended at a point that is not ...'.
        path: visited points [T, d] (x-space), the start first.
        epoch: index of the epoch each path point belongs to, [T].
        epochs: (i, S) of each epoch, in order.
        exits: (kind, step, i, S, j) per epoch end: kind is 'good', 'bad' or 'middling'.
        steps: moves taken.
    """
    x: np.ndarray
    converged: bool
    reason: str
    path: np.ndarray
    epoch: np.ndarray
    epochs: list[tuple[int, tuple[int, ...]]] = field(default_factory=list)
    exits: list[tuple[str, int, int, tuple[int, ...], int]] = field(default_factory=list)
    steps: int = 0

    @property
    def bad_exits_to_first_epoch(self) -> int:
        """Bad exits that sent the method back to epoch (0, ∅) (the orientation rule forbids them)."""
        return sum(1 for kind, _, i, _, j in self.exits if kind == "bad" and j == i == 1)


def satisfied(u: float, v: float, eps: float) -> bool:
    """ε-criticality of one coordinate on the unit cube (faces compared exactly)."""
    return abs(v) <= eps or (u == 0 and v <= eps) or (u == 1 and v >= -eps)


def ridge_direction(jac: np.ndarray, i: int, S: list[int]) -> np.ndarray | None:
    """The oriented unit direction of epoch (i, S) from the Jacobian ∂v/∂u; None if the null
    space of the |S|×(|S|+1) block is not 1-dimensional (a degenerate ridge)."""
    d = np.zeros(jac.shape[0])
    if not S:
        d[i] = 1.0
        return d
    if len(S) == 1:     # row [a, b]: null vectors ±(−b, a); det [[a, −b], [b, a]] > 0, want < 0
        a, b = jac[S[0], S[0]], jac[S[0], i]
        h = np.hypot(a, b)
        if h <= 1e-12:
            return None
        d[S[0]], d[i] = b / h, -a / h
        return d
    cols = [*S, i]
    block = jac[np.ix_(S, cols)]
    _, sv, vt = np.linalg.svd(block)
    if sv[-1] <= 1e-12 * max(sv[0], 1.0):
        return None
    null = vt[-1]
    if np.sign(np.linalg.det(np.column_stack([block.T, null]))) != (-1) ** len(S):
        null = -null
    d[cols] = null
    return d


def _start_vertex(lo, hi, start, eps: float, step: float) -> tuple[np.ndarray, np.ndarray]:
    """Check the arguments; return the start vertex x₀ and the signed sides s (x = x₀ + s⊙u)."""
    lo, hi = np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)
    if lo.shape != hi.shape or lo.ndim != 1 or not (lo < hi).all():
        raise ValueError(f"stonr: need lo < hi coordinate-wise, got lo={lo}, hi={hi}")
    if not eps > 0 or not step > 0:
        raise ValueError(f"stonr: eps and step must be > 0, got eps={eps}, step={step}")
    x0 = lo.copy() if start is None else np.asarray(start, dtype=float)
    at_lo, at_hi = x0 == lo, x0 == hi
    if x0.shape != lo.shape or not (at_lo | at_hi).all():
        raise ValueError(f"stonr: start {x0} must be a vertex of the box [{lo}, {hi}]")
    return x0, np.where(at_lo, hi - lo, lo - hi)


def _on_cube(field: Field, jacobian: Field, x0: np.ndarray, s: np.ndarray):
    """u -> (x, v, ∂v/∂u) on the unit cube: x = x₀ + s⊙u, v = sign(s)⊙V(x), ∂v/∂u = ∂v/∂x ⊙ s."""
    sg = np.sign(s)

    def evaluate(u):
        x = x0 + s * u
        return x, sg * field(x), sg[:, None] * jacobian(x) * s[None, :]

    return evaluate


def _what_next(u, v, jac, i: int, S: list[int], eps: float):
    """What epoch (i, S) does at u, as (kind, j, d): kind is 'good' (i satisfied), 'degenerate'
    (no direction), 'bad' (j ∈ S ∪ {i} at a face with d pointing out), 'middling' (a face
    coordinate j < i, j ∉ S unsatisfied) or 'move'; d is the ridge direction."""
    if satisfied(u[i], v[i], eps):
        return "good", i, None
    d = ridge_direction(jac, i, S)
    if d is None:
        return "degenerate", None, None
    out = [j for j in [*S, i] if (u[j] == 0 and d[j] < 0) or (u[j] == 1 and d[j] > 0)]
    if out:
        return "bad", out[0], d
    face = [j for j in range(i) if j not in S and not satisfied(u[j], v[j], eps)]
    if face:
        return "middling", face[0], d
    return "move", None, d


def _next_epoch(kind: str, j: int, i: int, S: list[int], on_ridge: bool) -> tuple[int, list[int]]:
    """The epoch (i, S) after an exit at j; on_ridge: |v_i| ≤ ε (a good exit adds i to S)."""
    S = list(S)
    if kind == "good":
        return i + 1, [*S, i] if on_ridge else S
    if kind == "middling":
        return i, [*S, j]
    if j != i:                                                # bad exit of a ridge coordinate
        S.remove(j)
        return i, S
    if i - 1 in S:                                            # bad exit of i itself
        S.remove(i - 1)
    return i - 1, S


def _step_length(jac, d, u, active: list[int], step: float, eps: float):
    """γ_eff = min(γ, ε/(2‖J d‖∞)) (v changes by at most ε/2), truncated at the first face of
    the cube that u + γ_eff d reaches; returns (γ_eff, the coordinate at that face or None)."""
    rate = float(np.abs(jac @ d).max())
    gamma = min(step, 0.5 * eps / rate) if rate > 0 else step
    hit = None
    for j in active:
        t = (1 - u[j]) / d[j] if d[j] > 0 else (-u[j] / d[j] if d[j] < 0 else np.inf)
        if t <= gamma:
            gamma, hit = t, j
    return gamma, hit


def _move(evaluate, u, jac, d, i: int, S: list[int], step: float, eps: float, newton: int):
    """One step u ← u + γ_eff d along the ridge, then up to `newton` least-norm Newton
    corrections u_{S∪{i}} −= J_Sᵀ(J_S J_Sᵀ)⁻¹ v_S back onto V_S = 0; returns (u, x, v, jac)."""
    active = [*S, i]
    gamma, hit = _step_length(jac, d, u, active, step, eps)
    u = np.clip(u + gamma * d, 0.0, 1.0)
    if hit is not None:
        u[hit] = 1.0 if d[hit] > 0 else 0.0
    x, v, jac = evaluate(u)
    for _ in range(newton if S else 0):
        r = v[S]
        if np.abs(r).max() <= 1e-3 * eps:
            break
        a = jac[np.ix_(S, active)]
        u[active] = np.clip(u[active] - a.T @ np.linalg.solve(a @ a.T, r), 0.0, 1.0)
        x, v, jac = evaluate(u)
    return u, x, v, jac


def stonr(field: Field, jacobian: Field, lo, hi, eps: float, *, step: float = 1e-2,
          start=None, newton: int = 3, max_steps: int = 10_000_000) -> StonrResult:
    """Run STON'R on the box [lo, hi] from the vertex `start` (default lo).

    Args:
        field: x -> V(x), the GDA field (V_j = −∂_j f for minimising coordinates, +∂_j f for
            maximising ones), shape [d].
        jacobian: x -> ∂V/∂x, [d, d].
        lo, hi: the box, lo < hi coordinate-wise.
        eps: ε of ε-criticality.
        step: the largest step γ in u-space (the adaptive rule usually takes smaller ones).
        start: a vertex of the box.
        newton: Newton corrections onto the ridge after each step.
        max_steps: give up (converged False) after this many moves.
    """
    evaluate = _on_cube(field, jacobian, *_start_vertex(lo, hi, start, eps, step))
    n = len(lo)
    u = np.zeros(n)
    i, S = 0, []
    x, v, jac = evaluate(u)
    path, epoch_of, epochs, exits = [x], [0], [(0, ())], []
    steps, reason = 0, "converged"
    still = set()                                             # epochs entered since the last move
    while i < n:
        if (i, tuple(S)) in still:
            reason = f"exits cycle without moving at x={x.tolist()}, epoch ({i}, {S})"
            break
        kind, j, d = _what_next(u, v, jac, i, S, eps)
        if kind == "degenerate":
            reason = f"degenerate ridge at x={x.tolist()}, epoch ({i}, {S})"
            break
        if kind == "move":
            if steps >= max_steps:
                reason = f"max_steps={max_steps} reached at x={x.tolist()}"
                break
            u, x, v, jac = _move(evaluate, u, jac, d, i, S, step, eps, newton)
            steps += 1
            still.clear()
            path.append(x)
            epoch_of.append(len(epochs) - 1)
            continue
        exits.append((kind, steps, i, tuple(S), j))            # the epoch ends
        if kind == "bad" and j == i == 0:
            reason = f"bad exit of the first coordinate at x={x.tolist()}"
            break
        still.add(epochs[-1])
        i, S = _next_epoch(kind, j, i, S, abs(v[i]) <= eps)
        if i < n:
            epochs.append((i, tuple(S)))
    converged = reason == "converged" and all(satisfied(u[j], v[j], eps) for j in range(n))
    if reason == "converged" and not converged:
        reason = f"ended at a point that is not {eps}-critical: x={x.tolist()}"
    return StonrResult(x, converged, reason, np.array(path), np.array(epoch_of), epochs, exits, steps)
