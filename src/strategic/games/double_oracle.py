"""Double Oracle with certified gaps (McMahan-Gordon-Blum ICML'03; claim D3).

Restricted sets X_t, Y_t; the restricted game is solved exactly by LP (HiGHS) → (p_t, q_t);
x⁺ = BR(q_t), y⁺ = BR(p_t) by the game's exact oracles; the gap
A(x⁺, q_t) − A(p_t, y⁺) = sup_x A(x, q_t) − inf_y A(p_t, y) is the duality gap of (p_t, q_t) in
the full game (a certificate: it bounds both players' distance to the value, whatever the LP's
accuracy); x⁺, y⁺ join the sets.

`history=True` is the variant that best-responds to the history of restricted equilibria, the
oracle calls of Assos-Attias-Dagan-Daskalakis-Fishelson (COLT'23): x⁺ = BR(q̄_t), y⁺ = BR(p̄_t)
with p̄_t, q̄_t the averages of p_1..p_t, q_1..q_t; its gap certifies the averaged pair.
"""

from __future__ import annotations

import numpy as np

from strategic.games.matrix_games import solve_zero_sum
from strategic.games.oracles import OracleGame


def double_oracle(game: OracleGame, x0: float, y0: float, iters: int, tol: float = 0.0,
                  history: bool = False, propose: OracleGame | None = None) -> dict[str, object]:
    """Run up to `iters` iterations; stop early once the certified gap is ≤ tol.

    `propose` replaces the oracles whose answers join the restricted sets (default: the
    game's own exact best responses); the gap is always certified with the game's exact
    oracles, so a weaker proposer shows up as a gap that does not fall (tests use a fixed one).

    Returns:
        gap, best_gap, value (restricted), lp_gap (the restricted LP's own duality gap),
        n_x, n_y: per-iteration arrays; p, q, x, y: the last certified pair and its supports;
        converged: whether gap ≤ tol was reached (False means: gap never ≤ tol in `iters`).
    """
    xs, ys = np.array([x0], float), np.array([y0], float)
    p_sum, q_sum = np.zeros(1), np.zeros(1)
    rec: dict[str, list[float]] = {k: [] for k in ("gap", "value", "lp_gap", "n_x", "n_y")}
    for t in range(1, iters + 1):
        sol = solve_zero_sum(game.payoff(xs[:, None], ys[None, :]))       # [|X|, |Y|]
        p_sum, q_sum = p_sum + sol["p"], q_sum + sol["q"]
        p, q = (p_sum / t, q_sum / t) if history else (sol["p"], sol["q"])
        x_br, y_br = game.br_row(ys, q), game.br_col(xs, p)
        gap = float(game.against_col(np.asarray(x_br), ys, q) - game.against_row(xs, p, np.asarray(y_br)))
        if propose is not None:
            x_br, y_br = propose.br_row(ys, q), propose.br_col(xs, p)
        x_new, y_new = float(x_br), float(y_br)
        for k, v in (("gap", gap), ("value", sol["value"]), ("lp_gap", sol["gap"]),
                     ("n_x", len(xs)), ("n_y", len(ys))):
            rec[k].append(float(v))
        if gap <= tol:
            break
        if x_new not in xs:
            xs, p_sum = np.append(xs, x_new), np.append(p_sum, 0.0)
        if y_new not in ys:
            ys, q_sum = np.append(ys, y_new), np.append(q_sum, 0.0)
    out: dict[str, object] = {k: np.array(v) for k, v in rec.items()}
    out["best_gap"] = np.minimum.accumulate(out["gap"])
    # the certified pair lives on the sets before the last additions
    nx, ny = int(rec["n_x"][-1]), int(rec["n_y"][-1])
    out.update(p=p, q=q, x=xs[:nx], y=ys[:ny], converged=bool(rec["gap"][-1] <= tol))
    return out


def gap_slope(best_gap: np.ndarray, t_min: int = 10) -> float:
    """Least-squares slope of log best_gap_t against log t over t ∈ [t_min, T] (t from 1).

    A run that stopped with gap ≤ tol before t_min + 1 iterations has converged: −inf. A gap
    of exactly 0 is read as the smallest positive float (the slope stays finite and steep).
    """
    g = np.asarray(best_gap, float)
    t = np.arange(1, len(g) + 1)
    keep = t >= t_min
    if keep.sum() < 2:
        return -np.inf
    lg = np.log(np.maximum(g[keep], np.finfo(float).tiny))
    return float(np.polyfit(np.log(t[keep]), lg, 1)[0])
