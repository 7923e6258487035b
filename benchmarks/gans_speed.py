"""Speed of the gans study's GAN training, as ratios against reference runs in this process
(E2's ring GAN at the quick profile's sizes: batch 512, z in R^256, G and D 2 x 128).

1. Lightning overhead: `GanModule` under `strategic.train.fit` vs a bare PyTorch loop doing
   the same updates (same module, rule, players and batches), iterations per CPU second.
2. Batched seeds: S seeds as one `Stacked` model vs S models of one member each.
3. Unrolled-k cost: one unrolled iteration relative to one simultaneous GDA iteration.

Usage: python benchmarks/gans_speed.py [--iterations 60] [--seeds 3] [--k 5]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import torch

from strategic import train
from strategic.config import variant_config
from strategic.contracts import RunContext
from strategic.dynamics import OptimizerPlayer
from strategic.gans import runs_ring


class _NullTracker:
    """Stands in for the MLflow run (the benchmark times training, not tracking)."""
    resumed = False

    def log_history(self, series) -> None:
        pass


def bare(mod, iterations: int) -> None:
    """The same updates as `GanModule.training_step`, with no Lightning around them."""
    mod.players = [OptimizerPlayer(o) for o in mod.configure_optimizers()]
    for step in range(iterations):
        real, z = mod.draw(step)
        mod.game.set_batch(real, z)
        mod.rule.step(mod.game, mod.players)


def lightning(mod, iterations: int) -> None:
    with tempfile.TemporaryDirectory() as d:
        ctx = RunContext(0, Path(d), _NullTracker(), "cpu", "bench")
        train.fit(mod, ctx, steps=iterations, tag="bench", progress_every=10**9)


def cpu_time(fn, *args) -> float:
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iterations", type=int, default=60)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--k", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(1)
    seeds, n = list(range(a.seeds)), a.iterations
    gda = variant_config("gans", "gda", {"seeds": seeds})
    unr = variant_config("gans", "unrolled", {"seeds": seeds, "k": a.k})
    bare(runs_ring.module(gda, seeds), 3)                      # warm-up
    t_bare = cpu_time(bare, runs_ring.module(gda, seeds), n)
    t_light = cpu_time(lightning, runs_ring.module(gda, seeds), n)
    t_single = sum(cpu_time(bare, runs_ring.module(gda, [s]), n) for s in seeds)
    t_unr = cpu_time(bare, runs_ring.module(unr, seeds), n)
    print(f"ring GAN, {a.seeds} seeds, {n} iterations each, CPU seconds (1 torch thread)")
    print(f"1. GDA its/s: Lightning {n / t_light:.2f}, bare loop {n / t_bare:.2f}; "
          f"Lightning overhead {100 * (t_light / t_bare - 1):+.1f} % (bar: < 15 %)")
    print(f"2. batched seeds: {t_single:.2f} s as {a.seeds} single models vs {t_bare:.2f} s as "
          f"one batched model: speed-up x{t_single / t_bare:.2f}")
    print(f"3. unrolled k={a.k}: {t_unr / n * 1e3:.1f} ms/it vs GDA {t_bare / n * 1e3:.1f} ms/it: "
          f"x{t_unr / t_bare:.2f} the cost of GDA")


if __name__ == "__main__":
    main()
