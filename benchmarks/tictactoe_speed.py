"""Speed of the tictactoe study's hot loops, as ratios against reference runs in this process.

1. Logged play: `policies.play_games` (all games at once, gathers over the position tables)
   vs the same sampling one game at a time on board tuples (`board.play`, `board.legal_moves`).
2. Self-play targets: `policies.rollout_scores` (every (position, move) pair at once) vs a
   per-pair Python playout of the same greedy policy.

Usage: python benchmarks/tictactoe_speed.py [--games 5000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from strategic.tictactoe import board as B
from strategic.tictactoe import policies as P
from strategic.tictactoe.positions import positions


def play_loop(pos, policy: np.ndarray, n_games: int, rng: np.random.Generator) -> int:
    """Reference: one game at a time, one move at a time, from the same probability table."""
    wins = 0
    for _ in range(n_games):
        b = B.EMPTY
        while not B.is_terminal(b):
            p = policy[pos.index[b]]
            b = B.play(b, int(rng.choice(9, p=p)))
        wins += B.winner(b) == 1
    return wins


def rollout_loop(pos, moves: np.ndarray) -> np.ndarray:
    """Reference: play out every legal (position, move) pair separately."""
    out = np.full(pos.legal.shape, -np.inf)
    for i, j in zip(*np.nonzero(pos.legal)):
        b = tuple(int(c) for c in pos.boards[i])
        me, plies, b = B.mover(b), 1, B.play(b, int(j))
        while not B.is_terminal(b):
            b, plies = B.play(b, int(moves[pos.index[b]])), plies + 1
        w = B.winner(b)
        out[i, j] = (0 if w == 0 else (1 if w == me else -1)) * (10 - plies)
    return out


def timed(fn, *args):
    t = time.perf_counter()
    out = fn(*args)
    return time.perf_counter() - t, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--games", type=int, default=5000)
    a = ap.parse_args()
    pos = positions()
    policy = P.block_first_policy(pos)
    t_vec, _ = timed(P.play_games, pos, policy, policy, a.games, np.random.default_rng(0))
    t_loop, _ = timed(play_loop, pos, policy, a.games, np.random.default_rng(0))
    print(f"logged play, {a.games} games: vectorised {t_vec:.3f}s, loop {t_loop:.3f}s, "
          f"speed-up x{t_loop / t_vec:.0f}")
    moves = np.where(pos.optimal, 1.0, -1.0).argmax(1)
    t_vec, fast = timed(P.rollout_scores, pos, moves)
    t_loop, slow = timed(rollout_loop, pos, moves)
    assert np.array_equal(fast, slow)
    print(f"self-play rollouts, {int(pos.legal.sum())} pairs: vectorised {t_vec:.3f}s, "
          f"loop {t_loop:.3f}s, speed-up x{t_loop / t_vec:.0f} (same scores)")


if __name__ == "__main__":
    main()
