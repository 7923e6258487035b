"""Figures of the `gans` study, reading the aggregated tables only (no computation)."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from strategic.gans import names as N
from strategic.report.tables import read

METHODS = ("gda", "unrolled", "ogda", "eg")
CRITICS = ("lp", "gp_one_sided", "gp_two_sided", "spectral", "clip", "linear")
MARKERS = dict(zip(CRITICS, "osD^vx"))


def _columns(iterations: np.ndarray, n: int) -> list[int]:
    """Up to n iterations spread over the recorded ones (first and last included)."""
    its = np.unique(iterations)
    return sorted({int(its[i]) for i in np.linspace(0, len(its) - 1, min(n, len(its))).round().astype(int)})


def _estimates(ax, crit: pd.DataFrame) -> None:
    # the LP critic is compared with the exact EMD of its own 200 + 200 samples
    crit = crit.assign(w1=crit.w1.where(crit.critic != "lp", crit.get("emd_same")))
    stats = crit.groupby(["critic", "pair"]).agg(w1=("w1", "mean"), est=("estimate", "mean"),
                                                 sd=("estimate", "std")).reset_index()
    top = float(max(stats.w1.max(), stats.est.max())) * 1.05
    ax.plot([0, top], [0, top], color="k", lw=1, ls="--", label="y = x (duality)")
    for k, kind in enumerate(c for c in CRITICS if c in set(stats.critic)):
        s = stats[stats.critic == kind]
        ax.errorbar(s.w1, s.est, yerr=s.sd.fillna(0), fmt=MARKERS[kind], ms=5, capsize=2,
                    color=f"C{k}", label=N.CRITIC_LABEL[kind], alpha=0.85)
    ax.set(xlabel="exact W₁ (scipy 1-D, POT EMD 2-D)", ylabel="critic estimate E_p f − E_q f",
           title="critic estimate vs exact W₁ (mean ± s.d. over seeds)")
    ax.legend(fontsize=7, loc="upper left")


def _potentials(axes, pot: pd.DataFrame) -> None:
    pot = pot[pot.seed == pot.seed.min()]
    for ax, pair, title in zip(axes, ("shift1d", "scale1d"),
                               ("N(0,1) vs N(2,1)", "N(0,1) vs N(0,4)")):
        p = pot[pot.pair == pair]
        first = p[p.critic == p.critic.iloc[0]] if len(p) else p
        ax.plot(first.x, first.optimal, color="k", lw=2.5, label="optimal potential f*")
        for k, kind in enumerate(c for c in CRITICS if c in set(p.critic)):
            q = p[p.critic == kind]
            ax.plot(q.x, q.f, lw=1.3, color=f"C{CRITICS.index(kind)}", label=N.CRITIC_LABEL[kind])
        ax.set(xlabel="x", ylabel="f(x) (centred)", title=f"1-D critics: {title}")
        ax.legend(fontsize=7)


def fig_E1(t: Path) -> plt.Figure:
    """Critic estimates against the exact W₁ (y = x), and the 1-D critics vs the optimal potential."""
    crit, pot = read(t, N.T_CRITICS), read(t, N.T_POTENTIAL)
    fig, ax = plt.subplots(1, 3, figsize=(16, 4.8))
    _estimates(ax[0], crit)
    _potentials(ax[1:], pot)
    return fig


def _metz_grid(fig, gs, samples: pd.DataFrame, methods: list[str]) -> None:
    samples = samples[samples.seed == samples.seed.min()]
    cols = _columns(samples.iteration.to_numpy(), 7)
    ang = np.arange(N.N_MODES) * 2 * np.pi / N.N_MODES
    for r, m in enumerate(methods):
        for c, it in enumerate(cols):
            ax = fig.add_subplot(gs[r, c])
            s = samples[(samples.variant == m) & (samples.iteration == it)]
            ax.scatter(2 * np.cos(ang), 2 * np.sin(ang), s=30, color="0.8", zorder=0)
            ax.scatter(s.x, s.y, s=1.5, color=f"C{r}", alpha=0.6, rasterized=True)   # light PDF
            ax.set(xlim=(-2.8, 2.8), ylim=(-2.8, 2.8), xticks=[], yticks=[], aspect="equal")
            if r == 0:
                ax.set_title(f"it {it}", fontsize=9)
            if c == 0:
                ax.set_ylabel(N.METHOD_LABEL[m], fontsize=9)


def _seeds_and_median(ax, d, y: str, color: str, label: str) -> None:
    """One thin line per seed and the median over seeds of column `y` against iteration."""
    for _, g in d.groupby("seed"):
        ax.plot(g.iteration, g[y], color=color, lw=0.6, alpha=0.4)
    med = d.groupby("iteration")[y].median()
    ax.plot(med.index, med.values, color=color, lw=2, label=label)


def fig_E2(t: Path) -> plt.Figure:
    """The Metz grid (methods × iterations), effective modes vs iteration, GDA's dominant mode."""
    samples, modes = read(t, N.T_SAMPLES), read(t, N.T_MODES)
    methods = [m for m in METHODS if m in set(modes.variant)]
    fig = plt.figure(figsize=(15, 2.0 * len(methods) + 4.2))
    gs = fig.add_gridspec(len(methods) + 2, 7, height_ratios=[1] * len(methods) + [0.2, 1.9])
    _metz_grid(fig, gs, samples, methods)
    ax = fig.add_subplot(gs[-1, :4])
    for k, m in enumerate(methods):
        _seeds_and_median(ax, modes[modes.variant == m], "eff_modes", f"C{k}", N.METHOD_LABEL[m])
    ax.axhline(N.GDA_MAX_EFF, color="C0", ls=":", lw=1)
    ax.axhline(N.UNROLLED_MIN_EFF, color="C1", ls=":", lw=1)
    ax.set(xlabel="iteration", ylabel="effective modes exp(H)", ylim=(0, N.N_MODES + 0.5),
           title="effective modes (median over seeds; thin: seeds)")
    ax.legend(fontsize=8)
    _dominant_strip(fig.add_subplot(gs[-1, 4:]), modes[modes.variant == "gda"], "dominant",
                    N.N_MODES, "simultaneous GDA: dominant mode at each checkpoint")
    return fig


def _dominant_strip(ax, d: pd.DataFrame, column: str, n: int, title: str) -> None:
    if d.empty:
        ax.set_axis_off()
        return
    wide = d.pivot_table(index="seed", columns="iteration", values=column)
    its = wide.columns.to_numpy()
    ax.imshow(wide.to_numpy(), aspect="auto", cmap="tab10", vmin=-0.5, vmax=9.5,
              interpolation="nearest", extent=(its[0], its[-1], len(wide) - 0.5, -0.5))
    for r, row in enumerate(wide.to_numpy()):
        for it, v in zip(its, row):
            ax.text(it, r, f"{int(v)}", ha="center", va="center", fontsize=6)
    ax.set(xlabel="iteration", ylabel="seed", yticks=range(len(wide)), yticklabels=wide.index,
           title=title)
    ax.grid(False)


def _digit_grid(ax, px: pd.DataFrame, side: int) -> None:
    cols = [c for c in px.columns if c.startswith("p") and c[1:].isdigit()]
    imgs = px[cols].to_numpy()[:16].reshape(-1, side, side)
    k = int(np.ceil(np.sqrt(len(imgs))))
    canvas = np.ones((k * (side + 1), k * (side + 1)))
    for i, im in enumerate(imgs):
        r, c = divmod(i, k)
        canvas[r * (side + 1):r * (side + 1) + side, c * (side + 1):c * (side + 1) + side] = im
    ax.imshow(canvas, cmap="gray_r", vmin=0, vmax=1)
    ax.set(xticks=[], yticks=[])
    ax.grid(False)


def fig_E3(t: Path) -> plt.Figure:
    """Generated digits over time per method; classes >= 5 % vs iteration; GDA's dominant class."""
    px, cls = read(t, N.T_DIGITS), read(t, N.T_CLASSES)
    px = px[px.seed == px.seed.min()]
    methods = [m for m in ("gda", "unrolled") if m in set(cls.method)]
    cols = _columns(px.iteration.to_numpy(), 6)
    side = int(round(np.sqrt(sum(c.startswith("p") and c[1:].isdigit() for c in px.columns))))
    fig = plt.figure(figsize=(14, 2.2 * len(methods) + 3.6))
    gs = fig.add_gridspec(len(methods) + 1, 6, height_ratios=[1] * len(methods) + [1.5])
    for r, m in enumerate(methods):
        for c, it in enumerate(cols):
            ax = fig.add_subplot(gs[r, c])
            _digit_grid(ax, px[(px.method == m) & (px.iteration == it)], side)
            ax.set_title(f"{N.METHOD_LABEL[m]}, it {it}", fontsize=8)
    ax = fig.add_subplot(gs[-1, :3])
    for k, m in enumerate(methods):
        _seeds_and_median(ax, cls[cls.method == m], "covered", f"C{k}", N.METHOD_LABEL[m])
    ax.set(xlabel="iteration", ylabel=f"classes with >= {N.CLASS_SHARE:.0%} of samples",
           ylim=(0, N.N_CLASSES + 0.5), title="classes generated (median over seeds; thin: seeds)")
    ax.legend(fontsize=8)
    _dominant_strip(fig.add_subplot(gs[-1, 3:]), cls[cls.method == "gda"], "dominant",
                    N.N_CLASSES, "GDA: dominant generated class")
    return fig


FIGURES = {"E1": fig_E1, "E2": fig_E2, "E3": fig_E3}
