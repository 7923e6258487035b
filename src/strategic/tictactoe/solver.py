"""Exact memoised minimax (negamax) over tic-tac-toe positions, depth-aware.

A move's value for the side making it is (wdl, plies): wdl = +1 win, 0 draw, -1 loss under
best play by both sides, and plies = half-moves until the game ends, the move itself
included (an immediate win is (1, 1)). Best play wins as fast and loses as slowly as
possible, i.e. maximises `score = wdl * (10 - plies)` (draws score 0 whatever their length).
Pure Python: the CLI's `ttt` command imports this without numpy or torch.
"""

from __future__ import annotations

from collections import deque
from functools import cache

from strategic.tictactoe.board import EMPTY, Board, legal_moves, play, winner

Value = tuple[int, int]  # (wdl, plies) for the side that moves


def score(v: Value) -> int:
    """Depth-aware order of values: faster wins > slower wins > draws > slower losses > faster."""
    wdl, plies = v
    return wdl * (10 - plies)


@cache
def move_values(b: Board) -> dict[int, Value]:
    """(wdl, plies) of every legal move of the side to move in a non-terminal board `b`."""
    out = {}
    for cell in legal_moves(b):
        child = play(b, cell)
        if winner(child):
            out[cell] = (1, 1)
        elif 0 not in child:
            out[cell] = (0, 1)
        else:
            wdl, plies = best_value(child)
            out[cell] = (-wdl, plies + 1)
    return out


@cache
def best_value(b: Board) -> Value:
    """The value of a non-terminal board for its side to move (its best move's value)."""
    return max(move_values(b).values(), key=score)


def optimal_moves(b: Board) -> list[int]:
    """Moves with the best depth-aware value (fastest win / slowest loss)."""
    vals = move_values(b)
    best = max(map(score, vals.values()))
    return [c for c, v in vals.items() if score(v) == best]


def value_preserving_moves(b: Board) -> list[int]:
    """Moves that keep the game-theoretic outcome (wdl) of the position."""
    vals = move_values(b)
    best = max(w for w, _ in vals.values())
    return [c for c, (w, _) in vals.items() if w == best]


def reachable() -> list[Board]:
    """Every position reachable from the empty board (terminal ones included), breadth-first
    so that positions are ordered by the number of marks."""
    seen, order, queue = {EMPTY}, [EMPTY], deque([EMPTY])
    while queue:
        b = queue.popleft()
        for cell in legal_moves(b):
            c = play(b, cell)
            if c not in seen:
                seen.add(c)
                order.append(c)
                queue.append(c)
    return order
