"""Speed of the gans study's GAN training, as ratios against reference runs in this process
(E2's ring GAN at the quick profile's sizes: batch 512, z in R^256, G and D 2 x 128).

1. Lightning overhead: `GanModule` under `strategic.train.fit` vs a bare PyTorch loop doing
   the same updates (same module, rule, players and batches), iterations per CPU second.
   A fit pays a fixed cost (the Trainer's set-up, `frozen_gc`'s collection: 0.25 s in a
   process that had not frozen its imports), so the per-iteration cost is the slope
   between fits of n₁ and 3n₁ iterations (n₁ = 2.5 × --iterations: at 40 iterations the ratio moved
   by ±15 % between runs here), and the whole-fit overhead is shown at E2's 3000.
2. Batched seeds: S seeds as one `Stacked` model vs S models of one member each.
3. Unrolled-k cost: one unrolled iteration relative to one simultaneous GDA iteration.

4. Process tuning (`strategic.train.process`): glibc malloc keeping freed memory plus a
   frozen GC, against glibc's defaults and a live GC. malloc's settings are per process and
   cannot be put back, so this one ratio compares child processes (alternating, the same
   unrolled iterations after the same warm-up).
5. Stacked's plain-MLP path (one baddbmm per layer) against `vmap` of `functional_call`, on
   E2's GAN and on E3's small digits nets (both with autograd's gradients, item 7's reference).
6. E1's gradient-penalty critic (30 members: 3 seeds x 10 pairs), its gradient by autograd,
   with `Stacked(relu_mask=True)` against autograd's ReLU, steps under `strategic.train.fit`.
7. The GAN gradients written out (`gans.adjoint`: the unrolled rule's k critic steps and their
   adjoint, `GanGame.unrolled_grads`; GDA's joint pass, `GanGame.grads`; E1's GP critic)
   against autograd (`create_graph=True` through the inner steps; one autograd pass of D; the
   penalty's double backward with `relu_mask`), ring and digits.
8. Extragradient with `OptimizerPlayer`'s in-place snapshot/restore against a round trip
   through `state_dict()` / `load_state_dict`.
9. torch's fused Adam against its for-loop Adam, GDA on the ring.

Every timing is the minimum over `--reps` alternating repetitions (this VM's speed drifts by
10-20 % between seconds, so a single pass can mislead).

Usage: python benchmarks/gans_speed.py [--iterations 40] [--seeds 3] [--k 5] [--reps 3]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
from pathlib import Path

import torch

from strategic import train
from strategic.config import variant_config
from strategic.contracts import RunContext
from strategic.dynamics import OptimizerPlayer
from strategic.gans import runs_digits, runs_duality, runs_ring


class _NullTracker:
    """Stands in for the MLflow run (the benchmark times training, not tracking)."""
    resumed = False

    def log_history(self, series) -> None:
        pass


def bare(mod, iterations: int, start: int = 0) -> None:
    """The same updates as `GanModule.training_step`, with no Lightning around them."""
    if mod.players is None:
        mod.players = [OptimizerPlayer(o) for o in mod.configure_optimizers()]
    for step in range(start, start + iterations):
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


def best_of(reps: int, runs: dict) -> dict:
    """{name: min CPU-s over `reps` rounds}, the runs alternating within each round;
    `runs[name](r)` does round r's work (e.g. the next `n` iterations of one model)."""
    best = {k: float("inf") for k in runs}
    for r in range(reps):
        for k, fn in runs.items():
            best[k] = min(best[k], cpu_time(fn, r))
    return best


def vmap_forward(st):
    """`st` with its plain-MLP path switched off (the vmap of functional_call)."""
    st._plan = None
    return st


def gp_critic(relu_mask: bool, seeds: list[int], written_out: bool = False):
    """E1's one-sided GP critic at the quick profile's sizes, as `runs_duality` builds it;
    its gradient by autograd unless `written_out` (`gans.adjoint`, what the study runs)."""
    cfg = variant_config("gans", "duality", {"seeds": seeds})
    mod = runs_duality.critic_module(cfg, "gp_one_sided", runs_duality._members(cfg, seeds),
                                     relu_mask)
    mod.written_out = written_out
    return mod


class StateDictPlayer(OptimizerPlayer):
    """Item 8's reference: snapshot and restore through the optimiser's state_dict."""

    def snapshot(self):
        return [p.detach().clone() for p in self.params], copy.deepcopy(self.optimizer.state_dict())

    def restore(self, state):
        with torch.no_grad():
            for p, s in zip(self.params, state[0]):
                p.copy_(s)
        self.optimizer.load_state_dict(copy.deepcopy(state[1]))


def autograd_inner(mod):
    """`mod` with every gradient by autograd (item 7's reference)."""
    mod.game.written_out = False
    return mod


def child(tuned: bool, seeds: list[int], k: int, n: int) -> None:
    """Item 4's child: print the CPU-s of n unrolled iterations, tuned or with the defaults."""
    import strategic.train  # noqa: F401  (the same imports as a job, before the GC freeze)
    from strategic.train.process import freeze_gc, keep_freed_memory
    torch.set_num_threads(1)
    if tuned:
        keep_freed_memory()
    mod = runs_ring.module(variant_config("gans", "unrolled", {"seeds": seeds, "k": k}), seeds)
    bare(mod, 2)
    if tuned:
        freeze_gc()
    print(cpu_time(bare, mod, n, 2))


def tuning_ratio(seeds: list[int], k: int, n: int, reps: int) -> dict:
    import subprocess
    import sys
    best = {"tuned": float("inf"), "defaults": float("inf")}
    for _ in range(reps):
        for name in best:
            out = subprocess.run([sys.executable, __file__, "--child", name, "--seeds",
                                  str(len(seeds)), "--k", str(k), "--iterations", str(n)],
                                 capture_output=True, text=True, check=True).stdout
            best[name] = min(best[name], float(out.split()[-1]))
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--iterations", type=int, default=40)
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--child", choices=("tuned", "defaults"), help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        return child(a.child == "tuned", list(range(a.seeds)), a.k, a.iterations)
    torch.set_num_threads(1)
    from strategic.train.process import freeze_gc, keep_freed_memory
    keep_freed_memory()
    seeds, n, reps = list(range(a.seeds)), a.iterations, a.reps
    gda = variant_config("gans", "gda", {"seeds": seeds})
    unr = variant_config("gans", "unrolled", {"seeds": seeds, "k": a.k})
    dig = variant_config("gans", "digits", {"seeds": seeds, "k": a.k})
    eg = variant_config("gans", "eg", {"seeds": seeds})
    x_dig = torch.rand(1797, 64)
    m = {"bare": runs_ring.module(gda, seeds), "single": [runs_ring.module(gda, [s]) for s in seeds],
         "unrolled": runs_ring.module(unr, seeds), "vmap": runs_ring.module(gda, seeds),
         "dig": runs_digits.gan_module(dig, "unrolled", seeds, x_dig),
         "dig_vmap": runs_digits.gan_module(dig, "unrolled", seeds, x_dig),
         "unr_auto": autograd_inner(runs_ring.module(unr, seeds)),
         "gda_auto": autograd_inner(runs_ring.module(gda, seeds)),
         "dig_auto": autograd_inner(runs_digits.gan_module(dig, "unrolled", seeds, x_dig)),
         "eg": runs_ring.module(eg, seeds), "eg_sd": runs_ring.module(eg, seeds),
         "forloop": runs_ring.module(gda, seeds)}
    m["forloop"].fused = False
    m["eg_sd"].players = [StateDictPlayer(o) for o in m["eg_sd"].configure_optimizers()]
    for st in (m["vmap"].gen, m["vmap"].critic, m["dig_vmap"].gen, m["dig_vmap"].critic):
        vmap_forward(st)
    n_gp, n1 = max(n // 2, 2), max(5 * n // 2, 2)
    gps = {mask: [gp_critic(mask, seeds) for _ in range(reps)] for mask in (True, False)}
    gps["written"] = [gp_critic(True, seeds, written_out=True) for _ in range(reps)]
    bare(m["bare"], 3)                                          # warm-up
    freeze_gc()
    t = best_of(reps, {
        "bare": lambda r: bare(m["bare"], n, r * n),
        "bare1": lambda r: bare(m["bare"], n1, r * n1),
        "lightning": lambda r: lightning(runs_ring.module(gda, seeds), n1),
        "lightning3": lambda r: lightning(runs_ring.module(gda, seeds), 3 * n1),
        "single": lambda r: [bare(x, n, r * n) for x in m["single"]],
        "unrolled": lambda r: bare(m["unrolled"], max(n // 4, 2), r * n),
        "vmap": lambda r: bare(m["vmap"], n, r * n),
        "dig": lambda r: bare(m["dig"], n, r * n),
        "dig_vmap": lambda r: bare(m["dig_vmap"], n, r * n),
        "unr_auto": lambda r: bare(m["unr_auto"], max(n // 4, 2), r * n),
        "dig_auto": lambda r: bare(m["dig_auto"], n, r * n),
        "gda_auto": lambda r: bare(m["gda_auto"], n, r * n),
        "eg": lambda r: bare(m["eg"], n // 2, r * n),
        "eg_sd": lambda r: bare(m["eg_sd"], n // 2, r * n),
        "forloop": lambda r: bare(m["forloop"], n, r * n),
        "gp_mask": lambda r: lightning(gps[True][r], n_gp),
        "gp_autograd": lambda r: lightning(gps[False][r], n_gp),
        "gp_written": lambda r: lightning(gps["written"][r], n_gp)})
    n_unr = max(n // 4, 2)
    tp = tuning_ratio(seeds, a.k, n_unr, reps)
    ms = lambda sec, its: sec / its * 1e3   # noqa: E731
    print(f"ring GAN, {a.seeds} seeds, {n} iterations each, CPU seconds (1 torch thread), "
          f"min of {reps} alternating repetitions")
    slope = (t["lightning3"] - t["lightning"]) / (2 * n1)          # CPU-s per fit iteration
    fixed, per_bare, its = t["lightning"] - n1 * slope, t["bare1"] / n1, 3000
    print(f"1. GDA its/s: Lightning {1 / slope:.2f}, bare loop {1 / per_bare:.2f}; Lightning "
          f"overhead per iteration {100 * (slope / per_bare - 1):+.1f} % (bar: < 15 %); fixed "
          f"{fixed:.2f} s per fit; a {its}-iteration fit "
          f"{100 * ((fixed + its * slope) / (its * per_bare) - 1):+.1f} %")
    print(f"2. batched seeds: {t['single']:.2f} s as {a.seeds} single models vs {t['bare']:.2f} s "
          f"as one batched model: speed-up x{t['single'] / t['bare']:.2f}")
    print(f"3. unrolled k={a.k}: {ms(t['unrolled'], n_unr):.1f} ms/it vs GDA "
          f"{ms(t['bare'], n):.1f} ms/it: x{ms(t['unrolled'], n_unr) / ms(t['bare'], n):.2f} "
          "the cost of GDA")
    print(f"4. process tuning, unrolled: {ms(tp['tuned'], n_unr):.1f} ms/it tuned vs "
          f"{ms(tp['defaults'], n_unr):.1f} ms/it with glibc's defaults and a live GC: "
          f"x{tp['defaults'] / tp['tuned']:.2f}")
    print(f"5. plain-MLP path vs vmap: ring GDA x{t['vmap'] / t['gda_auto']:.2f} "
          f"({ms(t['gda_auto'], n):.1f} vs {ms(t['vmap'], n):.1f} ms/it); digits unrolled "
          f"x{t['dig_vmap'] / t['dig_auto']:.2f} ({ms(t['dig_auto'], n):.1f} vs "
          f"{ms(t['dig_vmap'], n):.1f} ms/it)")
    print(f"6. E1 GP critic, relu_mask vs autograd's ReLU: {ms(t['gp_mask'], n_gp):.1f} vs "
          f"{ms(t['gp_autograd'], n_gp):.1f} ms/step: x{t['gp_autograd'] / t['gp_mask']:.2f}")
    print(f"7. gradients written out vs autograd: unrolled ring "
          f"x{t['unr_auto'] / t['unrolled']:.2f} ({ms(t['unrolled'], n_unr):.1f} vs "
          f"{ms(t['unr_auto'], n_unr):.1f} ms/it), unrolled digits x{t['dig_auto'] / t['dig']:.2f} "
          f"({ms(t['dig'], n):.1f} vs {ms(t['dig_auto'], n):.1f} ms/it), GDA ring "
          f"x{t['gda_auto'] / t['bare']:.2f} ({ms(t['bare'], n):.1f} vs "
          f"{ms(t['gda_auto'], n):.1f} ms/it), E1 GP critic x{t['gp_mask'] / t['gp_written']:.2f} "
          f"({ms(t['gp_written'], n_gp):.1f} vs {ms(t['gp_mask'], n_gp):.1f} ms/step)")
    print(f"8. extragradient, in-place snapshot/restore vs state_dict round trip: "
          f"x{t['eg_sd'] / t['eg']:.2f} ({ms(t['eg'], n // 2):.1f} vs "
          f"{ms(t['eg_sd'], n // 2):.1f} ms/it)")
    print(f"9. fused Adam vs for-loop Adam, ring GDA: x{t['forloop'] / t['bare']:.2f} "
          f"({ms(t['bare'], n):.1f} vs {ms(t['forloop'], n):.1f} ms/it)")


if __name__ == "__main__":
    main()
