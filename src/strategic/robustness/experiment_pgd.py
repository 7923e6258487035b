"""`run_pgd` (variant `pgd`, CLAIMS F1, F2): a standard and a PGD-trained classifier, every
attack on both, the attack-sanity measurements (ε-ball and [0, 1] containment, PGD ≤ FGSM ≤
clean, monotone in ε, random vs fixed start, PGD-long vs PGD)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch
from torch import Tensor, nn

from strategic.contracts import RunContext
from strategic.robustness import attacks as A
from strategic.robustness import names as N
from strategic.robustness.common import device_of, load_data, train_model
from strategic.robustness.config import RobPGD
from strategic.robustness.models import Classifier, PGDTraining


def run_pgd(cfg: RobPGD, ctx: RunContext) -> dict[str, float]:
    """Train both models on the same split and initialisation; attack the test split."""
    data = load_data(cfg.dataset, cfg.data_dir)
    dev = device_of(ctx)
    n = cfg.n_test or len(data["y_test"])
    x, y = data["x_test"][:n].to(dev), data["y_test"][:n].to(dev)
    nets = {N.STD: train_model(Classifier, cfg, ctx, N.STD, data, cfg.epochs),
            N.ADV: train_model(PGDTraining, cfg, ctx, N.ADV, data, cfg.adv_epochs,
                               eps=cfg.train_eps, step=cfg.train_step, steps=cfg.train_steps,
                               generator=torch.Generator().manual_seed(10_000 + ctx.seed))}
    metrics, sweep, examples = {}, [], []
    for name, net in nets.items():
        gen = torch.Generator().manual_seed(20_000 + ctx.seed)
        m, adv = evaluate(net, x, y, cfg, gen)
        metrics.update({N.metric(name, k): v for k, v in m.items()})
        for e, acc, ball, box in eps_sweep(net, x, y, cfg, gen):
            sweep.append({"model": name, "eps": e, "accuracy": acc})
            for key, v in ((N.BALL_EXCESS, ball), (N.BOX_EXCESS, box)):
                metrics[N.metric(name, key)] = max(metrics[N.metric(name, key)], v)
        rises = np.diff([r["accuracy"] for r in sweep if r["model"] == name])
        metrics[N.metric(name, N.SWEEP_RISE)] = float(rises.max(initial=0.0))
        examples += example_rows(name, net, x, y, adv, cfg.n_examples)
    metrics[N.ROBUST_GAIN] = metrics[N.metric(N.ADV, N.PGD)] - metrics[N.metric(N.STD, N.PGD)]
    metrics[N.CLEAN_DROP] = metrics[N.metric(N.STD, N.CLEAN)] - metrics[N.metric(N.ADV, N.CLEAN)]
    pd.DataFrame(sweep).to_csv(ctx.out / f"{N.T_EPS}.csv", index=False)
    cols = ["model", "kind", "index", "label", "pred", *(f"p{j}" for j in range(x[0].numel()))]
    pd.DataFrame(examples, columns=cols).to_csv(ctx.out / f"{N.T_EXAMPLES}.csv", index=False)
    return metrics


def _attacks(cfg: RobPGD) -> dict[str, dict]:
    """Name -> keyword arguments of `attacks.pgd` (fgsm: of `attacks.fgsm`)."""
    base = {"eps": cfg.eps, "step": cfg.step}
    return {N.FGSM: {"eps": cfg.eps},
            N.PGD: {**base, "steps": cfg.steps},
            N.PGD_LONG: {**base, "steps": cfg.long_steps},
            N.PGD_FIXED: {**base, "steps": cfg.steps, "rand_init": False}}


def evaluate(net: nn.Module, x: Tensor, y: Tensor, cfg: RobPGD,
             gen: torch.Generator) -> tuple[dict[str, float], Tensor]:
    """Accuracy under each configured attack and the containment of its adversarial inputs
    (the ε sweep's are added by `run_pgd`); returns (metrics, the PGD adversarial inputs)."""
    out = {N.CLEAN: A.accuracy(net, x, y)}
    ball, box, adv_pgd = 0.0, 0.0, x
    for name, kw in _attacks(cfg).items():
        if name not in cfg.attacks:
            continue
        fn = A.fgsm if name == N.FGSM else A.pgd
        extra = {} if name == N.FGSM else {"generator": gen}
        adv = A.batched(fn, net, x, y, cfg.eval_batch, **kw, **extra)
        out[name] = A.accuracy(net, adv, y)
        b1, b2 = containment(adv, x, cfg.eps)
        ball, box = max(ball, b1), max(box, b2)
        adv_pgd = adv if name == N.PGD else adv_pgd
    out.update({N.BALL_EXCESS: ball, N.BOX_EXCESS: box})
    if N.FGSM in out:
        out[N.FGSM_GAP] = out[N.FGSM] - out[N.CLEAN]
    if N.PGD in out and N.FGSM in out:
        out[N.PGD_GAP] = out[N.PGD] - out[N.FGSM]
    if N.PGD_FIXED in out and N.PGD in out:
        out[N.START_GAP] = abs(out[N.PGD] - out[N.PGD_FIXED])
    if N.PGD_LONG in out and N.PGD in out:
        out[N.LONG_GAIN] = out[N.PGD_LONG] - out[N.PGD]
    return out, adv_pgd


def containment(adv: Tensor, x: Tensor, eps: float) -> tuple[float, float]:
    """(max ‖x′ − x‖∞ − ε, max distance outside [0, 1]) over a batch of adversarial inputs."""
    return (float((adv - x).abs().max()) - eps,
            max(float(torch.relu(-adv).max()), float(torch.relu(adv - 1).max())))


def eps_sweep(net: nn.Module, x: Tensor, y: Tensor, cfg: RobPGD, gen: torch.Generator):
    """(ε, PGD accuracy, ball excess, box excess) over the sweep, in increasing ε;
    step = ε · step/eps (CLAIMS: ε/8)."""
    ratio = cfg.step / cfg.eps if cfg.eps > 0 else 0.0
    for e in sorted(cfg.eps_sweep):
        adv = A.batched(A.pgd, net, x, y, cfg.eval_batch, eps=e, step=e * ratio,
                        steps=cfg.steps, generator=gen)
        yield (e, A.accuracy(net, adv, y), *containment(adv, x, e))


def example_rows(name: str, net: nn.Module, x: Tensor, y: Tensor, adv: Tensor, k: int) -> list[dict]:
    """The first k test images, clean and PGD-perturbed, with labels and predictions (the
    figure's grid; pixels p0.. row-major)."""
    rows = []
    for kind, imgs in (("clean", x[:k]), ("pgd", adv[:k])):
        pred = A.predict(net, imgs).cpu()
        for i, img in enumerate(imgs.flatten(1).cpu().numpy()):
            rows.append({"model": name, "kind": kind, "index": i, "label": int(y[i]),
                         "pred": int(pred[i]), **{f"p{j}": float(v) for j, v in enumerate(img)}})
    return rows
