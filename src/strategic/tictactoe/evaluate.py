"""Scoring of the `tictactoe` study's networks and data against the exact solver (CLAIMS H1, H2).

The solver only scores here: nothing in this module feeds a training step.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
import torch

from strategic.contracts import RunContext
from strategic.tictactoe import names as N
from strategic.tictactoe import policies as P
from strategic.tictactoe import solver
from strategic.tictactoe.module import MLP
from strategic.tictactoe.positions import Positions, orbit, talk_index


def greedy_of(net: MLP, pos: Positions, x: torch.Tensor) -> tuple[np.ndarray, np.ndarray]:
    """The network's scores [N, 9] and its greedy (argmax) policy table [N, 9]."""
    with torch.no_grad():
        scores = net(x, torch.as_tensor(pos.legal)).numpy()
    return scores, P.greedy(scores, pos.legal)


def evaluate(name: str, net: MLP, pos: Positions, x: torch.Tensor, n_games: int,
             rng: np.random.Generator, rows: list, probs: list) -> dict[str, float]:
    """Greedy (argmax) play of `net`: its rates, its games against minimax, the talk board.

    `probs` gets the talk board's softmax probabilities; for the self-play regime, whose
    scores are action values, the argmax one-hot instead (the share of seeds picking a cell).
    """
    scores, greedy = greedy_of(net, pos, x)
    r = P.rates(pos, greedy)
    games = P.results_vs(pos, greedy, P.minimax_policy(pos), n_games, rng)
    t = talk_index(pos)
    pick = int(greedy[t].argmax())
    p = greedy[t] if name == N.SELFPLAY else torch.softmax(torch.as_tensor(scores[t]), 0).numpy()
    rows.append({"regime": name, "source": N.MODEL, **r, **games})
    probs += [{"regime": name, "cell": c, "p": float(p[c])} for c in range(9)]
    m = partial(N.metric, name)
    return {m(N.OPT_RATE): r[N.OPT_RATE], m(N.VALUE_RATE): r[N.VALUE_RATE],
            m("talk_argmax"): float(pick), m("talk_p1"): float(p[N.WIN_CELL]),
            m("talk_p5"): float(p[N.BLOCK_CELL]), m(N.TALK_WINS): float(pick == N.WIN_CELL),
            m(N.TALK_BLOCKS): float(pick == N.BLOCK_CELL),
            m(N.LOSSES_VS_MINIMAX): float(games["losses"]),
            m("draws_vs_minimax"): float(games["draws"])}


def seen_split(name: str, net: MLP, pos: Positions, x: torch.Tensor, seen: np.ndarray,
               table: list) -> dict[str, float]:
    """Optimal-move rate of the argmax move on the non-terminal positions the training data
    contains (`seen` [N] bool) and on those it does not; gap = seen - unseen (a fraction)."""
    _, greedy = greedy_of(net, pos, x)
    nt = pos.nonterminal
    hit = (greedy[nt] * pos.optimal[nt]).sum(1)
    keep = (greedy[nt] * pos.preserving[nt]).sum(1)
    on = seen[nt]
    out = {N.SEEN_OPT_RATE: _mean(hit[on]), N.UNSEEN_OPT_RATE: _mean(hit[~on]),
           N.UNSEEN_VALUE_RATE: _mean(keep[~on]), N.UNSEEN_POSITIONS: float((~on).sum())}
    out[N.SEEN_GAP] = out[N.SEEN_OPT_RATE] - out[N.UNSEEN_OPT_RATE]
    table.append({"regime": name, **out})
    return {N.metric(name, k): v for k, v in out.items()}


def held_out_talk(name: str, net: MLP, pos: Positions, x: torch.Tensor,
                  trained: np.ndarray) -> dict[str, float]:
    """CLAIMS H2 (iii b): the pick on the talk board of a model that never trained on it or on
    any of its 7 symmetric images. `trained` = the rows the model actually trained on; if any
    image is among them the check is refused: the pick becomes NaN (a FAIL, never a PASS)."""
    images = orbit(pos, talk_index(pos))
    leaked = int(np.isin(images, trained).sum())
    _, greedy = greedy_of(net, pos, x)
    wins = float(greedy[talk_index(pos)].argmax() == N.WIN_CELL)
    opt = (greedy[images] * pos.optimal[images]).sum(1)
    return {N.metric(name, N.TALK_IMAGES_SEEN): float(leaked),
            N.metric(name, N.TALK_WINS): wins if leaked == 0 else float("nan"),
            N.metric(name, "talk_images_opt_rate"): float(opt.mean())}


def data_metrics(name: str, pos: Positions, policy: np.ndarray, visits: np.ndarray,
                 rows: list) -> dict[str, float]:
    """The data policy's own rates: of a sampled move, and of its most likely move(s)."""
    r = P.rates(pos, policy)
    top = policy >= policy.max(1, keepdims=True) - 1e-12
    mode = P.rates(pos, P.uniform_over(top & pos.legal))
    rows.append({"regime": name, "source": N.DATA, **r, N.MODE_OPT_RATE: mode[N.OPT_RATE]})
    return {N.data(name, N.OPT_RATE): r[N.OPT_RATE], N.data(name, N.VALUE_RATE): r[N.VALUE_RATE],
            N.data(name, N.MODE_OPT_RATE): mode[N.OPT_RATE],
            N.data(name, "positions"): float((visits[pos.nonterminal] > 0).sum()),
            N.data(name, "talk_visits"): float(visits[talk_index(pos)])}


def solver_metrics(pos: Positions, ctx: RunContext) -> dict[str, float]:
    """H1: the solver's values on the talk board and the number of positions; tables for H1."""
    t = talk_index(pos)
    cells = np.flatnonzero(pos.legal[t])
    wdl, plies = pos.move_wdl[t, cells], pos.move_plies[t, cells]
    pd.DataFrame({"cell": cells, "wdl": wdl, "plies": plies, "score": solver.score((wdl, plies))}) \
        .to_csv(ctx.out / f"{N.T_SOLVER_TALK}.csv", index=False)
    nt = pos.nonterminal
    best = np.where(pos.legal[nt], pos.move_wdl[nt], -2).max(1)  # the mover's game value
    marks = (pos.boards[nt] != 0).sum(1)
    pd.DataFrame({"marks": marks, "value": best}).value_counts().rename("positions") \
        .reset_index().sort_values(["marks", "value"]) \
        .to_csv(ctx.out / f"{N.T_POSITIONS}.csv", index=False)
    wins = set(cells[wdl == 1].tolist())
    fastest = set(np.flatnonzero(pos.optimal[t]).tolist())
    return {"solver_n_positions": float(len(pos.boards)), N.SOLVER_N_NONTERMINAL: float(len(nt)),
            N.SOLVER_TALK_FASTEST_IS_TOP_MIDDLE: float(fastest == {N.WIN_CELL}),
            N.SOLVER_TALK_CELL1_PLIES: float(pos.move_plies[t, N.WIN_CELL]),
            N.SOLVER_TALK_CELL5_PLIES: float(pos.move_plies[t, N.BLOCK_CELL]),
            N.SOLVER_TALK_WINNING_SET_OK: float(wins == {N.WIN_CELL, N.BLOCK_CELL}),
            "solver_root_wdl": float(best[0])}


def value_rate_of(pos: Positions, scores: np.ndarray) -> float:
    """Share of the non-terminal positions where the argmax of `scores` [N, 9] keeps the
    minimax value (watches self-play training; never fed back)."""
    return P.rates(pos, P.greedy(scores, pos.legal))[N.VALUE_RATE]


def _mean(v: np.ndarray) -> float:
    return float(v.mean()) if len(v) else float("nan")
