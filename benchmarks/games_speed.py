"""Speed of the games study's hot loops, as ratios against reference runs in this process.

1. GD on f (claim A1): all initial points as one batch (`run_dynamics`, a Lightning run with
   `block` iterations per training_step) vs the same update rule looped over points one by one.
2. MLP seeds (claim A1): S seeds trained together as one `EnsembleMLP` vs S separate single-member
   ensembles trained one after another (same code, same work per seed).

Usage: python benchmarks/games_speed.py [--inits 10000] [--steps 200] [--seeds 10] [--epochs 2]
"""

from __future__ import annotations

import argparse
import logging
import time
import warnings

import torch

import lightning  # noqa: E402,F401  (imported before its loggers are quietened)

warnings.filterwarnings("ignore")
logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)


def gd_batched(z0: torch.Tensor, steps: int) -> float:
    from strategic.games import toys
    from strategic.games.module import run_dynamics
    t = time.perf_counter()
    run_dynamics(toys.A1_GAME, [z0], "gda", 0.1, steps, 250)
    return time.perf_counter() - t


def gd_loop(z0: torch.Tensor, steps: int) -> float:
    """Reference: the same rule (dynamics.UpdateRule + sgd_step) one initial point at a time."""
    from strategic.games import toys
    from strategic.games.dynamics import UpdateRule, sgd_step
    t = time.perf_counter()
    for z in z0:
        players = [[z[None].clone()]]
        rule, step = UpdateRule("gda", 1), sgd_step(players, 0.1)
        for _ in range(steps):
            rule(lambda i: [toys.A1_GAME.grad(0, [players[0][0]])], step)
    return time.perf_counter() - t


def mlp_fit(seeds: list[int], epochs: int) -> float:
    import lightning as L
    from strategic.games import digits
    data = digits.load_digits_split(0.25)
    net = digits.EnsembleMLP(seeds, 64, 256, 10)
    loader = torch.utils.data.DataLoader(
        digits.SeedBatches(data["x_train"], data["y_train"], seeds, 128), batch_size=None)
    trainer = L.Trainer(max_epochs=epochs, logger=False, enable_checkpointing=False,
                        enable_progress_bar=False, enable_model_summary=False, accelerator="cpu")
    t = time.perf_counter()
    trainer.fit(digits.EnsembleClassifier(net, 0.2, 0.9), loader)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--inits", type=int, default=10_000)
    ap.add_argument("--loop-inits", type=int, default=100, help="points timed in the reference loop")
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--epochs", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(1)
    gen = torch.Generator().manual_seed(0)
    z0 = (4 * torch.rand(a.inits, 2, generator=gen, dtype=torch.float64) - 2)

    gd_batched(z0[:10], 10)  # warm-up (Lightning's first fit pays one-off costs)
    tb = gd_batched(z0, a.steps)
    tl = gd_loop(z0[:a.loop_inits], a.steps) * a.inits / a.loop_inits
    rate_b, rate_l = a.inits * a.steps / tb, a.inits * a.steps / tl
    print(f"GD on f, {a.inits} inits x {a.steps} steps")
    print(f"  batched (Lightning, one run):   {rate_b:12.3e} point-steps/s  ({tb:.2f} s)")
    print(f"  per-point loop (reference):     {rate_l:12.3e} point-steps/s  ({tl:.2f} s, "
          f"extrapolated from {a.loop_inits} points)")
    print(f"  ratio batched / loop:           {rate_b / rate_l:12.1f}x")

    seeds = list(range(a.seeds))
    mlp_fit([0], 1)  # warm-up
    te = mlp_fit(seeds, a.epochs)
    ts = sum(mlp_fit([s], a.epochs) for s in seeds)
    print(f"MLP on digits, {a.seeds} seeds x {a.epochs} epochs")
    print(f"  ensemble (one fit):             {te:8.2f} s")
    print(f"  one fit per seed (reference):   {ts:8.2f} s")
    print(f"  ratio sequential / ensemble:    {ts / te:8.2f}x")


if __name__ == "__main__":
    main()
