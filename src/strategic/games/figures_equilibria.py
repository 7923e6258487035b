"""Figures of equilibrium existence: B1–B4 and D3 (double oracle). Tables only; thresholds
from the claims' checks."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from strategic.games import names as N
from strategic.games.claims import check
from strategic.report.tables import read


DO_GAMES = {"distance": r"$(x_1-x_2)^2$ on $[-1,1]$",
            "guess-the-larger": r"$\mathrm{sign}(x-y)$ on $\mathbb{N}$",
            "matching": r"$1[x=y]$ on $\mathbb{N}$"}


def fig_B1(t: Path) -> plt.Figure:
    """Security levels: the maximiser can guarantee 0, the minimiser can cap at 1."""
    sec, runs = read(t, N.T_B1_SECURITY), read(t, "runs")
    run = runs[runs.variant == "grid"].iloc[0]
    fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.plot(sec.x, sec.row_min, lw=2, label=r"$\min_{x_2}u_1(x_1,x_2)$ (maximiser plays $x_1$)")
    ax.plot(sec.x, sec.col_max, lw=2, label=r"$\max_{x_1}u_1(x_1,x_2)$ (minimiser plays $x_2$)")
    ax.axhline(run[N.B1_PURE_MAXMIN], color="C0", ls=":", lw=1)
    ax.axhline(run[N.B1_PURE_MINMAX], color="C1", ls=":", lw=1)
    ax.fill_between([-1, 1], run[N.B1_PURE_MAXMIN], run[N.B1_PURE_MINMAX], color="0.9",
                    label=f"gap: max-min {run[N.B1_PURE_MAXMIN]:g} < min-max {run[N.B1_PURE_MINMAX]:g}")
    ax.set(xlabel="own pure strategy", ylabel=r"payoff $u_1=(x_1-x_2)^2$",
           title=f"no pure equilibrium on the {len(sec)}-point grid")
    ax.legend(fontsize=8, loc="upper center")
    return fig


def fig_B2(t: Path) -> plt.Figure:
    """LP equilibrium strategies on the odd grid (contains 0) and the even grid (no 0)."""
    st = read(t, N.T_B2_STRATEGIES)
    grids = list(dict.fromkeys(st.grid))
    fig, ax = plt.subplots(1, len(grids), figsize=(6.5 * len(grids), 4.3), squeeze=False)
    for a, g in zip(ax[0], grids):
        s = st[st.grid == g]
        for col, lab, c, off in (("p", "maximiser p", "C0", -0.01), ("q", "minimiser q", "C1", 0.01)):
            keep = s[col] > 1e-9
            a.vlines(s.x[keep] + off, 0, s[col][keep], color=c, lw=2)
            a.plot(s.x[keep] + off, s[col][keep], "o", color=c, label=lab)
        a.set(xlabel="x", ylabel="probability", title=f"mixed equilibrium by LP, grid {g}", ylim=(0, 1.05))
        a.legend(fontsize=8)
        zoom = a.inset_axes([0.1, 0.45, 0.3, 0.35])   # the minimiser's support near 0
        near = s[(s.x.abs() < 0.03) & (s.q > 1e-9)]
        zoom.vlines(near.x, 0, near.q, color="C1", lw=2)
        zoom.plot(near.x, near.q, "o", color="C1")
        zoom.set(xlim=(-0.03, 0.03), ylim=(0, 1.05), title="q near 0", xticks=[-0.02, 0, 0.02])
        zoom.tick_params(labelsize=7)
        zoom.title.set_fontsize(8)
    return fig


def fig_B3(t: Path) -> plt.Figure:
    """Cournot gradient-play paths to (3, 3); equilibria per random bimatrix game (all odd)."""
    paths, gain, counts = read(t, N.T_COURNOT_PATHS), read(t, N.T_COURNOT_GAIN), read(t, N.T_B3_COUNTS)
    br = read(t, N.T_COURNOT_BR)
    br = br[br.seed == br.seed.min()]
    ne, qm = float(br.nash.iloc[0]), float(br.q_max.iloc[0])
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    ax[0].plot(br.br, br.q, "k--", lw=0.8, label="best responses")
    ax[0].plot(br.q, br.br, "k--", lw=0.8)
    first = paths[paths.seed == paths.seed.min()]
    for _, p in first.groupby("init"):
        ax[0].plot(p.q1, p.q2, color="C0", lw=0.9, alpha=0.8)
        ax[0].plot(p.q1.iloc[0], p.q2.iloc[0], "o", color="C3", ms=3)
    ax[0].plot([ne], [ne], "*", color="C1", ms=15, label=f"Nash ({ne:g}, {ne:g})")
    ax[0].set(xlabel="$q_1$", ylabel="$q_2$", xlim=(-0.03 * qm, 1.03 * qm), ylim=(-0.03 * qm, 1.03 * qm),
              aspect="equal", title="Cournot duopoly: projected gradient play")
    ax[0].legend(fontsize=8, loc="upper right")
    for s, g in gain.groupby("seed"):
        first = s == gain.seed.min()
        ax[1].plot(g.t + 1, g.max_gain.clip(lower=1e-18), color="C0",
                   label="max unilateral gain" if first else None)
        ax[1].plot(g.t + 1, g.max_dist.clip(lower=1e-18), color="C2",
                   label=r"max $\|q_t-q^*\|_\infty$" if first else None)
    lim = check(N.B3_COURNOT_MAX_GAIN).threshold
    ax[1].axhline(lim, color="k", ls=":", lw=1, label=f"threshold {lim:g}")
    ax[1].set(xscale="log", yscale="log", xlabel="step t + 1", title="convergence, all inits")
    ax[1].legend(fontsize=8)
    k = counts.n_equilibria.to_numpy()
    bins = np.arange(0.5, k.max() + 1.5)
    ax[2].hist(k, bins=bins, color="C0", rwidth=0.8)
    ax[2].set(xticks=np.arange(1, k.max() + 1), xlabel="number of Nash equilibria (support enumeration)",
              ylabel="games", title=f"{len(counts)} random {counts['size'].iloc[0]}×{counts['size'].iloc[0]} bimatrix games: "
              f"{int((k % 2 == 1).sum())} odd, {int(counts.degenerate.sum())} degenerate")
    return fig


def fig_B4(t: Path) -> plt.Figure:
    """Truncations' equilibrium (n, n) escapes; random joint distributions' CCE gaps; fictitious play."""
    tr, cce, fp = read(t, N.T_B4_TRUNCATIONS), read(t, N.T_B4_CCE), read(t, N.T_B4_FP)
    gap = float(cce.gap_identity.iloc[0])
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    tr = tr[tr.seed == tr.seed.min()]
    for k, (n, g) in enumerate(tr.groupby("n")):
        ax[0].vlines(g.x, 0, g.p, color=f"C{k}", lw=3)
        ax[0].plot(g.x, g.p, "o", color=f"C{k}", label=f"LP equilibrium on {{1..{n}}}: ({n}, {n})")
    ax[0].set(xscale="log", xlabel="x (log scale)", ylabel="probability", ylim=(0, 1.1),
              title=r"$\mathrm{sign}(x-y)$ truncated: the equilibrium escapes to $n$")
    ax[0].legend(fontsize=8, loc="lower left")
    ax[1].scatter(cce.row_gain, cce.col_gain, s=6, alpha=0.4, c="C0")
    ax[1].plot([0, gap], [gap, 0], "k--", lw=1, label=f"row gain + column gain = {gap:g}")
    ax[1].set(xlabel="row player's best deviation gain", ylabel="column player's best deviation gain",
              aspect="equal", xlim=(-0.025 * gap, 1.025 * gap), ylim=(-0.025 * gap, 1.025 * gap),
              title=f"{len(cce)} random joint distributions on $\\mathbb{{N}}^2$: CCE gap = {gap:g}")
    ax[1].legend(fontsize=8)
    f0 = fp[fp.seed == fp.seed.min()]
    ax[2].plot(f0.t, f0.x_max, color="C0", label="support max of x (row)")
    ax[2].plot(f0.t, f0.y_max, color="C1", ls="--", label="support max of y (column)")
    ax[2].set(xlabel="iteration t", ylabel="largest number played", title="fictitious play")
    right = ax[2].twinx()
    right.plot(f0.t, f0.gap, color="C3", lw=2, label="certified gap")
    right.set(ylabel="gap of the empirical pair", ylim=(0, 1.25 * gap))
    right.grid(False)
    lines = ax[2].get_legend_handles_labels(), right.get_legend_handles_labels()
    ax[2].legend(lines[0][0] + lines[1][0], lines[0][1] + lines[1][1], fontsize=8, loc="center right")
    return fig


DO_GAMES = {"distance": r"$(x_1-x_2)^2$ on $[-1,1]$",
            "guess-the-larger": r"$\mathrm{sign}(x-y)$ on $\mathbb{N}$",
            "matching": r"$1[x=y]$ on $\mathbb{N}$"}


def fig_D3(t: Path) -> plt.Figure:
    """Double oracle: certified gap vs iteration on three games; threshold dimensions."""
    gaps, td = read(t, N.T_D3_GAPS), read(t, N.T_D3_THRESHOLD)
    fig, ax = plt.subplots(1, 4, figsize=(19, 4.4))
    for a, (game, title) in zip(ax, DO_GAMES.items()):
        g = gaps[gaps.game == game]
        for (method, seed), r in g.groupby(["method", "seed"]):
            first = seed == g.seed.min()
            ls, c = ("-", "C0") if method == "plain" else ("--", "C1")
            a.plot(r.t, r.gap.clip(lower=1e-16), ls=ls, color=c, lw=1.2, alpha=0.8,
                   label=f"{method} DO: gap" if first else None)
            if game == "matching":
                a.plot(r.t, r.best_gap, ls=ls, color="C2" if method == "plain" else "C4", lw=2,
                       label=f"{method} DO: best so far" if first else None)
        if game == "matching":
            b = g.drop_duplicates("t").sort_values("t")
            a.plot(b.t, b.bound, "k:", lw=1.5, label=r"$1/\lceil t/2\rceil$")
        if game == "distance":
            lim = check(N.do("d3", "distance_best_gap")).threshold
            a.axhline(lim, color="k", ls=":", lw=1, label=f"threshold {lim:g}")
        log = game != "guess-the-larger"   # log-log: the history variant's check is a slope
        a.set(yscale="log" if log else "linear", xscale="log" if log else "linear",
              xlabel="iteration t", ylabel="certified duality gap", title=title)
        if game == "guess-the-larger":
            a.set(ylim=(0, 1.25 * g.gap.max()))
        a.legend(fontsize=8)
    for k, (game, d) in enumerate(td[td.seed == td.seed.min()].groupby("game")):
        ax[3].plot(d.n, d.dim, "o-", color=f"C{k}", label=game)
    ax[3].set(xlabel="truncation {1..n}", ylabel="threshold dimension",
              title="threshold dimension (exhaustive)")
    ax[3].legend(fontsize=8)
    return fig


GAME_TITLES = {"letcher": "Letcher's game", "f1": r"STON'R's $f_1$",
               "control": r"control $x^2/2+xy-y^2/2$"}
