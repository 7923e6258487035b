"""Figures of the `tictactoe` study, reading the aggregated tables only."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from strategic.report.tables import read
from strategic.tictactoe import names as N
from strategic.tictactoe.board import TALK_BOARD
from strategic.tictactoe.claims import check

REGIMES = {N.RANDOM: "imitate random", N.BLOCK: "imitate block-first", N.MIX: "imitate mix",
           N.MINIMAX: "imitate minimax", N.HELDOUT: "minimax targets, held out",
           N.SELFPLAY: "self-play Q-learning",
           N.gpt(N.RANDOM): "transformer, random games",
           N.gpt(N.BLOCK): "transformer, block-first games",
           N.gpt(N.MINIMAX): "transformer, minimax games"}
WDL = {1: "win", 0: "draw", -1: "loss"}


def _board(ax, values: np.ndarray, text: list[str], cmap: str, vmin: float, vmax: float, title: str):
    """The talk's board as a 3x3 heat map: marks in grey, `values` [9] on the empty cells."""
    grid = np.ma.masked_invalid(values.reshape(3, 3))
    im = ax.imshow(grid, cmap=cmap, vmin=vmin, vmax=vmax)
    for c, ch in enumerate(TALK_BOARD):
        r, k = divmod(c, 3)
        if ch != ".":
            ax.text(k, r, ch, ha="center", va="center", fontsize=20, color="0.35")
            continue
        red, green, blue, _ = im.cmap(im.norm(values[c]))
        dark = 0.299 * red + 0.587 * green + 0.114 * blue < 0.5
        ax.text(k, r, text[c], ha="center", va="center", fontsize=9, color="w" if dark else "k")
    ax.set_xticks(np.arange(-0.5, 3), minor=True)
    ax.set_yticks(np.arange(-0.5, 3), minor=True)
    ax.grid(which="minor", color="k", lw=1.5)
    ax.grid(which="major", visible=False)
    ax.set(xticks=[], yticks=[], title=title)


def _solver_board(ax, sol: pd.DataFrame) -> None:
    sol = sol[sol.seed == sol.seed.min()]
    score, text = np.full(9, np.nan), [""] * 9
    for r in sol.itertuples():
        score[r.cell] = r.score
        text[r.cell] = f"{WDL[r.wdl]} in {r.plies}" if r.wdl else f"draw ({r.plies})"
    _board(ax, score, text, "RdYlGn", -9, 9, "solver: value of each move")


def _solver_table(t: Path, name: str):
    """A table of the one solver run (H1 is deterministic: one run, no replicates)."""
    df = read(t, name)
    return df[df.variant == "solver"]


def fig_H1(t: Path) -> plt.Figure:
    """The solver's value of each move on the talk board; all positions by value and depth."""
    sol, posn = _solver_table(t, N.T_SOLVER_TALK), _solver_table(t, N.T_POSITIONS)
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.3), gridspec_kw={"width_ratios": [1, 1.6]})
    _solver_board(ax[0], sol)
    ax[0].set_title("talk board: value of each move (plies to the end)")
    wide = posn.pivot(index="marks", columns="value", values="positions").fillna(0)
    bottom = np.zeros(len(wide))
    for v, color, label in ((1, "C2", "mover wins"), (0, "0.7", "draw"), (-1, "C3", "mover loses")):
        if v in wide:
            ax[1].bar(wide.index, wide[v], bottom=bottom, color=color, label=label)
            bottom += wide[v].to_numpy()
    ax[1].set(xlabel="marks on the board", ylabel="positions",
              title=f"{int(posn.positions.sum())} reachable non-terminal positions, by minimax value")
    ax[1].legend()
    return fig


def _dots(ax, x: float, values, rng: np.random.Generator, color="k", width=0.08, **kw) -> None:
    """Per-seed values as dots around `x`, jittered by the explicit generator `rng`."""
    v = np.asarray(values, dtype=float)
    ax.scatter(x + rng.uniform(-width, width, len(v)), v, s=12, color=color, zorder=3, **kw)


def _talk_row(fig, gs, probs: pd.DataFrame, sol: pd.DataFrame, regimes: list[str]) -> None:
    """The talk board: the solver's values, then each regime's move probabilities."""
    _solver_board(fig.add_subplot(gs[0]), sol)
    mean = probs.groupby(["regime", "cell"]).p.mean()
    empty = [ch == "." for ch in TALK_BOARD]
    for k, reg in enumerate(regimes):
        p = mean[reg].reindex(range(9)).to_numpy()
        n = probs[probs.regime == reg].seed.nunique()
        over = (f"p(move), 4 prompts x {n} seed(s)" if reg.startswith(N.GPT) else
                f"share of {n} seeds picking" if reg == N.SELFPLAY else f"p(move), mean of {n} seeds")
        ax = fig.add_subplot(gs[k + 1])
        _board(ax, np.where(empty, p, np.nan), [f"{v:.2f}" for v in p], "Blues", 0, 1,
               f"{REGIMES[reg]}\n{over}")
        ax.title.set_fontsize(8)


def _rates(ax, rates: pd.DataFrame, order: list[str], rng: np.random.Generator) -> None:
    """Optimal-move and value-kept rate per MLP regime: bars = mean, dots = seeds."""
    model = rates[rates.source == N.MODEL]
    for j, (col, label) in enumerate(((N.OPT_RATE, "optimal move"), (N.VALUE_RATE, "value kept"))):
        for i, reg in enumerate(order):
            v = model.loc[model.regime == reg, col]
            ax.bar(i + (j - 0.5) * 0.4, v.mean(), 0.4, color=f"C{j}", alpha=0.6,
                   label=label if i == 0 else None)
            _dots(ax, i + (j - 0.5) * 0.4, v, rng)
    data = rates[rates.source == N.DATA].groupby("regime")[[N.OPT_RATE, N.MODE_OPT_RATE]].mean()
    for r, v in data.iterrows():
        x = order.index(r) - 0.2
        ax.plot([x - 0.2, x + 0.2], [v[N.OPT_RATE]] * 2, color="k", lw=2.5)
        ax.plot([x - 0.2, x + 0.2], [v[N.MODE_OPT_RATE]] * 2, color="k", lw=1.5, ls=":")
    ax.plot([], [], color="k", lw=2.5, label="data policy: P(optimal move)")
    ax.plot([], [], color="k", lw=1.5, ls=":", label="data policy's likeliest move (ties uniform)")
    n_pos = check(N.SOLVER_N_NONTERMINAL).threshold
    ax.set_xticks(range(len(order)), [REGIMES[r] for r in order], rotation=30, ha="right")
    ax.set(ylabel=f"share of the {n_pos:g} positions (argmax move)", ylim=(0, 1.05),
           title="optimal-move and value-preserving rate by regime")
    ax.legend(loc="lower right", fontsize=7)


def _seen(ax, seen: pd.DataFrame, rng: np.random.Generator) -> None:
    """Optimal-move rate where the training data went (seen) and where it did not."""
    labels = {N.MINIMAX: "imitate minimax\nvisited | never visited",
              N.HELDOUT: "minimax targets\ntrained | held out"}
    regs = [r for r in labels if r in set(seen.regime)]
    for i, reg in enumerate(regs):
        d = seen[seen.regime == reg]
        for j, col in enumerate((N.SEEN_OPT_RATE, N.UNSEEN_OPT_RATE)):
            ax.bar(i + (j - 0.5) * 0.4, d[col].mean(), 0.4, color=("C2", "C3")[j], alpha=0.6)
            _dots(ax, i + (j - 0.5) * 0.4, d[col], rng)
    gap = check(N.metric(N.MINIMAX, N.SEEN_GAP)).threshold
    ax.set_xticks(range(len(regs)), [labels[r] for r in regs], fontsize=8)
    ax.set(ylim=(0, 1.05), ylabel="optimal-move rate (argmax)",
           title=f"seen vs unseen positions\n(imitate minimax passes at a gap >= {gap:g} points)")


def _curve(ax, curve: pd.DataFrame) -> None:
    """Self-play: value-preserving rate (scored by the solver) against games played, per seed."""
    for k, (seed, d) in enumerate(curve.groupby("seed")):
        ax.plot(d[N.GAMES], d[N.VALUE_RATE], color=f"C{k}", lw=1.2, label=f"seed {seed}")
    bar = check(N.metric(N.SELFPLAY, N.VALUE_RATE)).threshold
    ax.axhline(bar, color="k", ls="--", lw=1, label=f"pass: {bar:g}")
    lo = min(0.9, float(curve[N.VALUE_RATE].min()) - 0.01) if len(curve) else 0.9
    ax.set(xlabel="self-play games", ylabel="value-preserving rate (argmax)", ylim=(lo, 1.002),
           title="self-play: minimax value kept during training")
    ax.legend(fontsize=7, loc="lower right")


def fig_H2(t: Path) -> plt.Figure:
    """Talk-board move probabilities per regime; rates; seen vs unseen; self-play curve;
    games lost to minimax. Per-seed dots jittered by a seeded generator."""
    probs, rates, sol = read(t, N.T_TALK_PROBS), read(t, N.T_RATES), _solver_table(t, N.T_SOLVER_TALK)
    regimes = [r for r in REGIMES if r in set(probs.regime)]
    order = [r for r in regimes if r in set(rates[rates.source == N.MODEL].regime)]  # MLP regimes
    rng = np.random.default_rng(0)
    fig = plt.figure(figsize=(max(2.5 * (len(regimes) + 1), 18), 9.5))
    outer = fig.add_gridspec(2, 1, height_ratios=[1, 1.2], hspace=0.35)
    _talk_row(fig, outer[0].subgridspec(1, len(regimes) + 1), probs, sol, regimes)
    bottom = outer[1].subgridspec(1, 4, width_ratios=[2.4, 1.3, 1.5, 1.1], wspace=0.35)
    _rates(fig.add_subplot(bottom[0]), rates, order, rng)
    if (t / f"{N.T_SEEN}.csv").is_file():
        _seen(fig.add_subplot(bottom[1]), read(t, N.T_SEEN), rng)
    if (t / f"{N.T_SELFPLAY_CURVE}.csv").is_file():
        _curve(fig.add_subplot(bottom[2]), read(t, N.T_SELFPLAY_CURVE))
    ax = fig.add_subplot(bottom[3])
    model = rates[rates.source == N.MODEL]
    for i, reg in enumerate(order):
        _dots(ax, i, model.loc[model.regime == reg, "losses"], rng, color="C3", width=0.15)
    ax.set_xticks(range(len(order)), [REGIMES[r] for r in order], rotation=30, ha="right")
    ax.set(ylabel="games lost to minimax (of 1000)", title="against the minimax player",
           ylim=(-30, 1030))
    return fig


FIGURES = {"H1": fig_H1, "H2": fig_H2}
