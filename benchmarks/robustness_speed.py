"""PGD-40 throughput of strategic.robustness.attacks.pgd vs torchattacks.PGD, in one process.

Same model, same batch, same settings (ε 0.2, step ε/8, 40 steps, random start), timed in
interleaved rounds by CPU time (images per CPU-second); the ratio must be ≥ 0.9 (same
algorithm). Also the exhaustive spatial grid's images × transformations per CPU-second.
With --results, the study's saved models (state dicts, weights_only) are attacked by both
implementations and their robust accuracies printed side by side (the report's table).

Usage: python benchmarks/robustness_speed.py [--rounds 5] [--results results]
torchattacks is a test/benchmark extra: pip install --no-deps "torchattacks==3.5.1".
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch


def _mlp(d_in: int, seed: int = 0):
    from strategic.robustness.models import make_net
    side = int(d_in ** 0.5)
    return make_net("mlp", (1, side, side), 256, 10, seed).eval()


def _cpu(fn) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def pgd_ratio(rounds: int) -> None:
    import torchattacks

    from strategic.data.digits import load_digits_split
    from strategic.robustness import attacks as A

    d = load_digits_split(0.25)
    x, y, net = d["x_test"].view(-1, 1, 8, 8), d["y_test"], _mlp(64)
    gen = torch.Generator().manual_seed(0)
    ours = lambda: A.pgd(net, x, y, eps=0.2, step=0.025, steps=40, generator=gen)  # noqa: E731
    atk = torchattacks.PGD(net, eps=0.2, alpha=0.025, steps=40, random_start=True)
    theirs = lambda: atk(x, y)  # noqa: E731
    ours(), theirs()  # warm-up
    t_ours = t_theirs = 0.0
    for _ in range(rounds):
        t_ours += _cpu(ours)
        t_theirs += _cpu(theirs)
    a, b = len(x) * rounds / t_ours, len(x) * rounds / t_theirs
    print(f"PGD-40, MLP 64-256-256-10, batch {len(x)}, {rounds} interleaved rounds, 1 thread")
    print(f"  ours {a:8.0f} img/CPU-s | torchattacks.PGD {b:8.0f} img/CPU-s | ratio {a / b:.2f}x"
          f" ({'ok' if a / b >= 0.9 else 'BELOW 0.9'})")


def grid_speed() -> None:
    from strategic.data.digits import load_digits_split, to_canvas
    from strategic.robustness import spatial as S
    from strategic.robustness import transforms as T

    d = load_digits_split(0.25)
    x, y, net = to_canvas(d["x_test"][:200]), d["y_test"][:200], _mlp(784)
    theta, _ = T.spatial_grid(30, 31, 3, 5)
    S.grid_attack(net, x[:10], y[:10], theta[:10])
    cpu = _cpu(lambda: S.grid_attack(net, x, y, theta))
    print(f"spatial grid: {len(x)} images × {len(theta)} transformations (MLP 784-256-256-10):"
          f" {len(x) * len(theta) / cpu:,.0f} images×transforms per CPU-s ({cpu:.1f} CPU-s)")


def study_models(results: Path) -> None:
    """Robust accuracy (PGD-40, ε 0.2) of the study's saved models: ours vs torchattacks."""
    import torchattacks

    from strategic.data.digits import load_digits_split
    from strategic.robustness import attacks as A
    from strategic.robustness.common import load_model

    d = load_digits_split(0.25)
    x, y = d["x_test"].view(-1, 1, 8, 8), d["y_test"]
    for path in sorted(Path(results).glob("robustness/pgd/seed=*/models/*.pt")):
        net = load_model(path, "mlp", (1, 8, 8), 256, 10)
        ours = A.accuracy(net, A.pgd(net, x, y, eps=0.2, step=0.025, steps=40,
                                     generator=torch.Generator().manual_seed(0)), y)
        torch.manual_seed(0)
        theirs = A.accuracy(net, torchattacks.PGD(net, eps=0.2, alpha=0.025, steps=40)(x, y), y)
        print(f"  {path.parent.parent.name} {path.stem:4s} clean {A.accuracy(net, x, y):.4f}"
              f"  PGD-40 ours {ours:.4f}  torchattacks {theirs:.4f}  diff {100 * (ours - theirs):+.2f} pts")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5, help="interleaved timing rounds")
    ap.add_argument("--results", type=Path, default=None, help="results folder of a study run")
    args = ap.parse_args()
    torch.set_num_threads(1)
    pgd_ratio(args.rounds)
    grid_speed()
    if args.results is not None:
        print(f"study models in {args.results}:")
        study_models(args.results)


if __name__ == "__main__":
    main()
