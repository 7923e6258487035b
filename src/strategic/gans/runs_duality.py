"""E1 run function: every critic on every pair (p, q) against the exact W₁ (CLAIMS E1).

Members of one batched critic = (seed, pair) for every seed and pair (1-D pairs on the x-axis
of R²), so each critic kind is one `strategic.train.fit`. Tables per seed: `critics.csv`
(critic, pair, estimate, SE, W₁ and its spread over draws, relative error, z) and
`potential.csv` (the 1-D critics on a grid beside the optimal potential).
"""

from __future__ import annotations

import time
from dataclasses import asdict

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.gans import duality as D
from strategic.gans import names as N
from strategic.gans import streams as S
from strategic.gans.config import GansDuality

GRID = (-5.0, 7.0)   # the 1-D potential figure's x-range (covers N(0,1), N(2,1), N(0,4))


def _members(cfg: GansDuality, seeds: list[int]) -> list[tuple[int, str]]:
    return [(s, p) for s in seeds for p in cfg.pairs]


def _draw_pairs(members, n: int, gens) -> tuple[torch.Tensor, torch.Tensor]:
    ps, qs = [], []
    for (s, pair), g in zip(members, gens):
        p, q, _ = D.PAIRS[pair]
        ps.append(p(n, g))
        qs.append(q(n, g))
    return torch.stack(ps), torch.stack(qs)          # [M, n, 2] each


DRAW_BLOCK = 50   # training steps whose minibatches one draw per member makes


def block_drawer(cfg: GansDuality, members):
    """step -> (p [M, B, 2], q [M, B, 2], eps [M, B, 1]): member (seed, pair)'s minibatches of
    block b (steps b·DRAW_BLOCK onwards) come from one draw of its stream (seed, TRAIN, b, pair),
    so the ~90 µs of Python per member and draw is paid once per block; deterministic in the
    step (a resumed fit redraws the same batches)."""
    block: dict = {}

    def draw(step: int):
        b, r = divmod(step, DRAW_BLOCK)
        if block.get("b") != b:
            gens = [S.stream(s, S.TRAIN, b, cfg.pairs.index(p)) for s, p in members]
            n = cfg.batch * DRAW_BLOCK
            p, q = _draw_pairs(members, n, gens)
            eps = torch.stack([torch.rand(n, 1, generator=g) for g in gens])
            block.update(b=b, t=[t.view(len(members), DRAW_BLOCK, cfg.batch, -1)
                                 for t in (p, q, eps)])
        return tuple(t[:, r] for t in block["t"])
    return draw


def critic_module(cfg: GansDuality, kind: str, members, relu_mask: bool | None = None):
    """The batched critic of `kind` over `members` (member (s, pair) initialised from
    1000 s + pair index); `relu_mask` defaults to the penalised kinds (nets.Stacked)."""
    from strategic.gans import critics as C
    from strategic.gans.nets import Stacked, seeded

    nets = [seeded(lambda: C.build(kind, cfg.hidden, cfg.depth), 1000 * s + cfg.pairs.index(p))
            for s, p in members]
    mask = kind in C.PENALISED if relu_mask is None else relu_mask
    return C.CriticModule(Stacked(nets, relu_mask=mask), kind, block_drawer(cfg, members), cfg.lr,
                          tuple(cfg.betas), cfg.gp_weight, cfg.clip, cfg.steps)


def train_critic(cfg: GansDuality, kind: str, members, ctxs):
    """One batched critic of `kind` over `members`, trained by `strategic.train.fit`."""
    from strategic import train

    module = critic_module(cfg, kind, members)
    train.fit(module, ctxs, steps=cfg.steps, tag=kind, key=asdict(cfg),
              ckpt_every=cfg.ckpt_every, metric="train/gap")
    return module


def estimate(module, members, pairs: list[str], n: int):
    """E_p f − E_q f on n fresh samples a side, and its standard error, per member."""
    gens = [S.stream(s, S.ESTIMATE, 0, pairs.index(p)) for s, p in members]
    p, q = _draw_pairs(members, n, gens)
    fp, fq = module.values(p).double(), module.values(q).double()      # [M, n]
    est = fp.mean(1) - fq.mean(1)
    se = (fp.var(1) / n + fq.var(1) / n).sqrt()
    return est.numpy(), se.numpy()


def references(cfg: GansDuality, members) -> dict[tuple[int, str], tuple[float, float]]:
    """Exact W₁ of fresh draws per (seed, pair): mean and spread over `ref_draws` draws."""
    out = {}
    for s, pair in members:
        g = S.stream(s, S.REFERENCE, 0, cfg.pairs.index(pair))
        n = cfg.ref_n_1d if D.PAIRS[pair][2] == 1 else cfg.ref_n_2d
        out[(s, pair)] = D.reference_w1(pair, n, cfg.ref_draws, g)
    return out


def lp_rows(cfg: GansDuality, members) -> list[dict]:
    """(a): the LP critic on `lp_n` samples a side vs the exact EMD of the same samples."""
    rows = []
    for s, pair in members:
        g = S.stream(s, S.LP, 0, cfg.pairs.index(pair))
        p, q, dim = D.PAIRS[pair]
        x, y = p(cfg.lp_n, g).double().numpy(), q(cfg.lp_n, g).double().numpy()
        value, f = D.lp_critic(x, y, dim)
        emd = D.exact_w1(x, y, 2)   # POT's EMD on the same points (in the plane, also for 1-D)
        rows.append({"seed": s, "critic": "lp", "pair": pair, "estimate": value, "se": 0.0,
                     "emd_same": emd, "lp_gap": abs(value - emd) / max(emd, 1e-12),
                     "lip_excess": D.lipschitz_excess(np.vstack([x, y]), f)})
    return rows


def potential_rows(cfg: GansDuality, kind: str, module, members, seed: int) -> list[pd.DataFrame]:
    """The trained 1-D critics on a grid, centred, beside the optimal potential (centred)."""
    from scipy.stats import norm

    xs = np.linspace(*GRID, cfg.grid_n)
    out = []
    cdfs = {"shift1d": (norm(0, 1).cdf, norm(2, 1).cdf), "scale1d": (norm(0, 1).cdf, norm(0, 2).cdf)}
    for k, (s, pair) in enumerate(members):
        if s != seed or pair not in cdfs:
            continue
        pts = torch.zeros(len(members), len(xs), 2)
        pts[:, :, 0] = torch.as_tensor(xs, dtype=torch.float32)
        f = module.values(pts)[k].double().numpy()
        fp, fq = cdfs[pair]
        slope = np.sign(fq(xs) - fp(xs))                 # f*' = sign(F_q − F_p) maximises ∫ f'(F_q − F_p)
        opt = np.concatenate([[0.0], np.cumsum(0.5 * (slope[1:] + slope[:-1]) * np.diff(xs))])
        out.append(pd.DataFrame({"critic": kind, "pair": pair, "x": xs, "f": f - f.mean(),
                                 "optimal": opt - opt.mean()}))
    return out


def run_duality(cfg: GansDuality, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """Train every critic kind (one batched fit each), estimate, compare with the exact W₁."""
    seeds = [c.seed for c in ctxs]
    members = _members(cfg, seeds)
    t0 = time.process_time()
    ref = references(cfg, members)
    t_ref = time.process_time() - t0
    rows, pots = lp_rows(cfg, members), {s: [] for s in seeds}
    t_lp = time.process_time() - t0 - t_ref
    for kind in cfg.critics:
        module = train_critic(cfg, kind, members, ctxs)
        est, se = estimate(module, members, cfg.pairs, cfg.n_eval)
        rows += [{"seed": s, "critic": kind, "pair": p, "estimate": float(e), "se": float(v)}
                 for (s, p), e, v in zip(members, est, se)]
        for s in seeds:
            pots[s] += potential_rows(cfg, kind, module, members, s)
    table = pd.DataFrame(rows)
    table["w1"] = [ref[(s, p)][0] for s, p in zip(table.seed, table.pair)]
    table["w1_sd"] = [ref[(s, p)][1] for s, p in zip(table.seed, table.pair)]
    table["rel_err"] = (table.estimate - table.w1) / table.w1.where(table.w1 > N.W1_POSITIVE)
    table["z"] = (table.estimate - table.w1) / np.sqrt(table.se**2 + table.w1_sd**2)
    times = {"ref_cpu_s": t_ref, "lp_cpu_s": t_lp, "train_cpu_s": time.process_time() - t0}
    out = []
    for ctx in ctxs:
        mine = table[table.seed == ctx.seed].drop(columns="seed")
        mine.to_csv(ctx.out / f"{N.T_CRITICS}.csv", index=False)
        if pots[ctx.seed]:
            pd.concat(pots[ctx.seed]).to_csv(ctx.out / f"{N.T_POTENTIAL}.csv", index=False)
        out.append({**seed_metrics(mine), **times})
    return out


def seed_metrics(t: pd.DataFrame) -> dict[str, float]:
    """One seed's metrics: every (critic, pair) estimate and the worst pair of each check."""
    from scipy.stats import spearmanr

    m: dict[str, float] = {}
    for r in t.itertuples():
        m[f"{r.critic}_{r.pair}_est"] = float(r.estimate)
        m[f"w1_{r.pair}"] = float(r.w1)
    by = {c: g.set_index("pair") for c, g in t.groupby("critic")}
    if "lp" in by:
        m[N.LP_MAX_RELGAP] = float(by["lp"].lp_gap.max())
        m[N.LP_MAX_LIP] = float(by["lp"].lip_excess.max())
    for kind, g in by.items():
        if kind == "lp":
            continue
        m[N.critic_metric(kind, "max_relerr")] = float(g.rel_err.abs().max())
        m[N.critic_metric(kind, "max_z")] = float(g.z.max())
        if "ring_gauss" in g.index:
            m[N.critic_metric(kind, "ring_gauss_ratio")] = float(g.estimate["ring_gauss"] /
                                                               g.w1["ring_gauss"])
        shifts = [p for p in D.SHIFT_PAIRS if p in g.index]
        if len(shifts) > 2:
            m[N.critic_metric(kind, "shift_spearman")] = float(
                spearmanr(g.estimate[shifts], g.w1[shifts]).statistic)
    return m
