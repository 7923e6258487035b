"""Figures of the `robustness` study, reading the aggregated tables only."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from strategic.report.tables import read
from strategic.robustness import names as N
from strategic.robustness.claims import EPS_EOT, check

LABELS = N.MODEL_LABELS


def _pixels(row: dict) -> np.ndarray:
    """An image from its p0.. columns: [H, W] (one channel) or [H, W, 3] (CIFAR-10's RGB)."""
    v = np.array([row[k] for k in sorted((k for k in row if k[:1] == "p" and k[1:].isdigit()),
                                         key=lambda k: int(k[1:]))])
    rgb = v.size % 3 == 0 and round((v.size // 3) ** 0.5) ** 2 == v.size // 3
    if rgb and round(v.size ** 0.5) ** 2 != v.size:
        side = round((v.size // 3) ** 0.5)
        return v.reshape(3, side, side).transpose(1, 2, 0)
    side = round(v.size ** 0.5)
    return v.reshape(side, side)


def _show(ax, img: np.ndarray) -> None:
    ax.imshow(img, cmap=None if img.ndim == 3 else "gray_r", vmin=0, vmax=1)
    ax.set(xticks=[], yticks=[])


def fig_F1(t: Path):
    """PGD accuracy vs ε for the standard and the PGD-trained model (mean and every seed)."""
    df = read(t, N.T_EPS).assign(model=lambda d: d.model.map(LABELS["pgd"]))
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    sns.lineplot(df, x="eps", y="accuracy", hue="model", marker="o", errorbar=("pi", 100), ax=ax)
    sns.stripplot(df, x="eps", y="accuracy", hue="model", native_scale=True, legend=False,
                  palette="dark:k", size=3, ax=ax)
    ax.axhline(check(N.metric(N.STD, N.PGD)).threshold / 100, color="C0", ls=":", lw=1,
               label="F1: standard ≤ 10 % at the attack's ε")
    ax.axhline(check(N.metric(N.ADV, N.PGD)).threshold / 100, color="C1", ls=":", lw=1,
               label="F2: PGD-trained ≥ 50 % at the attack's ε")
    ax.set(xlabel="ε (ℓ∞)", ylabel="PGD test accuracy", ylim=(-0.02, 1.02),
           title="accuracy under PGD vs ε (band: range over seeds)")
    ax.legend(fontsize=8)
    return fig


def fig_F2(t: Path):
    """Clean and PGD-perturbed test digits with predicted labels, both models (first seed)."""
    ex = read(t, N.T_EXAMPLES)
    ex = ex[ex.seed == ex.seed.min()]
    groups = [(m, k) for m in (N.STD, N.ADV) for k in ("clean", "pgd")]
    n = int(ex["index"].max()) + 1
    fig, axes = plt.subplots(len(groups), n, figsize=(1.1 * n, 1.35 * len(groups)), squeeze=False)
    for r, (model, kind) in enumerate(groups):
        sub = ex[(ex.model == model) & (ex.kind == kind)].sort_values("index")
        for c, row in enumerate(sub.to_dict("records")):
            ax = axes[r, c]
            _show(ax, _pixels(row))
            ax.set_title(f"pred {row['pred']}", fontsize=8,
                         color="C2" if row["pred"] == row["label"] else "C3")
        axes[r, 0].set_ylabel(f"{LABELS['pgd'][model]}\n{kind}", fontsize=7)
    fig.suptitle("test images, clean and PGD-perturbed at the attack's ε; green: correct, red: wrong",
                 fontsize=10)
    fig.tight_layout()
    return fig


def fig_F3(t: Path):
    """Target rate under 50 fresh random transformations vs ε, plain vs EOT PGD."""
    df = read(t, N.T_EOT)
    long = df.melt(id_vars=["attack", "eps", "seed"], value_vars=[N.IDENTITY, N.UNDER_TF],
                   var_name="measured", value_name="rate")
    long["attack"] = long.attack.map({N.PLAIN: "plain PGD", N.EOT: "EOT-PGD"})
    long["measured"] = long.measured.map({N.IDENTITY: "untransformed", N.UNDER_TF: "under transformations"})
    fig, ax = plt.subplots(figsize=(6.5, 4.2))
    sns.lineplot(long, x="eps", y="rate", hue="attack", style="measured", marker="o",
                 errorbar=("pi", 100), ax=ax)
    ax.axhline(check(N.eot(N.EOT, N.UNDER_TF, EPS_EOT)).threshold / 100, color="0.5", ls=":", lw=1,
               label="F3: EOT under transformations ≥ 80 %")
    ax.set(xlabel="ε (ℓ∞)", ylabel="target rate", ylim=(-0.02, 1.02),
           title="targeted attacks under random transformations (standard model)")
    ax.legend(fontsize=8)
    return fig


def fig_F4(t: Path):
    """Clean / random / worst-of-10 / grid accuracy of both canvas models; misclassified
    rotated digits of the standard model (first seed), each under its mildest fooling
    transformation."""
    acc = read(t, N.T_SPATIAL).assign(model=lambda d: d.model.map(LABELS["spatial"]))
    gal = read(t, N.T_GALLERY)
    gal = gal[gal.seed == gal.seed.min()].head(12)
    fig = plt.figure(figsize=(12, 4.6))
    gs = fig.add_gridspec(2, 8, width_ratios=[2.2, 2.2, 1, 1, 1, 1, 1, 1])
    ax = fig.add_subplot(gs[:, :2])
    order = [N.CLEAN, N.RANDOM, N.WORST_K, N.GRID]
    sns.barplot(acc, x="attack", y="accuracy", hue="model", order=order, errorbar=("pi", 100), ax=ax)
    ax.set(xlabel="", ylabel="test accuracy", ylim=(0, 1.02),
           title="spatial attacks: 31 rotations ±30° × 5×5 shifts ±3 px")
    ax.set_xticks(range(4), ["clean", "random", "worst of 10", "grid (775)"])
    ax.legend(fontsize=8)
    for i, row in enumerate(gal.to_dict("records")):
        a = fig.add_subplot(gs[i // 6, 2 + i % 6])
        _show(a, _pixels(row))
        a.set_title(f"{row['label']}→{row['pred']}  {row['angle']:+.0f}°\n"
                    f"({row['tx']:+.1f}, {row['ty']:+.1f}) px", fontsize=7)
    fig.tight_layout()
    return fig


FIGURES = {"F1": fig_F1, "F2": fig_F2, "F3": fig_F3, "F4": fig_F4}
