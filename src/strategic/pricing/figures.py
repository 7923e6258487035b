"""Figures of the `pricing` study, reading aggregated tables only."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from strategic.pricing import names as N
from strategic.report.tables import read


def fig_G1(t: Path) -> plt.Figure:
    """Δ distribution (baseline vs myopic control), convergence times, Δ over the α × β grid."""
    ses, runs, grid = read(t, N.T_SESSIONS), read(t, "runs"), read(t, N.T_GRID)
    fig, ax = plt.subplots(1, 3, figsize=(16, 4.6))
    bins = np.linspace(min(-0.2, ses.delta.min()), max(1.1, ses.delta.max()), 40)
    names = {"baseline": r"$\delta=0.95$", "myopic": r"myopic $\delta=0$ (control)"}
    for k, (v, d) in enumerate(ses.groupby("variant", sort=False)):
        n_seeds = d.seed.nunique()
        ax[0].hist(d.delta, bins=bins, alpha=0.6, color=f"C{k}",
                   label=f"{names.get(v, v)}: mean {d.delta.mean():.3f}, sd {d.delta.std():.3f} "
                         f"({len(d)} sessions, {n_seeds} seeds)")
        for m in runs.loc[runs.variant == v, N.DELTA_MEAN]:   # per-seed means show the spread
            ax[0].axvline(m, color=f"C{k}", lw=0.8, ls=":")
    ax[0].axvline(0, color="k", lw=1.5, label="Nash (0)")
    ax[0].axvline(1, color="k", lw=1.5, ls="--", label="monopoly (1)")
    ax[0].set(xlabel=r"profit gain $\Delta=(\bar\pi-\pi^N)/(\pi^M-\pi^N)$", ylabel="sessions",
              title="collusion: limit-cycle profit gain (dotted: seed means)")
    ax[0].set_ylim(top=ax[0].get_ylim()[1] * 1.35)   # room for the legend above the bars
    ax[0].legend(fontsize=7, loc="upper left")
    sns.histplot(ses, x=ses.periods / 1e6, hue="variant", ax=ax[1], bins=30, element="step")
    ax[1].set(xlabel="periods to convergence (millions)", title="convergence (strategies stable 1e5 periods)")
    cells = grid.groupby(["alpha", "beta"])[N.DELTA_MEAN].mean().unstack("beta")
    im = ax[2].imshow(cells.values, origin="lower", cmap="viridis", vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(cells.values):
        ax[2].text(j, i, f"{v:.2f}", ha="center", va="center", color="w" if v < 0.6 else "k", fontsize=8)
    ax[2].set_xticks(range(cells.shape[1]), [f"{b:.1e}" for b in cells.columns], rotation=30)
    ax[2].set_yticks(range(cells.shape[0]), [f"{a:g}" for a in cells.index])
    ax[2].set(xlabel=r"exploration decay $\beta$", ylabel=r"learning rate $\alpha$",
              title=rf"mean $\Delta$ over $\alpha\times\beta$ ({int(grid.sessions.min())} sessions/cell)")
    fig.colorbar(im, ax=ax[2], label=r"mean $\Delta$")
    return fig


def fig_G2(t: Path) -> plt.Figure:
    """The talk's impulse response (fixed-point sessions; mean and IQR) and, per session, the
    rival's cut against the deviator's gain, so the pooled means cannot hide counterexamples."""
    imp, runs, ses = read(t, N.T_IMPULSE), read(t, "runs"), read(t, N.T_SESSIONS)
    imp = imp[(imp.variant == "baseline") & imp.fixed_point]
    base, ses = runs[runs.variant == "baseline"], ses[(ses.variant == "baseline") & ses.fixed_point]
    fig, ax = plt.subplots(1, 2, figsize=(15, 5), gridspec_kw={"width_ratios": [1.4, 1]})
    _impulse_panel(ax[0], imp)
    _sessions_panel(ax[1], ses, base)
    return fig


def _impulse_panel(ax: plt.Axes, imp) -> None:
    firms = {"p1": f"firm 1 (deviates at τ={N.TAU_DEVIATION})", "p2": "firm 2 (rival)"}
    long = imp.melt(id_vars=["seed", "session", "tau"], value_vars=["p1", "p2"], var_name="firm",
                    value_name="price").replace({"firm": firms})
    sns.lineplot(long, x="tau", y="price", hue="firm", errorbar=("pi", 50), marker="o", ax=ax)
    pre = imp[imp.tau == 0][["p1", "p2"]].mean()
    ax.axhline(pre.mean(), color="0.3", ls=":", lw=1.2, label=f"pre-shock mean {pre.mean():.3f}")
    pn, pm = imp[N.P_NASH].iloc[0], imp[N.P_MONO].iloc[0]
    ax.axhline(pn, color="C3", ls="--", lw=1.2, label=f"Nash price {pn:.4f}")
    ax.axhline(pm, color="C2", ls="--", lw=1.2, label=f"monopoly price {pm:.4f}")
    ax.axvline(N.TAU_DEVIATION, color="0.6", lw=0.8)
    n_fp = int(imp.drop_duplicates(["seed", "session"]).shape[0])
    ax.set(xlabel=f"period τ (firm 1 deviates to its static best response at τ = {N.TAU_DEVIATION})",
           ylabel="price", title=f"punishment of a deviation: {n_fp} fixed-point sessions (mean, IQR)")
    ax.set_xticks(range(int(imp.tau.max()) + 1))
    ax.legend(fontsize=8, loc="lower right")


def _sessions_panel(ax: plt.Axes, ses, base) -> None:
    w = base[N.N_FIXED_POINT]
    share = {k: float((base[k] * w).sum() / w.sum()) for k in (N.IR_PUNISH_SHARE, N.IR_NOT_PAYING_SHARE)}
    sns.scatterplot(ses, x="rival_cut", y="deviation_gain", hue="seed", palette="deep", ax=ax, s=28)
    ax.axvline(N.PUNISH_CUT, color="C3", ls="--", lw=1, label=f"punishment bar: cut {N.PUNISH_CUT}")
    ax.axhline(0, color="k", lw=1, label="deviation pays above 0")
    ax.set(xlabel="rival's price cut one period after the deviation",
           ylabel="deviator's relative discounted gain",
           title=f"per session: {100 * share[N.IR_PUNISH_SHARE]:.0f}% punish, deviation does not "
                 f"pay in {100 * share[N.IR_NOT_PAYING_SHARE]:.0f}%\nfixed points: "
                 f"{100 * base[N.FIXED_POINT_SHARE].mean():.0f}% of sessions "
                 f"(paper ~{100 * N.FIXED_POINT_SHARE_PAPER:.0f}%)")
    ax.legend(fontsize=7, title="seed / bars", title_fontsize=7)


FIGURES = {"G1": fig_G1, "G2": fig_G2}
