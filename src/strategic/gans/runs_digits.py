"""E3 run function: an MLP GAN on scikit-learn's 8×8 digits (quick) or MNIST (paper), GDA vs
unrolled, scored by a digit classifier trained on the real digits (Metz et al. §3.2's picture).

The classifier is `games.digits`' MLP (the shared digits loader and ensemble). Each method is
one batched GAN fit over the seeds; every `every` iterations the classifier labels `eval_n`
generated digits. Tables per seed: `classes.csv` (method, iteration, share of each class,
classes ≥ 5 %, KL to uniform, dominant class) and `digit_samples.csv` (pixels of the snapshots).
"""

from __future__ import annotations

from pathlib import Path

import time

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.gans import names as N
from strategic.gans.config import GansDigits
from strategic.gans.streams import EVAL, TRAIN


def load_data(cfg: GansDigits) -> dict[str, torch.Tensor]:
    """Real digits in [0, 1]: sklearn's 8×8 (games.digits' split) or MNIST (download)."""
    if cfg.dataset == "digits":
        from strategic.games.digits import load_digits_split
        return load_digits_split(0.25)
    from strategic.data import vision   # the one MNIST reader (shared with robustness)
    d = vision.load("mnist", Path(cfg.data_dir))
    return {k: v.flatten(1) if k.startswith("x") else v for k, v in d.items()}   # x [N, 784]


def train_classifier(cfg: GansDigits, data, ctx: RunContext):
    """games.digits' MLP on the real training digits; returns (net, test accuracy)."""
    from strategic import train
    from strategic.games.digits import EnsembleClassifier, EnsembleMLP, SeedBatches, evaluate

    d = data["x_train"].shape[1]
    net = EnsembleMLP([ctx.seed], d, cfg.clf_hidden, N.N_CLASSES)
    loader = SeedBatches(data["x_train"], data["y_train"], [ctx.seed], 128)
    module = EnsembleClassifier(net, cfg.clf_lr, 0.9)
    train.fit(module, ctx, epochs=cfg.clf_epochs, loader=loader, tag="classifier",
              metric="train/mean_loss")
    return net, float(evaluate(net, data["x_test"], data["y_test"])[1][0])


def class_probe(clf):
    """samples [S, n, d] -> per member: covered classes, KL to uniform, dominant, shares."""
    def probe(x: torch.Tensor) -> dict[str, torch.Tensor]:
        with torch.no_grad():
            dev = clf.weights[0].device
            pred = torch.stack([clf(xs.to(dev).unsqueeze(0))[0].argmax(-1) for xs in x]).cpu()
        h = torch.nn.functional.one_hot(pred, N.N_CLASSES).float().mean(1)     # [S, 10]
        kl = (h * torch.log(h.clamp_min(1e-12) * N.N_CLASSES)).sum(1)
        out = {"covered": (h >= N.CLASS_SHARE).sum(1).float(), "kl_uniform": kl,
               "dominant": h.argmax(1).float()}
        out.update({f"share{c}": h[:, c] for c in range(N.N_CLASSES)})
        return out
    return probe


def gan_module(cfg: GansDigits, method: str, seeds: list[int], x_real: torch.Tensor):
    from strategic.gans.gan import GanModule, member_gens, member_normals
    from strategic.gans.nets import Stacked, mlp, seeded

    d = x_real.shape[1]
    gen = Stacked([seeded(lambda: mlp(cfg.z_dim, cfg.hidden, cfg.depth, d, torch.nn.Sigmoid()), s)
                   for s in seeds])
    critic = Stacked([seeded(lambda: mlp(d, cfg.hidden, cfg.depth, 1), 10_000 + s) for s in seeds])

    def draw(step: int):
        gens = member_gens(seeds, TRAIN, step)
        idx = torch.stack([torch.randint(len(x_real), (cfg.batch,), generator=g) for g in gens])
        return x_real[idx], member_normals(gens, cfg.batch, cfg.z_dim)
    return GanModule(gen, critic, method, cfg.k, cfg.inner_lr, cfg.g_lr, cfg.d_lr,
                     tuple(cfg.betas), draw)


def run_digits(cfg: GansDigits, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """Classifier first, then one batched GAN fit per method; per-seed class metrics."""
    from strategic.gans.gan import fit_gan, member_gens, member_normals

    seeds = [c.seed for c in ctxs]
    data = load_data(cfg)
    clf, acc = train_classifier(cfg, data, ctxs[0])
    probe = class_probe(clf)
    z_eval = member_normals(member_gens(seeds, EVAL, 0), cfg.eval_n, cfg.z_dim)
    tables, snaps, metrics = [], [], [{N.CLASSIFIER_ACC: acc} for _ in seeds]
    for method in cfg.methods:
        cpu0 = time.process_time()
        mod = gan_module(cfg, method, seeds, data["x_train"])
        hist = fit_gan(mod, ctxs, cfg, method, z_eval, probe)
        for s in range(len(seeds)):
            rows = pd.DataFrame({"method": method, "iteration": hist["iteration"],
                                 **{k: [v[s] for v in hist[k]] for k in hist if k != "iteration"}})
            metrics[s].update(_method_metrics(method, rows))
            metrics[s][f"{method}_train_cpu_s"] = time.process_time() - cpu0
            tables.append((s, rows))
            snaps.append((s, _snapshot_rows(method, mod.snapshots, s)))
    for s, ctx in enumerate(ctxs):
        pd.concat([t for k, t in tables if k == s]).to_csv(ctx.out / f"{N.T_CLASSES}.csv", index=False)
        pd.concat([t for k, t in snaps if k == s]).to_csv(ctx.out / f"{N.T_DIGITS}.csv", index=False)
        m = metrics[s]
        if "gda" in cfg.methods and "unrolled" in cfg.methods:
            m[N.DIG_COVER_GAP] = (m[N.digits_metric("unrolled", N.DIG_COVERED)]
                                  - m[N.digits_metric("gda", N.DIG_COVERED)])
    return metrics


def _method_metrics(method: str, rows: pd.DataFrame) -> dict[str, float]:
    dom = rows["dominant"].to_numpy()
    return {N.digits_metric(method, N.DIG_COVERED): float(rows.covered.iloc[-1]),
            N.digits_metric(method, N.DIG_KL): float(rows.kl_uniform.iloc[-1]),
            N.digits_metric(method, N.DIG_CHANGES): float((dom[1:] != dom[:-1]).sum()),
            N.digits_metric(method, "distinct_dominant"): float(len(np.unique(dom)))}


def _snapshot_rows(method: str, snapshots: dict, s: int) -> pd.DataFrame:
    parts = []
    for it, x in sorted(snapshots.items(), key=lambda kv: int(kv[0])):
        px = x[s].numpy()                                     # [n, d]
        parts.append(pd.DataFrame(px, columns=[f"p{j}" for j in range(px.shape[1])])
                     .assign(method=method, iteration=int(it), index=np.arange(len(px))))
    return pd.concat(parts)
