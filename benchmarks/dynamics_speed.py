"""Speed of strategic.dynamics' fast SGD player vs a torch.optim.SGD player, in one process.

Both run the same rule on the same batched toy game (f(x, y) = Σ x·y with a closed-form field,
B independent initial points, float64) through `iterate`; the ratio is the reason SGDPlayer
exists (a torch optimiser per player costs more than the rest of an iteration on tiny tensors).

Usage: python benchmarks/dynamics_speed.py [--inits 256] [--dim 2] [--steps 5000]
"""

from __future__ import annotations

import argparse
import time

import torch


def its_per_s(rule: str, fast: bool, inits: int, dim: int, steps: int) -> float:
    from strategic.dynamics import FieldGame, OptimizerPlayer, SGDPlayer, iterate, make_rule
    game = FieldGame(lambda i, ps: [ps[1][0]] if i == 0 else [-ps[0][0]])
    gen = torch.Generator().manual_seed(0)
    xs = [0.1 * torch.randn(inits, dim, generator=gen, dtype=torch.float64) for _ in range(2)]
    players = ([SGDPlayer([x], 0.01) for x in xs] if fast else
               [OptimizerPlayer(torch.optim.SGD([x], lr=0.01)) for x in xs])
    iterate(make_rule(rule), game, players, 50)  # warm-up
    t = time.perf_counter()
    iterate(make_rule(rule), game, players, steps)
    return steps / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--inits", type=int, default=256, help="batch of initial points B")
    ap.add_argument("--dim", type=int, default=2, help="coordinates per player d")
    ap.add_argument("--steps", type=int, default=5000, help="timed iterations per run")
    args = ap.parse_args()
    torch.set_num_threads(1)
    print(f"bilinear game, B={args.inits}, d={args.dim}, {args.steps} iterations, 1 thread")
    for rule in ("gda", "eg"):
        fast = its_per_s(rule, True, args.inits, args.dim, args.steps)
        slow = its_per_s(rule, False, args.inits, args.dim, args.steps)
        print(f"{rule:4s} SGDPlayer {fast:9.0f} it/s | torch.optim.SGD player {slow:9.0f} it/s"
              f" | ratio {fast / slow:.2f}x")


if __name__ == "__main__":
    main()
