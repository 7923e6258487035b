"""The study's own CLI command: `python -m strategic ttt --board x.xoo....` (the exact solver)."""

from __future__ import annotations

import argparse
import json


def add_commands(sub) -> None:
    """Add `ttt` to the CLI's subparsers."""
    x = sub.add_parser(
        "ttt", help="exact minimax value of every legal move on a tic-tac-toe board",
        description="Print the exact minimax value of every legal move for the side to move "
        "(x moves first, so the side follows from the counts of x and o): the outcome for the "
        "mover under best play (win/draw/loss) and the plies to the end of the game, the move "
        "itself included (an immediate win is 1 ply; the winner wins as fast and the loser "
        "loses as slowly as possible). A malformed or impossible board exits with status 2.")
    x.add_argument("--board", default="x.xoo....", help="9 cells row-major, each 'x', 'o' or "
                   "'.' (empty); default: the talk's board x.xoo.... (x| |x / o|o| / | |)")
    x.add_argument("--json", action="store_true", help='print {"<cell 0-8>": {"wdl": 1|0|-1, '
                   '"plies": n}} instead of text')
    x.set_defaults(func=cmd_ttt)


def cmd_ttt(a: argparse.Namespace) -> None:
    from strategic.contracts import UserError
    from strategic.tictactoe import board as B
    from strategic.tictactoe import solver
    try:
        b = B.parse(a.board)
    except B.BoardError as e:
        raise UserError(str(e)) from None
    if B.is_terminal(b):
        raise UserError(f"the game is over on {a.board!r}: no move to value")
    vals = sorted(solver.move_values(b).items())
    if a.json:
        print(json.dumps({str(c): {"wdl": w, "plies": p} for c, (w, p) in vals}))
        return
    best = solver.optimal_moves(b)
    print(f"{B.show(b)}   ({'x' if B.mover(b) == 1 else 'o'} to move; * = best move)")
    for c, (w, p) in vals:
        outcome = {1: "win", 0: "draw", -1: "loss"}[w]
        print(f"{'*' if c in best else ' '} cell {c} ({B.CELL_NAMES[c]}): {outcome} in "
              f"{p} {'ply' if p == 1 else 'plies'}")
