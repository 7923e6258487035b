"""E2 run function: GANs on the 8-Gaussian ring under one update rule, every seed one member
of a batched (generator, critic) pair (Metz et al. ICLR'17 Fig. 1).

Tables per seed: `modes.csv` (iteration, effective modes, covered, quality, dominant mode) and
`samples.csv` (generator samples at every metric checkpoint, for the methods x iterations grid).
"""

from __future__ import annotations

import time

import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.gans import names as N
from strategic.gans import ring
from strategic.gans.config import GansRing
from strategic.gans.streams import EVAL, TRAIN


def build(cfg: GansRing, seeds: list[int]):
    """The batched generator and critic; member s initialised from seed s only."""
    from strategic.gans.nets import Stacked, mlp, seeded

    gen = Stacked([seeded(lambda: mlp(cfg.z_dim, cfg.hidden, cfg.depth, 2), s) for s in seeds])
    critic = Stacked([seeded(lambda: mlp(2, cfg.hidden, cfg.depth, 1), 10_000 + s)
                      for s in seeds])
    return gen, critic


def drawer(cfg: GansRing, seeds: list[int]):
    """step -> (real [S, B, 2], z [S, B, d_z]), member s's from its own (seed, step) stream."""
    from strategic.gans.gan import member_gens, member_normals

    def draw(step: int):
        gens = member_gens(seeds, TRAIN, step)
        real = torch.stack([ring.sample(cfg.batch, g, cfg.sigma, cfg.modes, cfg.radius)
                            for g in gens])
        return real, member_normals(gens, cfg.batch, cfg.z_dim)
    return draw


def module(cfg: GansRing, seeds: list[int]):
    from strategic.gans.gan import GanModule

    gen, critic = build(cfg, seeds)
    return GanModule(gen, critic, cfg.method, cfg.k, cfg.inner_lr, cfg.g_lr, cfg.d_lr,
                     tuple(cfg.betas), drawer(cfg, seeds))


def run_ring(cfg: GansRing, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """Train every seed under `cfg.method`; per-seed final mode metrics and hop rate."""
    from strategic.gans.gan import fit_gan, member_gens, member_normals

    seeds = [c.seed for c in ctxs]
    mod = module(cfg, seeds)
    z_eval = member_normals(member_gens(seeds, EVAL, 0), cfg.eval_n, cfg.z_dim)
    probe = lambda x: ring.mode_metrics(x, cfg.sigma, cfg.modes, cfg.radius)  # noqa: E731
    cpu0 = time.process_time()
    hist = fit_gan(mod, ctxs, cfg, cfg.method, z_eval, probe)
    cpu = time.process_time() - cpu0
    out = []
    for s, ctx in enumerate(ctxs):
        rows = pd.DataFrame({"method": cfg.method, "iteration": hist["iteration"],
                             **{k: [v[s] for v in hist[k]] for k in hist if k != "iteration"}})
        rows.to_csv(ctx.out / f"{N.T_MODES}.csv", index=False)
        _write_samples(ctx.out / f"{N.T_SAMPLES}.csv", cfg.method, mod.snapshots, s)
        dom = rows["dominant"].tolist()
        out.append({N.FINAL_EFF: float(rows.eff_modes.iloc[-1]),
                    N.FINAL_COVERED: float(rows.covered.iloc[-1]),
                    N.FINAL_QUALITY: float(rows.quality.iloc[-1]),
                    N.HOP_RATE: ring.hop_rate(dom, hist["iteration"].index(N.HOP_AFTER))
                    if N.HOP_AFTER in hist["iteration"] else float("nan"),
                    "max_eff_modes": float(rows.eff_modes.max()),
                    "train_cpu_s": cpu, "its_per_cpu_s": cfg.iterations / max(cpu, 1e-9)})
    return out


def _write_samples(path, method: str, snapshots: dict, s: int) -> None:
    parts = []
    for it, x in sorted(snapshots.items(), key=lambda kv: int(kv[0])):
        xs = x[s].numpy()
        parts.append(pd.DataFrame({"method": method, "iteration": int(it), "x": xs[:, 0],
                                   "y": xs[:, 1]}))
    pd.concat(parts).to_csv(path, index=False)
