"""Figures of gradient dynamics: A1 (GD), A2 (bilinear), A3 (cycles), C3 (better responses),
D1 (STON'R vs GDA). Tables only; thresholds from the claims' checks."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from strategic.games import names as N
from strategic.games.claims import check
from strategic.report.tables import read


METHOD_NAMES = {"gda": "simultaneous GDA", "alt_gda": "alternating GDA",
                "ogda": "optimistic GDA", "eg": "extragradient"}

GAME_TITLES = {"letcher": "Letcher's game", "f1": r"STON'R's $f_1$",
               "control": r"control $x^2/2+xy-y^2/2$"}


def fig_A1(t: Path) -> plt.Figure:
    """GD paths on the contour of f; factorisation losses; the seeds' MLP loss curves."""
    paths, contour = read(t, N.T_GD_PATHS), read(t, N.T_GD_CONTOUR)
    mf, hist, crit = read(t, N.T_MF_LOSS), read(t, N.T_HISTORY), read(t, N.T_GD_CRITICAL)
    mlp = hist[(hist.variant == "mlp") & (hist.metric == N.H_MLP_LOSS)].rename(
        columns={"value": "loss"}).assign(epoch=lambda d: d.step + 1)   # step: 0-based epoch index
    crit = crit[crit.seed == crit.seed.min()]
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    contour = contour[contour.seed == contour.seed.min()]
    grid = contour.pivot(index="y", columns="x", values="f")
    ax[0].contour(grid.columns, grid.index, grid.values, levels=30, cmap="viridis", linewidths=0.7)
    first = paths[paths.seed == paths.seed.min()]
    for _, p in first.groupby("init"):
        ax[0].plot(p.x, p.y, color="0.25", lw=0.8, alpha=0.8)
        ax[0].plot(p.x.iloc[0], p.y.iloc[0], "o", color="C3", ms=2.5)
    for (kind, c), marker, col, ms in zip(crit.groupby("kind", sort=False), "*X", ("C1", "k"), (14, 9)):
        ax[0].plot(c.x, c.y, marker, color=col, ms=ms, ls="", label=kind)
    ax[0].set(xlabel="x", ylabel="y", title=r"GD on $f=\frac{1}{2}x^2+\frac{1}{4}y^4-\frac{1}{2}y^2$")
    ax[0].legend(loc="lower left", fontsize=8)
    mf = mf.assign(run=mf.seed.astype(str) + "/" + mf.init.astype(str))
    sns.lineplot(mf, x=mf.step + 1, y="loss", units="run", estimator=None, hue="seed",
                 lw=0.6, alpha=0.5, ax=ax[1], palette="colorblind", legend=False)
    ax[1].set(xscale="log", yscale="log", xlabel="step + 1", ylabel=r"$\frac{1}{4}\|UU^\top-M\|_F^2$",
              title=f"matrix factorisation, {mf.init.nunique()} small inits per seed")
    sns.lineplot(mlp, x="epoch", y="loss", hue="seed", palette="colorblind", ax=ax[2], lw=1)
    lim = check(N.MLP_TRAIN_LOSS).threshold
    ax[2].axhline(lim, color="k", ls="--", lw=1, label=f"threshold {lim:g}")
    ax[2].set(yscale="log", ylabel="training loss (full split)", title="MLP on 8×8 digits, SGD")
    ax[2].legend(ncol=2, fontsize=7, title="seed")
    return fig


def fig_A2(t: Path) -> plt.Figure:
    """Trajectories on x·y, log‖z_t‖ against the theoretical slopes, the linear WGAN toy."""
    paths, norms, wgan = (read(t, n) for n in (N.T_BILINEAR_PATHS, N.T_BILINEAR_NORMS, N.T_WGAN_DIST))
    fig, ax = plt.subplots(1, 3, figsize=(15, 4.6))
    for k, (m, p) in enumerate(paths.groupby("method", sort=False)):
        ax[0].plot(p.x, p.y, lw=0.9, color=f"C{k}", label=METHOD_NAMES.get(m, m))
    ax[0].plot(paths.x.iloc[:1], paths.y.iloc[:1], "ko", ms=4)
    ax[0].set(xlabel="x (min)", ylabel="y (max)",
              title=rf"$f(x,y)=xy$, $\eta={paths.eta.iloc[0]:g}$, first {paths.t.max()} steps",
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
              title=rf"linear WGAN $u=\langle w, v-\theta\rangle$, $v=({wgan.v1.iloc[0]:g},{wgan.v2.iloc[0]:g})$")
    ax[2].legend(fontsize=8)
    return fig


def fig_A3(t: Path) -> plt.Figure:
    """Games × methods: trajectories from several inits (dots: starts) at the largest step."""
    paths = read(t, N.T_A3_PATHS)
    paths = paths[(paths.seed == paths.seed.min()) & (paths.eta == paths.eta.max())]
    methods, b = list(dict.fromkeys(paths.method)), float(paths.box.iloc[0])
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
            a.set(xlim=(-1.04 * b, 1.04 * b), ylim=(-1.04 * b, 1.04 * b), aspect="equal",
                  title=f"{GAME_TITLES[g]}, {METHOD_NAMES.get(m, m)}",
                  xlabel="x (min)" if r == len(games) - 1 else None, ylabel="y (max)" if c == 0 else None)
    fig.suptitle(rf"$\eta$ = {paths.eta.max():g}, {paths.horizon.iloc[0]:g}/$\eta$ steps on $[-{b:g},{b:g}]^2$ "
                 "(×: the stationary point)")
    return fig


def fig_C3(t: Path) -> plt.Figure:
    """The pure better-response cycle on x·y; the alternating small-step cycle on f1."""
    xy, f1 = read(t, N.T_C3_XY_PATH), read(t, N.T_C3_F1_PATH)
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


def fig_D1(t: Path) -> plt.Figure:
    """The talk's two panels: gradient dynamics cycling on f1; the STON'R path by epoch."""
    dyn, path, exits, contour = (read(t, n) for n in (N.T_F1_DYNAMICS, N.T_STONR_PATH,
                                                       N.T_STONR_EXITS, N.T_F1_CONTOUR))
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
