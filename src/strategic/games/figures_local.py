"""Figures of local equilibria: C1 (residuals), C2 (Sperner), D2 (local CCE). Tables only;
thresholds from the claims' checks."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from strategic.games import names as N
from strategic.games.claims import check
from strategic.report.tables import read


SPERNER_COLOURS = ("#d62728", "#2ca02c", "#e6c619", "#1f77b4")   # red, green, yellow, blue
SOLVER_NAMES = {"random_scan": "random scanning", "path_following": "path following",
                "winding_search": "winding divide & conquer"}

SOLVER_NAMES = {"random_scan": "random scanning", "path_following": "path following",
                "winding_search": "winding divide & conquer"}


def fig_C1(t: Path) -> plt.Figure:
    """Residual maps (log10) of three games, and min residual vs grid step on f1."""
    maps, curve, runs = read(t, N.T_C1_MAPS), read(t, N.T_C1_MINRES), read(t, "runs")
    maps = maps[maps.seed == maps.seed.min()]
    fig, ax = plt.subplots(1, 4, figsize=(19, 4.4))
    titles = {"distance": r"$u_1=-u_2=(x_1-x_2)^2$: zeros = diagonal",
              "f1": r"$f_1$ on $[-3,3]^2$: only zero (0, 0)",
              "share": r"$u_i=x_i$ on $\{x_1+x_2\leq 1\}$: zeros = edge"}
    for a, (g, title) in zip(ax, titles.items()):
        m = maps[maps.game == g].pivot(index="y", columns="x", values="res")
        im = a.pcolormesh(m.columns, m.index, np.log10(m.values.clip(1e-6)), cmap="magma",
                          shading="auto", vmin=-6)
        a.set(title=title, xlabel=r"$x_1$", ylabel=r"$x_2$", aspect="equal")
        fig.colorbar(im, ax=a, shrink=0.8, label=r"$\log_{10}$ res (clipped at $10^{-6}$)")
    curve = curve[curve.seed == curve.seed.min()]
    ax[3].loglog(curve.h, curve.min_res, "o-", label=r"$f_1$: min res on even grids")
    ax[3].loglog(curve.h, curve.min_res.iloc[-1] * curve.h / curve.h.iloc[-1], "k:", label="slope 1")
    lin = 1.0 + runs.loc[runs.variant == "local", N.C1_LINEAR_MAX_DEV].max()   # res ≡ 1 up to rounding
    ax[3].axhline(lin, color="C3", ls="--", label=r"$u(x)=x$ on $\mathbb{R}$: res $\equiv 1$")
    ax[3].xaxis.set_minor_formatter(plt.NullFormatter())
    ax[3].set(xlabel="grid step h", ylabel="min residual", title="compact: min res → 0; non-compact: 1")
    ax[3].legend(fontsize=8)
    return fig


SPERNER_COLOURS = ("#d62728", "#2ca02c", "#e6c619", "#1f77b4")   # red, green, yellow, blue
SOLVER_NAMES = {"random_scan": "random scanning", "path_following": "path following",
                "winding_search": "winding divide & conquer"}


def fig_C2(t: Path) -> plt.Figure:
    """A snake instance with each solver's queries; queries vs N; the exhaustive N = 4 count."""
    ex, q, exh = read(t, N.T_SPERNER_EXAMPLE), read(t, N.T_SPERNER_QUERIES), read(t, N.T_SPERNER_EXHAUSTIVE)
    ex = ex[ex.seed == ex.seed.min()]
    fig, ax = plt.subplots(1, 3, figsize=(16, 5), gridspec_kw={"width_ratios": [1.1, 1.2, 0.9]})
    cmap = plt.matplotlib.colors.ListedColormap(SPERNER_COLOURS)
    n = int(ex.x.max()) + 1
    grid = ex.pivot(index="y", columns="x", values="colour")
    ax[0].imshow(grid.values, origin="lower", cmap=cmap, vmin=-0.5, vmax=3.5, alpha=0.85)
    for k, (name, marker) in enumerate((("path_following", "."), ("winding_search", "x"))):
        sel = ex[ex[f"queried_{name}"]]
        ax[0].plot(sel.x + 0.12 * (2 * k - 1), sel.y, marker, color="k", ms=4 if k else 5,
                   ls="", label=f"{SOLVER_NAMES[name]}: {len(sel)} queries")
    ans = ex[ex.answer_path_following].iloc[0]
    ax[0].add_patch(plt.Rectangle((ans.x, ans.y), 1, 1, fill=False, lw=2.5, ec="k"))
    ax[0].set(title=f"hidden-path instance, N = {n}: the unique solution (black square)",
              xlabel="x", ylabel="y")
    ax[0].legend(fontsize=7, loc="lower right", framealpha=0.9)
    for k, (name, s) in enumerate(q.groupby("solver", sort=False)):
        ax[1].plot(s.n, s.queries, "o", color=f"C{k}", alpha=0.5, ms=4)
        mean = s.groupby("n").queries.mean()
        ax[1].plot(mean.index, mean.values, "-", color=f"C{k}", label=SOLVER_NAMES.get(name, name))
    ns = np.array(sorted(q.n.unique()), dtype=float)
    ax[1].plot(ns, ns**2, "k:", lw=1, label=r"$N^2$")
    k = check(N.C2_WINDING_MAX_QUERIES_OVER_N).threshold
    ax[1].plot(ns, k * ns, "k--", lw=1, label=rf"${k:g}N$ (winding bound)")
    ax[1].set(xscale="log", yscale="log", xlabel="grid size N", ylabel="queries (distinct vertices)",
              title="queries to find the solution (every answer certified)")
    ax[1].set_xticks(ns, [str(int(v)) for v in ns])
    ax[1].minorticks_off()
    ax[1].legend(fontsize=8)
    exh = exh[exh.seed == exh.seed.min()]
    ax[2].bar(exh.n_solutions, exh.colourings, color="0.4")
    ax[2].set(yscale="log", xlabel="solution squares in the colouring", ylabel="colourings",
              title=f"all {int(exh.colourings.sum()):,} boundary-legal colourings, N = {int(exh.n.iloc[0])}")
    return fig


def fig_D2(t: Path) -> plt.Figure:
    """|E_p G_eta| vs T with the diam/(eta T) line; Phi_Proj(delta)-regret vs delta."""
    run, reg = read(t, N.T_D2_RUNNING), read(t, N.T_D2_REGRET)
    run, reg = run[run.seed == run.seed.min()], reg[reg.seed == reg.seed.min()]
    fig, ax = plt.subplots(1, 2, figsize=(13, 4.8))
    for (k, pl), r in run.groupby(["init", "player"]):
        ax[0].loglog(r["T"], r.EG_norm, lw=1, label=f"init {k}, {pl}")
    b = run.groupby("T").bound.max()
    ax[0].loglog(b.index, b.values, "k--", label=r"$\mathrm{diam}(S_i)/(\eta T)$")
    ax[0].set(xlabel="T", ylabel=r"$\|E_{p_T} G_{\eta,i}\|$", title="gradient play on $f_1$: mean gradient mapping")
    ax[0].legend(fontsize=7, ncol=2)
    first = reg[reg.init == reg.init.min()]
    for k, (s, r) in enumerate(first.groupby("series", sort=False)):
        ls, r = (":" if s.startswith("bound") else "-"), r[r.regret > 0]  # log axis: zero regret off
        ax[1].loglog(r.delta, r.regret, ls, marker="o", ms=3, color=f"C{k}", label=s)
    d = np.array(sorted(set(first.delta)))
    for series, power in (("best single iterate", 1), ("p, theta", 2)):
        top = first[first.series == series].regret.max()
        ax[1].loglog(d, top * (d / d[-1]) ** power, color="0.75" if power == 1 else "0.3",
                     lw=4, alpha=0.4, label=f"slope {power}")
    ax[1].set(xlabel=r"$\delta$", ylabel=r"$\Phi_{Proj}(\delta)$-regret",
              title="empirical distribution p vs its best single iterate (p, omega: 0)")
    ax[1].legend(fontsize=7)
    return fig
