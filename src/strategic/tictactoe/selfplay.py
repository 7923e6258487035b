"""Self-play value learning (CLAIMS H2 iii a), as pure functions over the game's rules only.

The network's 9 scores are read as action values Q(s, a): the discounted outcome, for the
side to move in s, of playing a and then playing on well (negamax form of Q-learning,
Watkins 1989; Sutton & Barto 2018, sec. 6.5). A batch of games starts from the empty board
and is played by the network against itself, each move epsilon-greedy (a uniformly random
legal move with probability epsilon, else the argmax). Every move made becomes one TD(0)
target (the same board game as Tesauro's TD-Gammon learns from, one ply at a time):

    y(s, a) = r                         if the move ends the game (1 win, 0 draw)
    y(s, a) = -gamma * max_b Q(s', b)   else (s' = the position after a; the opponent moves)

so a faster win (a slower loss) is worth more (less): gamma^(plies - 1). Nothing here reads
a solver value: `Rules` holds only the move table, legality, and the end-of-game facts, and
the games never leave the positions self-play reaches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from strategic.tictactoe.positions import Positions


@dataclass(frozen=True)
class Rules:
    """The rules of tic-tac-toe as tables over positions (no solver values).

    Attributes: child [N, 9] position after a move (-1 illegal); legal [N, 9];
    terminal [N]; winner [N] (0, 1 or 2). Row 0 is the empty board.
    """
    child: np.ndarray
    legal: np.ndarray
    terminal: np.ndarray
    winner: np.ndarray

    @classmethod
    def of(cls, pos: Positions) -> Rules:
        return cls(pos.child, pos.legal, pos.terminal, pos.winner)


def play(rules: Rules, q: Callable[[np.ndarray], np.ndarray], n_games: int, epsilon: float,
         rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`n_games` epsilon-greedy self-play games from the empty board, all at once.

    Args: q maps position rows [B] to scores [B, 9] (illegal cells very negative).
    Returns: the (position, move) pairs played, s [T] and a [T] (every move of every game).
    """
    state = np.zeros(n_games, dtype=np.int64)
    moves_s, moves_a = [], []
    for _ in range(9):
        live = ~rules.terminal[state]
        if not live.any():
            break
        s = state[live]
        noise = np.where(rules.legal[s], rng.random((len(s), 9)), -1.0)
        explore = rng.random(len(s)) < epsilon
        a = np.where(explore, noise.argmax(1), q(s).argmax(1))  # random legal / greedy
        moves_s.append(s)
        moves_a.append(a)
        state[live] = rules.child[s, a]
    return np.concatenate(moves_s), np.concatenate(moves_a)


def td_targets(rules: Rules, s: np.ndarray, a: np.ndarray, q: Callable[[np.ndarray], np.ndarray],
               gamma: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """TD(0) targets of the moves played, one per distinct (position, move) pair.

    A pair played several times in the batch enters once (its targets are identical: play is
    deterministic), so frequent openings do not swamp the rare positions.
    Returns: s [P], a [P], y [P] (see the module docstring).
    """
    key = np.unique(s * 9 + a)
    s, a = key // 9, key % 9
    s2 = rules.child[s, a]
    y = np.where(rules.winner[s2] != 0, 1.0, 0.0)
    live = ~rules.terminal[s2]
    if live.any():
        y[live] = -gamma * q(s2[live]).max(1)
    return s, a, y


def epsilon_at(step: int, steps: int, start: float, end: float) -> float:
    """Exploration rate, linear from `start` at step 0 to `end` at the last step."""
    return start + (end - start) * step / max(steps - 1, 1)
