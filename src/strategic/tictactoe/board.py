"""Tic-tac-toe boards: cells 0..8 row-major, 0 = empty, 1 = x, 2 = o; x moves first.

Pure Python (no numpy, no torch) so that `python -m strategic ttt` starts fast.
"""

from __future__ import annotations

Board = tuple[int, ...]  # 9 cells in {0, 1, 2}

EMPTY: Board = (0,) * 9
LINES: tuple[tuple[int, int, int], ...] = (
    (0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6))
SYMBOLS = {".": 0, "x": 1, "o": 2}
CELL_NAMES = ("top-left", "top-middle", "top-right", "middle-left", "centre", "middle-right",
              "bottom-left", "bottom-middle", "bottom-right")
TALK_BOARD = "x.xoo...."  # the talk's board: x| |x / o|o| / | |, x to move


class BoardError(ValueError):
    """A board string that is malformed or not reachable in play."""


def mover(b: Board) -> int:
    """The side to move (1 = x, 2 = o): x has moved once more than o, or as often."""
    return 1 if b.count(1) == b.count(2) else 2


def winner(b: Board) -> int:
    """1 or 2 if that side has three in a line, else 0."""
    for i, j, k in LINES:
        if b[i] and b[i] == b[j] == b[k]:
            return b[i]
    return 0


def is_terminal(b: Board) -> bool:
    return winner(b) != 0 or 0 not in b


def legal_moves(b: Board) -> list[int]:
    """Empty cells of a non-terminal board (none once the game is over)."""
    return [] if is_terminal(b) else [c for c in range(9) if b[c] == 0]


def play(b: Board, cell: int) -> Board:
    return b[:cell] + (mover(b),) + b[cell + 1:]


def threats(b: Board, side: int) -> list[int]:
    """Empty cells that would complete a line of `side` (its two-in-a-rows)."""
    cells = {c for line in LINES for c in line
             if b[c] == 0 and sum(b[d] == side for d in line) == 2}
    return sorted(cells)


def parse(text: str) -> Board:
    """'x.xoo....' -> board; BoardError (one line) for a wrong length, symbol or position."""
    s = text.strip().lower()
    if len(s) != 9:
        raise BoardError(f"board must have 9 cells (row-major, '.' empty), got {len(s)}: {text!r}")
    bad = sorted(set(s) - set(SYMBOLS))
    if bad:
        raise BoardError(f"board may only contain 'x', 'o' and '.', got {''.join(bad)!r}")
    b = tuple(SYMBOLS[ch] for ch in s)
    nx, no = b.count(1), b.count(2)
    if nx - no not in (0, 1):
        raise BoardError(f"impossible position: x moves first, so #x - #o must be 0 or 1 "
                         f"(got {nx} x, {no} o)")
    w = winner(b)
    both = any(b[i] == b[j] == b[k] == 2 for i, j, k in LINES) and \
        any(b[i] == b[j] == b[k] == 1 for i, j, k in LINES)
    if both or (w == 1 and nx != no + 1) or (w == 2 and nx != no):
        raise BoardError("impossible position: play would have stopped at the earlier win")
    return b


def show(b: Board) -> str:
    """Rows 'x| |x / o|o| / | |' as in the talk."""
    sym = {0: " ", 1: "x", 2: "o"}
    return " / ".join("|".join(sym[b[3 * r + c]] for c in range(3)) for r in range(3))
