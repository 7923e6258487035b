"""Figures of the `tictactoe` study, reading the aggregated tables only."""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from strategic.report.tables import read
from strategic.tictactoe import names as N
from strategic.tictactoe.board import TALK_BOARD
from strategic.tictactoe.claims import check

REGIMES = {N.RANDOM: "imitate random", N.BLOCK: "imitate block-first", N.MIX: "imitate mix",
           N.MINIMAX: "minimax targets", N.SELFPLAY: "self-play outcome",
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


def fig_H1(t: Path) -> plt.Figure:
    """The solver's value of each move on the talk board; all positions by value and depth."""
    sol, posn = read(t, N.T_SOLVER_TALK), read(t, N.T_POSITIONS)
    fig, ax = plt.subplots(1, 2, figsize=(11, 4.3), gridspec_kw={"width_ratios": [1, 1.6]})
    _solver_board(ax[0], sol)
    ax[0].set_title("talk board: value of each move (plies to the end)")
    posn = posn[posn.seed == posn.seed.min()]
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


def fig_H2(t: Path) -> plt.Figure:
    """Move probabilities on the talk board per regime; rates and games vs minimax."""
    probs, rates, sol = read(t, N.T_TALK_PROBS), read(t, N.T_RATES), read(t, N.T_SOLVER_TALK)
    regimes = [r for r in REGIMES if r in set(probs.regime)]
    fig = plt.figure(figsize=(3.2 * (len(regimes) + 1), 9.5))
    gs = fig.add_gridspec(2, len(regimes) + 1, height_ratios=[1, 1.15])
    _solver_board(fig.add_subplot(gs[0, 0]), sol)
    mean = probs.groupby(["regime", "cell"]).p.mean()
    for k, reg in enumerate(regimes):
        p = mean[reg].reindex(range(9)).to_numpy()
        n = probs[probs.regime == reg].seed.nunique()
        over = (f"4 prompts x {n} seeds" if reg.startswith(N.GPT) else f"mean of {n} seeds")
        empty = [ch == "." for ch in TALK_BOARD]
        _board(fig.add_subplot(gs[0, k + 1]), np.where(empty, p, np.nan),
               [f"{v:.2f}" for v in p], "Blues", 0, 1, f"{REGIMES[reg]}\np(move), {over}")
    model = rates[rates.source == N.MODEL].assign(name=lambda d: d.regime.map(REGIMES))
    order = [REGIMES[r] for r in regimes if r in set(model.regime)]  # MLP regimes only
    long = model.melt(id_vars=["name", "seed"], value_vars=[N.OPT_RATE, N.VALUE_RATE],
                      var_name="rate", value_name="share")
    long["rate"] = long.rate.map({N.OPT_RATE: "optimal move", N.VALUE_RATE: "value kept"})
    split = len(regimes) - 1 - (len(regimes) - len(order)) // 2
    ax = fig.add_subplot(gs[1, :split])
    sns.barplot(long, x="name", y="share", hue="rate", order=order, errorbar=None, alpha=0.6, ax=ax)
    sns.stripplot(long, x="name", y="share", hue="rate", order=order, dodge=True, ax=ax,
                  legend=False, palette="dark:k", size=3)
    data = rates[rates.source == N.DATA].groupby("regime")[[N.OPT_RATE, N.MODE_OPT_RATE]].mean()
    for r, v in data.iterrows():
        x = order.index(REGIMES[r]) - 0.2
        ax.plot([x - 0.2, x + 0.2], [v[N.OPT_RATE]] * 2, color="k", lw=2.5)
        ax.plot([x - 0.2, x + 0.2], [v[N.MODE_OPT_RATE]] * 2, color="k", lw=1.5, ls=":")
    ax.plot([], [], color="k", lw=2.5, label="data policy: P(optimal move)")
    ax.plot([], [], color="k", lw=1.5, ls=":", label="data policy's likeliest move (ties uniform)")
    n_pos = check(N.SOLVER_N_NONTERMINAL).threshold
    ax.set(xlabel="", ylabel=f"share of the {n_pos:g} positions (argmax move)", ylim=(0, 1.05),
           title="optimal-move and value-preserving rate by training regime")
    ax.legend(loc="lower right", fontsize=8)
    ax2 = fig.add_subplot(gs[1, split:])
    sns.stripplot(model, x="name", y="losses", order=order, ax=ax2, color="C3", size=6)
    ax2.set(xlabel="", ylabel="games lost to minimax (of 1000)", title="against the minimax player",
            ylim=(-30, 1030))
    ax2.tick_params(axis="x", rotation=30)
    return fig


FIGURES = {"H1": fig_H1, "H2": fig_H2}
