"""All 5478 reachable positions as numpy tables, built once from the memoised solver.

Index 0 is the empty board; `nonterminal` lists the 4520 positions where a move is due.
Every policy is then a table [N, 9] of move probabilities, and play, data logging and
evaluation are gathers over these tables (no Python loop over games or positions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from strategic.tictactoe import board as B
from strategic.tictactoe import solver


@dataclass(frozen=True)
class Positions:
    """Attributes (N positions):
        boards [N, 9] int8: 0 empty, 1 x, 2 o.     mover [N]: side to move (1 x, 2 o).
        terminal [N] bool.                          winner [N]: 0, 1 or 2.
        child [N, 9]: index after playing the cell, -1 if illegal (or terminal parent).
        legal [N, 9] bool.                          nonterminal [M]: indices, M = 4520.
        move_wdl, move_plies [N, 9]: solver values of each legal move (0 elsewhere).
        optimal [N, 9] bool: depth-aware optimal moves (fastest win / slowest loss).
        preserving [N, 9] bool: moves keeping the position's game-theoretic outcome.
        index: board tuple -> row.
    """
    boards: np.ndarray
    mover: np.ndarray
    terminal: np.ndarray
    winner: np.ndarray
    child: np.ndarray
    legal: np.ndarray
    nonterminal: np.ndarray
    move_wdl: np.ndarray
    move_plies: np.ndarray
    optimal: np.ndarray
    preserving: np.ndarray
    index: dict


@cache
def positions() -> Positions:
    """The tables (built in ~0.2 s, cached per process)."""
    order = solver.reachable()
    index = {b: i for i, b in enumerate(order)}
    n = len(order)
    child = np.full((n, 9), -1, dtype=np.int64)
    wdl = np.zeros((n, 9), dtype=np.int64)
    plies = np.zeros((n, 9), dtype=np.int64)
    opt = np.zeros((n, 9), dtype=bool)
    keep = np.zeros((n, 9), dtype=bool)
    for i, b in enumerate(order):
        for cell, (w, p) in solver.move_values(b).items() if not B.is_terminal(b) else ():
            child[i, cell], wdl[i, cell], plies[i, cell] = index[B.play(b, cell)], w, p
        if not B.is_terminal(b):
            opt[i, solver.optimal_moves(b)] = True
            keep[i, solver.value_preserving_moves(b)] = True
    terminal = np.array([B.is_terminal(b) for b in order])
    return Positions(
        boards=np.array(order, dtype=np.int8), mover=np.array([B.mover(b) for b in order]),
        terminal=terminal, winner=np.array([B.winner(b) for b in order]), child=child,
        legal=child >= 0, nonterminal=np.flatnonzero(~terminal), move_wdl=wdl,
        move_plies=plies, optimal=opt, preserving=keep, index=index)


def features(pos: Positions) -> np.ndarray:
    """One-hot board from the mover's view: [N, 27] = (empty, mine, theirs) x 9 cells."""
    b = pos.boards.astype(np.int64)
    mine = b == pos.mover[:, None]
    theirs = (b != 0) & ~mine
    return np.concatenate([b == 0, mine, theirs], axis=1).astype(np.float32)


def talk_index(pos: Positions) -> int:
    return pos.index[B.parse(B.TALK_BOARD)]


def symmetries() -> np.ndarray:
    """The 8 elements of the square's symmetry group (dihedral group D4) as cell permutations
    [8, 9]: row g maps cell c to cell g[c] (4 rotations, each with and without a mirror)."""
    rc = np.array([divmod(c, 3) for c in range(9)])
    out = []
    for mirror in (False, True):
        r, c = rc[:, 0], (2 - rc[:, 1]) if mirror else rc[:, 1]
        for _ in range(4):
            out.append(3 * r + c)
            r, c = c, 2 - r  # a quarter turn
    return np.array(out)


def orbit(pos: Positions, i: int) -> np.ndarray:
    """Rows of the distinct images of position `i` under the 8 symmetries (i included)."""
    b = pos.boards[i]
    images = set()
    for g in symmetries():
        img = np.zeros(9, dtype=b.dtype)
        img[g] = b  # the mark on cell c moves to cell g[c]
        images.add(pos.index[tuple(int(v) for v in img)])
    return np.array(sorted(images))


def held_out(pos: Positions, fraction: float, rng: np.random.Generator) -> np.ndarray:
    """CLAIMS H2 (iii b): [N] bool, True on the held-out non-terminal positions: the talk board
    and its symmetric images, and round(fraction x the other non-terminal ones) drawn by `rng`."""
    talk = orbit(pos, talk_index(pos))
    rest = np.setdiff1d(pos.nonterminal, talk)
    out = np.zeros(len(pos.boards), dtype=bool)
    out[talk] = True
    out[rng.choice(rest, size=round(fraction * len(rest)), replace=False)] = True
    return out
