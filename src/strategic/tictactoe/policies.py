"""Policies as move-probability tables [N, 9] over all positions, and vectorised play.

Data policies of logged non-strategic play (CLAIMS H2): uniformly random; "block-first" (block
an opponent's two-in-a-row, else complete your own, else random); and a per-move mix of the
two. The minimax player moves uniformly among the moves that keep the game's value.
"""

from __future__ import annotations

import numpy as np

from strategic.tictactoe import board as B
from strategic.tictactoe import names as N
from strategic.tictactoe.positions import Positions


def uniform_over(mask: np.ndarray) -> np.ndarray:
    """Rows of `mask` [N, 9] normalised to probabilities (all-False rows stay 0)."""
    m = mask.astype(np.float64)
    return m / np.maximum(m.sum(1, keepdims=True), 1.0)


def random_policy(pos: Positions) -> np.ndarray:
    return uniform_over(pos.legal)


def block_first_policy(pos: Positions) -> np.ndarray:
    """Uniform over blocking cells if the opponent threatens, else over own winning cells,
    else over all legal cells."""
    mask = pos.legal.copy()
    for i in pos.nonterminal:
        b, me = tuple(int(c) for c in pos.boards[i]), int(pos.mover[i])
        cells = B.threats(b, 3 - me) or B.threats(b, me)
        if cells:
            mask[i] = False
            mask[i, cells] = True
    return uniform_over(mask)


def mix_policy(pos: Positions, weight: float) -> np.ndarray:
    """Each move block-first with probability `weight`, else uniformly random."""
    return weight * block_first_policy(pos) + (1 - weight) * random_policy(pos)


def minimax_policy(pos: Positions) -> np.ndarray:
    """A perfect player: uniform over the value-preserving moves."""
    return uniform_over(pos.preserving)


def greedy(scores: np.ndarray, legal: np.ndarray) -> np.ndarray:
    """One-hot table of the best legal move per row (ties to the lowest cell)."""
    s = np.where(legal, scores, -np.inf)
    out = np.zeros_like(legal, dtype=np.float64)
    rows = np.flatnonzero(legal.any(1))
    out[rows, s[rows].argmax(1)] = 1.0
    return out


def play_games(pos: Positions, x_policy: np.ndarray, o_policy: np.ndarray, n_games: int,
               rng: np.random.Generator, counts: np.ndarray | None = None,
               moves: np.ndarray | None = None) -> np.ndarray:
    """Play `n_games` from the empty board, all at once; returns the final positions [G].

    If `counts` [N, 9] is given, every (position, move) played is added to it (the log); if
    `moves` [G, 9] is given, game g's t-th move is written to moves[g, t] (the transcript).
    """
    state = np.zeros(n_games, dtype=np.int64)
    for t in range(9):
        live = ~pos.terminal[state]
        if not live.any():
            break
        s = state[live]
        probs = np.where((pos.mover[s] == 1)[:, None], x_policy[s], o_policy[s])  # [G', 9]
        u = rng.random(len(s))[:, None]
        cell = np.minimum((u > np.cumsum(probs, 1)).sum(1), 8)  # inverse-CDF sampling
        cell = np.where(pos.legal[s, cell], cell, probs.argmax(1))  # guards rounding at 1.0
        if counts is not None:
            np.add.at(counts, (s, cell), 1)
        if moves is not None:
            moves[live, t] = cell
        state[live] = pos.child[s, cell]
    return state


def results_vs(pos: Positions, policy: np.ndarray, opponent: np.ndarray, n_games: int,
               rng: np.random.Generator) -> dict[str, int]:
    """Wins, draws and losses of `policy` against `opponent`, half the games as x, half as o."""
    half = n_games // 2
    as_x = pos.winner[play_games(pos, policy, opponent, half, rng)]
    as_o = pos.winner[play_games(pos, opponent, policy, n_games - half, rng)]
    return {"wins": int((as_x == 1).sum() + (as_o == 2).sum()),
            "draws": int((as_x == 0).sum() + (as_o == 0).sum()),
            "losses": int((as_x == 2).sum() + (as_o == 1).sum())}


def rates(pos: Positions, policy: np.ndarray) -> dict[str, float]:
    """Mean probability, over the 4520 non-terminal positions, of an optimal move and of a
    value-preserving move (for a greedy table: the share of positions where its pick is)."""
    p = policy[pos.nonterminal]
    return {N.OPT_RATE: float((p * pos.optimal[pos.nonterminal]).sum(1).mean()),
            N.VALUE_RATE: float((p * pos.preserving[pos.nonterminal]).sum(1).mean())}
