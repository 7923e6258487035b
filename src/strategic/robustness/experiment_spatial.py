"""`run_spatial` (variant `spatial`, CLAIMS F3, F4) on the 28×28 canvas: a standard and a
worst-of-k trained classifier; targeted plain vs EOT PGD on the standard one (F3); clean,
random, worst-of-k and exhaustive-grid accuracy of both (F4). One trained model per seed
and regime serves every attack."""

from __future__ import annotations

import pandas as pd
import torch
from torch import Tensor, nn

from strategic.contracts import RunContext
from strategic.robustness import attacks as A
from strategic.robustness import names as N
from strategic.robustness import spatial as S
from strategic.robustness import transforms as T
from strategic.robustness.common import device_of, load_data, train_model
from strategic.robustness.config import RobSpatial
from strategic.robustness.experiment_pgd import containment
from strategic.robustness.models import Classifier, WorstOfKTraining


def run_spatial(cfg: RobSpatial, ctx: RunContext) -> dict[str, float]:
    """Train both canvas models; EOT on the standard one; spatial attacks on both."""
    data = load_data(cfg.dataset, cfg.data_dir, canvas=True)
    dev = device_of(ctx)
    x, y = data["x_test"][:cfg.n_test].to(dev), data["y_test"][:cfg.n_test].to(dev)
    std = train_model(Classifier, cfg, ctx, N.SP_STD, data, cfg.epochs)
    worst = train_model(WorstOfKTraining, cfg, ctx, N.WORST, data, cfg.worst_epochs, k=cfg.k,
                        max_angle=cfg.max_angle, max_shift=cfg.max_shift,
                        generator=torch.Generator().manual_seed(10_000 + ctx.seed))
    metrics, rows = eot_metrics(std, x, y, cfg, torch.Generator().manual_seed(30_000 + ctx.seed))
    pd.DataFrame(rows).to_csv(ctx.out / f"{N.T_EOT}.csv", index=False)
    acc_rows, gallery = [], []
    for name, net in ((N.SP_STD, std), (N.WORST, worst)):
        acc = spatial_accuracies(net, x, y, cfg, torch.Generator().manual_seed(40_000 + ctx.seed))
        metrics.update({N.metric(name, k): v for k, v in acc.items() if not k.startswith("_")})
        acc_rows += [{"model": name, "attack": k, "accuracy": v} for k, v in acc.items()
                     if not k.startswith("_")]
        if name == N.SP_STD:
            gallery = gallery_rows(x, y, acc["_clean_ok"], acc["_correct"], acc["_preds"], cfg)
    metrics[N.GRID_DROP] = metrics[N.metric(N.SP_STD, N.CLEAN)] - metrics[N.metric(N.SP_STD, N.GRID)]
    metrics[N.GRID_GAIN] = metrics[N.metric(N.WORST, N.GRID)] - metrics[N.metric(N.SP_STD, N.GRID)]
    pd.DataFrame(acc_rows).to_csv(ctx.out / f"{N.T_SPATIAL}.csv", index=False)
    cols = ["label", "pred", "angle", "tx", "ty", *(f"p{j}" for j in range(x[0].numel()))]
    pd.DataFrame(gallery, columns=cols).to_csv(ctx.out / f"{N.T_GALLERY}.csv", index=False)
    return metrics


def eot_distribution(cfg: RobSpatial, size: int) -> T.EOTDistribution:
    return T.EOTDistribution(cfg.transforms, cfg.eot_angle, cfg.eot_shift, tuple(cfg.eot_scale),
                             cfg.eot_noise, size)


@torch.no_grad()
def target_rates(net: nn.Module, x: Tensor, target: Tensor, dist, n: int,
                 gen: torch.Generator) -> tuple[float, float]:
    """(share of x classified as target, share of (image, fresh transformation) pairs over n
    draws per image classified as target)."""
    ident = float((A.predict(net, x) == target).float().mean())
    under = float((A.predict(net, dist(x, n, gen)) == target.repeat(n)).float().mean())
    return ident, under


def eot_metrics(net: nn.Module, x: Tensor, y: Tensor, cfg: RobSpatial,
                gen: torch.Generator) -> tuple[dict[str, float], list[dict]]:
    """Athalye et al.'s experiment: a random target ≠ label per image; targeted PGD (steps of
    ε/10) without and with EOT (`eot_samples` transformations per step); target rates on the
    image and under `eot_eval` fresh transformations. Also the containment of the inputs."""
    dist = eot_distribution(cfg, x.shape[-1])
    target = (y + 1 + torch.randint(0, 9, y.shape, generator=gen).to(y.device)) % 10
    metrics, rows, excess = {}, [], 0.0
    for eps in cfg.eot_eps:
        kw = dict(eps=eps, step=eps / 10, steps=cfg.eot_steps, targeted=True, generator=gen,
                  rand_init=False)
        for attack, extra in ((N.PLAIN, {}), (N.EOT, {"transform": dist, "samples": cfg.eot_samples})):
            adv = A.pgd(net, x, target, **kw, **extra)
            excess = max(excess, *containment(adv, x, eps))
            ident, under = target_rates(net, adv, target, dist, cfg.eot_eval, gen)
            metrics[N.eot(attack, N.IDENTITY, eps)] = ident
            metrics[N.eot(attack, N.UNDER_TF, eps)] = under
            rows.append({"attack": attack, "eps": eps, N.IDENTITY: ident, N.UNDER_TF: under})
        metrics[N.eot(N.EOT, N.EOT_GAIN, eps)] = (metrics[N.eot(N.EOT, N.UNDER_TF, eps)]
                                                  - metrics[N.eot(N.PLAIN, N.UNDER_TF, eps)])
    metrics["eot_" + N.BALL_EXCESS] = excess
    return metrics, rows


def spatial_accuracies(net: nn.Module, x: Tensor, y: Tensor, cfg: RobSpatial,
                       gen: torch.Generator) -> dict:
    """Clean, one random transformation, worst of k, exhaustive grid (Engstrom et al.)."""
    theta, _ = T.spatial_grid(cfg.max_angle, cfg.n_angles, cfg.max_shift, cfg.n_shifts, x.shape[-1])
    correct, preds = S.grid_attack(net, x, y, theta, cfg.chunk)
    rnd = S.random_transform(x, cfg.max_angle, cfg.max_shift, gen)
    wk = S.worst_of_k(net, x, y, cfg.k, cfg.max_angle, cfg.max_shift, gen)
    clean_ok = A.predict(net, x) == y
    return {N.CLEAN: float(clean_ok.float().mean()), N.RANDOM: A.accuracy(net, rnd, y),
            N.WORST_K: A.accuracy(net, wk, y), N.GRID: float(correct.all(0).float().mean()),
            "_correct": correct, "_preds": preds, "_clean_ok": clean_ok}


def gallery_rows(x: Tensor, y: Tensor, clean_ok: Tensor, correct: Tensor, preds: Tensor,
                 cfg: RobSpatial) -> list[dict]:
    """Rotated digits: images the standard model gets right untransformed but wrong under
    some grid transformation, each under its mildest one, rotations first (smallest shift,
    then smallest |angle|: a pure rotation when one fools the model)."""
    theta, params = T.spatial_grid(cfg.max_angle, cfg.n_angles, cfg.max_shift, cfg.n_shifts, x.shape[-1])
    order = torch.argsort(params[:, 1:].abs().sum(1) * 1000 + params[:, 0].abs(), stable=True)
    wrong = ~correct[order.to(correct.device)]                  # [T, B] in gallery order
    rows = []
    for b in torch.nonzero(wrong.any(0) & clean_ok).flatten().tolist()[:cfg.n_gallery]:
        t = int(order[int(torch.nonzero(wrong[:, b])[0])])
        img = T.apply(x[b:b + 1], theta[t:t + 1])[0, 0].flatten().cpu().numpy()
        a, tx, ty = params[t].tolist()
        rows.append({"label": int(y[b]), "pred": int(preds[t, b]), "angle": a, "tx": tx, "ty": ty,
                     **{f"p{j}": float(v) for j, v in enumerate(img)}})
    return rows
