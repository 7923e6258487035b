"""Speed of `gradient_play.play` (claims A3, C3, D2) as ratios against references in this process.

1. The compiled field (`game.planar_rows`, numba) vs the same Game's torch field, both driven
   by the same `strategic.dynamics` rule on the A3 batch (3 games × `inits` points, one field call per step).
2. The batch of all initial points vs the same rule looped over the points one by one.
3. A3's compiled loop (`planar_play`, the whole run in numba) vs `play` with the compiled field,
   on the same batch and rule (bitwise the same iterates: tests/unit/test_planar_play.py).

Usage: python benchmarks/game_play.py [--inits 200] [--steps 2000]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from strategic.games import f1 as F1
from strategic.games import game as G
from strategic.games import gradient_play as cycles
from strategic.games import planar_play, toy_games


def timed(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inits", type=int, default=200)
    ap.add_argument("--steps", type=int, default=2000)
    args = ap.parse_args()
    torch.set_num_threads(1)
    games = [F1.game(), toy_games.letcher_game(), toy_games.control_game()]
    no_kernel = [G.Game(g.name, g.dims, g.utilities, g.lo, g.hi, g.minimises, g.field_fn) for g in games]
    z0 = np.random.default_rng(0).uniform(-3, 3, (3 * args.inits, 2))
    stack, torch_stack = cycles.stack_games(games), cycles.stack_games(no_kernel)
    cycles.play(stack, z0, "gda", 0.01, 2)  # compile the kernels
    fast = timed(lambda: cycles.play(stack, z0, "gda", 0.01, args.steps))
    slow = timed(lambda: cycles.play(torch_stack, z0, "gda", 0.01, args.steps))
    print(f"compiled vs torch field, {3 * args.inits} points x {args.steps} GDA steps: "
          f"{fast:.2f} s vs {slow:.2f} s CPU  ->  x{slow / fast:.1f}")
    few = max(1, args.steps // 20)
    f1 = games[0]
    batch = timed(lambda: cycles.play(f1, z0[:args.inits], "gda", 0.01, few))
    loop = timed(lambda: [cycles.play(f1, z[None], "gda", 0.01, few) for z in z0[:args.inits]])
    print(f"batched vs per-point loop, {args.inits} points x {few} steps on f1: "
          f"{batch:.2f} s vs {loop:.2f} s CPU  ->  x{loop / batch:.1f}")
    loops = (F1.play_kernel, toy_games.letcher_play_kernel, toy_games.control_play_kernel)
    parts = np.split(z0, 3)

    def compiled(steps):
        for k, g, z in zip(loops, games, parts):
            planar_play.run(k, g.lo, g.hi, z, "gda", 0.01, steps)
    compiled(2)  # compile the loops
    whole = timed(lambda: compiled(args.steps))
    print(f"compiled loop vs play (compiled field), {3 * args.inits} points x {args.steps} GDA steps: "
          f"{whole:.3f} s vs {fast:.2f} s CPU  ->  x{fast / whole:.0f}")


if __name__ == "__main__":
    main()
