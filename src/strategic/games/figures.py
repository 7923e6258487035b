"""Figures of the `games` study: one `fig_<id>(tables)` per claim, reading tables only."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from strategic.report.tables import read

METHOD_NAMES = {"gda": "simultaneous GDA", "alt_gda": "alternating GDA",
                "ogda": "optimistic GDA", "eg": "extragradient"}



def fig_A1(t: Path) -> plt.Figure:
    """GD paths on the contour of f; factorisation losses; the seeds' MLP loss curves."""
    paths, contour = read(t, "gd_paths"), read(t, "gd_contour")
    mf, mlp = read(t, "mf_loss"), read(t, "mlp_loss")
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    contour = contour[contour.seed == contour.seed.min()]
    grid = contour.pivot(index="y", columns="x", values="f")
    ax[0].contour(grid.columns, grid.index, grid.values, levels=30, cmap="viridis", linewidths=0.7)
    first = paths[paths.seed == paths.seed.min()]
    for _, p in first.groupby("init"):
        ax[0].plot(p.x, p.y, color="0.25", lw=0.8, alpha=0.8)
        ax[0].plot(p.x.iloc[0], p.y.iloc[0], "o", color="C3", ms=2.5)
    ax[0].plot([0, 0], [-1, 1], "*", color="C1", ms=14, label="local minima (0, ±1)")
    ax[0].plot([0], [0], "X", color="k", ms=9, label="saddle (0, 0)")
    ax[0].set(xlabel="x", ylabel="y", title=r"GD on $f=\frac{1}{2}x^2+\frac{1}{4}y^4-\frac{1}{2}y^2$")
    ax[0].legend(loc="lower left", fontsize=8)
    mf = mf.assign(run=mf.seed.astype(str) + "/" + mf.init.astype(str))
    sns.lineplot(mf, x=mf.step + 1, y="loss", units="run", estimator=None, hue="seed",
                 lw=0.6, alpha=0.5, ax=ax[1], palette="colorblind", legend=False)
    ax[1].set(xscale="log", yscale="log", xlabel="step + 1", ylabel=r"$\frac{1}{4}\|UU^\top-M\|_F^2$",
              title="matrix factorisation, 50 small inits per seed")
    sns.lineplot(mlp, x="epoch", y="loss", hue="seed", palette="colorblind", ax=ax[2], lw=1)
    ax[2].axhline(1e-3, color="k", ls="--", lw=1, label="threshold 1e-3")
    ax[2].set(yscale="log", ylabel="training loss (full split)", title="MLP on 8×8 digits, SGD")
    ax[2].legend(ncol=2, fontsize=7, title="seed")
    return fig


def fig_A2(t: Path) -> plt.Figure:
    """Trajectories on x·y, log‖z_t‖ against the theoretical slopes, the linear WGAN toy."""
    paths, norms, wgan = (read(t, n) for n in ("bilinear_paths", "bilinear_norms", "wgan_dist"))
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    for k, (m, p) in enumerate(paths.groupby("method", sort=False)):
        ax[0].plot(p.x, p.y, lw=0.9, color=f"C{k}", label=METHOD_NAMES.get(m, m))
    ax[0].plot([1], [1], "ko", ms=4)
    ax[0].set(xlabel="x (min)", ylabel="y (max)", title=r"$f(x,y)=xy$, $\eta=0.1$, first 400 steps",
              aspect="equal")
    ax[0].legend(fontsize=8)
    for k, (m, n) in enumerate(norms.groupby("method", sort=False)):
        ax[1].plot(n.t, np.log(n.norm), color=f"C{k}", lw=1.5, label=METHOD_NAMES.get(m, m))
        ax[1].plot(n.t, np.log(n.theory), color="k", ls=":", lw=1)
    ax[1].plot([], [], "k:", label=r"exact: $\|z_0\|\,\mathrm{rate}^t$")
    ax[1].set(xlabel="step t", ylabel=r"$\log\|z_t\|$", title="growth factors (dotted: exact)")
    ax[1].legend(fontsize=8)
    for k, (m, d) in enumerate(wgan.groupby("method", sort=False)):
        ax[2].plot(d.t, d.dist, color=f"C{k}", label=METHOD_NAMES.get(m, m))
    ax[2].set(yscale="log", xlabel="step t", ylabel=r"$\|(\theta-v, w)\|$",
              title=r"linear WGAN $u=\langle w, v-\theta\rangle$, $v=(3,4)$")
    ax[2].legend(fontsize=8)
    return fig


def fig_B1(t: Path) -> plt.Figure:
    """Security levels: the maximiser can guarantee 0, the minimiser can cap at 1."""
    sec, runs = read(t, "b1_security"), read(t, "runs")
    run = runs[runs.variant == "grid"].iloc[0]
    fig, ax = plt.subplots(figsize=(7, 4.6))
    ax.plot(sec.x, sec.row_min, lw=2, label=r"$\min_{x_2}u_1(x_1,x_2)$ (maximiser plays $x_1$)")
    ax.plot(sec.x, sec.col_max, lw=2, label=r"$\max_{x_1}u_1(x_1,x_2)$ (minimiser plays $x_2$)")
    ax.axhline(run.b1_pure_maxmin, color="C0", ls=":", lw=1)
    ax.axhline(run.b1_pure_minmax, color="C1", ls=":", lw=1)
    ax.fill_between([-1, 1], run.b1_pure_maxmin, run.b1_pure_minmax, color="0.9",
                    label=f"gap: max-min {run.b1_pure_maxmin:g} < min-max {run.b1_pure_minmax:g}")
    ax.set(xlabel="own pure strategy", ylabel=r"payoff $u_1=(x_1-x_2)^2$",
           title=f"no pure equilibrium on the {len(sec)}-point grid")
    ax.legend(fontsize=8, loc="upper center")
    return fig


def fig_B2(t: Path) -> plt.Figure:
    """LP equilibrium strategies on the odd grid (contains 0) and the even grid (no 0)."""
    st = read(t, "b2_strategies")
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
    paths, gain, counts = read(t, "b3_cournot_paths"), read(t, "b3_cournot_gain"), read(t, "b3_counts")
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    q = np.linspace(0, 10, 50)
    ax[0].plot((9 - q) / 2, q, "k--", lw=0.8, label="best responses")
    ax[0].plot(q, (9 - q) / 2, "k--", lw=0.8)
    first = paths[paths.seed == paths.seed.min()]
    for _, p in first.groupby("init"):
        ax[0].plot(p.q1, p.q2, color="C0", lw=0.9, alpha=0.8)
        ax[0].plot(p.q1.iloc[0], p.q2.iloc[0], "o", color="C3", ms=3)
    ax[0].plot([3], [3], "*", color="C1", ms=15, label="Nash (3, 3)")
    ax[0].set(xlabel="$q_1$", ylabel="$q_2$", xlim=(-0.3, 10.3), ylim=(-0.3, 10.3), aspect="equal",
              title=r"Cournot $u_i=q_i(10-q_1-q_2)-q_i$: projected gradient play")
    ax[0].legend(fontsize=8, loc="upper right")
    for s, g in gain.groupby("seed"):
        first = s == gain.seed.min()
        ax[1].plot(g.t + 1, g.max_gain.clip(lower=1e-18), color="C0",
                   label="max unilateral gain" if first else None)
        ax[1].plot(g.t + 1, g.max_dist.clip(lower=1e-18), color="C2",
                   label=r"max $\|q_t-(3,3)\|_\infty$" if first else None)
    ax[1].axhline(1e-9, color="k", ls=":", lw=1, label="threshold 1e-9")
    ax[1].set(xscale="log", yscale="log", xlabel="step t + 1", title="convergence, all inits")
    ax[1].legend(fontsize=8)
    k = counts.n_equilibria.to_numpy()
    bins = np.arange(0.5, k.max() + 1.5)
    ax[2].hist(k, bins=bins, color="C0", rwidth=0.8)
    ax[2].set(xticks=np.arange(1, k.max() + 1), xlabel="number of Nash equilibria (support enumeration)",
              ylabel="games", title=f"{len(counts)} random 4×4 bimatrix games: "
              f"{int((k % 2 == 1).sum())} odd, {int(counts.degenerate.sum())} degenerate")
    return fig


def fig_B4(t: Path) -> plt.Figure:
    """Truncations' equilibrium (n, n) escapes; random joint distributions' CCE gaps; fictitious play."""
    tr, cce, fp = read(t, "b4_truncations"), read(t, "b4_cce"), read(t, "b4_fp")
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    tr = tr[tr.seed == tr.seed.min()]
    for k, (n, g) in enumerate(tr.groupby("n")):
        ax[0].vlines(g.x, 0, g.p, color=f"C{k}", lw=3)
        ax[0].plot(g.x, g.p, "o", color=f"C{k}", label=f"LP equilibrium on {{1..{n}}}: ({n}, {n})")
    ax[0].set(xscale="log", xlabel="x (log scale)", ylabel="probability", ylim=(0, 1.1),
              title=r"$\mathrm{sign}(x-y)$ truncated: the equilibrium escapes to $n$")
    ax[0].legend(fontsize=8, loc="lower left")
    ax[1].scatter(cce.row_gain, cce.col_gain, s=6, alpha=0.4, c="C0")
    ax[1].plot([0, 2], [2, 0], "k--", lw=1, label="row gain + column gain = 2")
    ax[1].set(xlabel="row player's best deviation gain", ylabel="column player's best deviation gain",
              aspect="equal", xlim=(-0.05, 2.05), ylim=(-0.05, 2.05),
              title=f"{len(cce)} random joint distributions on $\\mathbb{{N}}^2$: CCE gap = 2")
    ax[1].legend(fontsize=8)
    f0 = fp[fp.seed == fp.seed.min()]
    ax[2].plot(f0.t, f0.x_max, color="C0", label="support max of x (row)")
    ax[2].plot(f0.t, f0.y_max, color="C1", ls="--", label="support max of y (column)")
    ax[2].set(xlabel="iteration t", ylabel="largest number played", title="fictitious play")
    right = ax[2].twinx()
    right.plot(f0.t, f0.gap, color="C3", lw=2, label="certified gap")
    right.set(ylabel="gap of the empirical pair", ylim=(0, 2.5))
    right.grid(False)
    lines = ax[2].get_legend_handles_labels(), right.get_legend_handles_labels()
    ax[2].legend(lines[0][0] + lines[1][0], lines[0][1] + lines[1][1], fontsize=8, loc="center right")
    return fig


DO_GAMES = {"distance": r"$(x_1-x_2)^2$ on $[-1,1]$",
            "guess-the-larger": r"$\mathrm{sign}(x-y)$ on $\mathbb{N}$",
            "matching": r"$1[x=y]$ on $\mathbb{N}$"}


def fig_D3(t: Path) -> plt.Figure:
    """Double oracle: certified gap vs iteration on three games; threshold dimensions."""
    gaps, td = read(t, "d3_gaps"), read(t, "d3_threshold")
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
            a.axhline(1e-6, color="k", ls=":", lw=1, label="1e-6")
        a.set(yscale="log" if game != "guess-the-larger" else "linear", xlabel="iteration t",
              ylabel="certified duality gap", title=title)
        if game == "guess-the-larger":
            a.set(ylim=(0, 2.5))
        a.legend(fontsize=8)
    for k, (game, d) in enumerate(td[td.seed == td.seed.min()].groupby("game")):
        ax[3].plot(d.n, d.dim, "o-", color=f"C{k}", label=game)
    ax[3].set(xlabel="truncation {1..n}", ylabel="threshold dimension",
              title="threshold dimension (exhaustive)")
    ax[3].legend(fontsize=8)
    return fig


GAME_TITLES = {"letcher": "Letcher's game", "f1": r"STON'R's $f_1$",
               "control": r"control $x^2/2+xy-y^2/2$"}


def fig_A3(t: Path) -> plt.Figure:
    """Games × methods: trajectories from several inits (dots: starts) at the largest step."""
    paths = read(t, "a3_paths")
    paths = paths[(paths.seed == paths.seed.min()) & (paths.eta == paths.eta.max())]
    methods = list(dict.fromkeys(paths.method))
    games = [g for g in GAME_TITLES if g in set(paths.game)]
    fig, ax = plt.subplots(len(games), len(methods), figsize=(4.2 * len(methods), 4 * len(games)),
                           squeeze=False)
    for r, g in enumerate(games):
        for c, m in enumerate(methods):
            a = ax[r, c]
            for k, (_, p) in enumerate(paths[(paths.game == g) & (paths.method == m)].groupby("init")):
                a.plot(p.x, p.y, lw=0.7, color=f"C{k}")
                a.plot(p.x.iloc[0], p.y.iloc[0], "o", color=f"C{k}", ms=3)
            a.plot([0], [0], "kx", ms=7)
            a.set(xlim=(-3.1, 3.1), ylim=(-3.1, 3.1), aspect="equal",
                  title=f"{GAME_TITLES[g]}, {METHOD_NAMES.get(m, m)}",
                  xlabel="x (min)" if r == len(games) - 1 else None, ylabel="y (max)" if c == 0 else None)
    fig.suptitle(rf"$\eta$ = {paths.eta.max():g}, 200/$\eta$ steps on $[-3,3]^2$ (×: the stationary point)")
    return fig


def fig_C1(t: Path) -> plt.Figure:
    """Residual maps (log10) of three games, and min residual vs grid step on f1."""
    maps, curve = read(t, "c1_maps"), read(t, "c1_minres")
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
    ax[3].axhline(1.0, color="C3", ls="--", label=r"$u(x)=x$ on $\mathbb{R}$: res $\equiv 1$")
    ax[3].xaxis.set_minor_formatter(plt.NullFormatter())
    ax[3].set(xlabel="grid step h", ylabel="min residual", title="compact: min res → 0; non-compact: 1")
    ax[3].legend(fontsize=8)
    return fig


SPERNER_COLOURS = ("#d62728", "#2ca02c", "#e6c619", "#1f77b4")   # red, green, yellow, blue
SOLVER_NAMES = {"random_scan": "random scanning", "path_following": "path following",
                "winding_search": "winding divide & conquer"}


def fig_C2(t: Path) -> plt.Figure:
    """A snake instance with each solver's queries; queries vs N; the exhaustive N = 4 count."""
    ex, q, exh = read(t, "sperner_example"), read(t, "sperner_queries"), read(t, "sperner_exhaustive")
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
    ax[1].plot(ns, 7 * ns, "k--", lw=1, label=r"$7N$")
    ax[1].set(xscale="log", yscale="log", xlabel="grid size N", ylabel="queries (distinct vertices)",
              title="queries to find the solution (every answer certified)")
    ax[1].set_xticks(ns, [str(int(v)) for v in ns])
    ax[1].minorticks_off()
    ax[1].legend(fontsize=8)
    exh = exh[exh.seed == exh.seed.min()]
    ax[2].bar(exh.n_solutions, exh.colourings, color="0.4")
    ax[2].set(yscale="log", xlabel="solution squares in the colouring", ylabel="colourings",
              title=f"all {int(exh.colourings.sum()):,} boundary-legal colourings, N = 4")
    return fig


def fig_D1(t: Path) -> plt.Figure:
    """The talk's two panels: gradient dynamics cycling on f1; the STON'R path by epoch."""
    dyn, path, exits, contour = (read(t, n) for n in ("f1_dynamics", "stonr_path", "stonr_exits",
                                                       "f1_contour"))
    contour = contour[contour.seed == contour.seed.min()]
    grid = contour.pivot(index="y", columns="x", values="f")
    fig, ax = plt.subplots(1, 2, figsize=(13, 6))
    for a in ax:
        a.contour(grid.columns, grid.index, grid.values, levels=25, cmap="viridis", linewidths=0.6)
        a.plot([0], [0], "*", color="k", ms=14, label="local Nash (0, 0)")
        a.set(xlabel=r"$\theta$ (min)", ylabel=r"$\omega$ (max)", aspect="equal")
    b = float(contour.x.max())
    for a in ax:   # a margin, so that paths along the box's faces stay visible
        a.add_patch(plt.Rectangle((-b, -b), 2 * b, 2 * b, fill=False, ec="k", lw=0.8))
        a.set(xlim=(-1.06 * b, 1.06 * b), ylim=(-1.06 * b, 1.06 * b))
    dyn = dyn[dyn.seed == dyn.seed.min()]
    for k, (m, d) in enumerate(dyn.groupby("method", sort=False)):
        for i, p in d.groupby("init"):
            ax[0].plot(p.x, p.y, color=f"C{k}", lw=1.0, alpha=0.85, ls=("-", "--", ":")[k % 3],
                       label=METHOD_NAMES.get(m, m) if i == 0 else None)
            ax[0].plot(p.x.iloc[0], p.y.iloc[0], "o", color=f"C{k}", ms=3)
    ax[0].set(title=r"GDA, OGDA, EG on $f_1$: spiral onto a limit cycle, not to (0, 0)")
    ax[0].legend(fontsize=8, loc="lower right")
    main = path[(path.case == "main") & (path.seed == path.seed.min())]
    for e, p in main.groupby("epoch"):
        ax[1].plot(p.x, p.y, lw=2.5, color=f"C{e}", label=f"epoch {e + 1}")
    ev = exits[(exits.case == "main") & (exits.seed == exits.seed.min())]
    for _, e in ev.iterrows():
        ax[1].plot(e.x, e.y, "s", color="k", ms=5)
        ax[1].annotate(f"{e.kind} exit", (e.x, e.y), textcoords="offset points", xytext=(6, 4), fontsize=8)
    reg = path[path.case == "regression"]
    b = float(reg.box.iloc[0])
    ax[1].add_patch(plt.Rectangle((-b, -b), 2 * b, 2 * b, fill=False, ls="--", ec="0.4"))
    ax[1].plot(reg.x.iloc[-1], reg.y.iloc[-1], "v", color="0.3", ms=8,
               label=f"on [-{b:g}, {b:g}]²: stops at corner ({reg.x.iloc[-1]:g}, {reg.y.iloc[-1]:g})")
    ax[1].set(title=f"STON'R from ({main.x.iloc[0]:g}, {main.y.iloc[0]:g}): path by epoch, "
                    f"ends at ({main.x.iloc[-1]:.3f}, {main.y.iloc[-1]:.3f})")
    ax[1].legend(fontsize=8, loc="upper left")
    return fig


def fig_C3(t: Path) -> plt.Figure:
    """The pure better-response cycle on x·y; the alternating small-step cycle on f1."""
    xy, f1 = read(t, "c3_xy_path"), read(t, "c3_f1_path")
    xy, f1 = xy[xy.seed == xy.seed.min()], f1[f1.seed == f1.seed.min()]
    fig, ax = plt.subplots(1, 3, figsize=(16, 4.6))
    for k in range(len(xy) - 1):
        a, b = xy.iloc[k], xy.iloc[k + 1]
        ax[0].annotate("", (b.x, b.y), (a.x, a.y), arrowprops={"arrowstyle": "->", "color": f"C{k % 2}", "lw": 2})
        ax[0].text((a.x + b.x) / 2, (a.y + b.y) / 2, f"+{b.gain:g}", fontsize=9, ha="center",
                   bbox={"fc": "white", "ec": "none"})
    ax[0].plot(xy.x.iloc[0], xy.y.iloc[0], "ko", ms=7, label="start")
    ax[0].set(xlim=(-1.2, 1.2), ylim=(-1.2, 1.2), aspect="equal", xlabel="x (min)", ylabel="y (max)",
              title=r"$f=xy$: pure best responses (gain of the mover)")
    ax[0].legend(fontsize=8)
    sc = ax[1].scatter(f1.theta, f1.omega, c=f1.f, s=3, cmap="coolwarm")
    ax[1].plot(f1.theta.iloc[0], f1.omega.iloc[0], "ko", ms=6, label="start = return")
    ax[1].plot([0], [0], "kx", ms=7)
    fig.colorbar(sc, ax=ax[1], label=r"$f_1$")
    ax[1].set(aspect="equal", xlabel=r"$\theta$ (min)", ylabel=r"$\omega$ (max)",
              title=r"$f_1$: alternating small-step better responses")
    ax[1].legend(fontsize=8)
    ax[2].plot(f1.half_step / 2, f1.f, color="C0", label=r"$f_1$ along the path")
    ax[2].set(xlabel="step", ylabel=r"$f_1$", title="f is not monotone; the path returns")
    d = ax[2].twinx()
    d.semilogy(f1.half_step / 2, f1.dist.clip(1e-5), color="C1", lw=1, label="distance to start")
    d.set_ylabel("distance to start", color="C1")
    ax[2].legend(loc="upper left", fontsize=8)
    return fig


def fig_D2(t: Path) -> plt.Figure:
    """|E_p G_eta| vs T with the diam/(eta T) line; Phi_Proj(delta)-regret vs delta."""
    run, reg = read(t, "d2_running"), read(t, "d2_regret")
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


FIGURES = {"A1": fig_A1, "A2": fig_A2, "A3": fig_A3, "B1": fig_B1, "B2": fig_B2, "B3": fig_B3,
           "B4": fig_B4, "C1": fig_C1, "C2": fig_C2, "C3": fig_C3, "D1": fig_D1, "D2": fig_D2,
           "D3": fig_D3}
