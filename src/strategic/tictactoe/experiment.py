"""`run(cfg, ctx) -> metrics` for the variants of the `tictactoe` study (CLAIMS H1, H2).

Every metric is over all 4520 non-terminal positions or on the talk's board "x.xoo...."
(x to move; cells row-major, top-middle = 1, middle-right = 5). Regimes: `random`, `block`,
`mix` (next-move prediction on logged play), `minimax` (supervised on the solver's optimal
moves) and `selfplay` (policy iteration on self-play outcomes).
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

import numpy as np
import pandas as pd
import torch

from strategic import train
from strategic.contracts import RunContext
from strategic.tictactoe import names as N
from strategic.tictactoe import policies as P
from strategic.tictactoe import solver
from strategic.tictactoe.config import TttSelfplay, TttSupervised, TttTranscripts
from strategic.tictactoe.module import MLP, MoveClassifier, SelfPlay
from strategic.tictactoe.positions import Positions, features, positions, talk_index


def run_supervised(cfg: TttSupervised, ctx: RunContext) -> dict[str, float]:
    """H1: the solver's facts; H2: next-move prediction on three logged data sets, and
    cross-entropy on minimax targets (uniform over the optimal moves of every position)."""
    pos, rng = positions(), np.random.default_rng(ctx.seed)
    x, legal = torch.as_tensor(features(pos)), torch.as_tensor(pos.legal)
    metrics, rows, probs = _solver_metrics(pos, ctx), [], []
    data = {N.RANDOM: P.random_policy(pos), N.BLOCK: P.block_first_policy(pos),
            N.MIX: P.mix_policy(pos, cfg.mix_weight)}
    for name, policy in data.items():
        counts = np.zeros(pos.legal.shape)
        P.play_games(pos, policy, policy, cfg.n_games, rng, counts)       # the log [N, 9]
        visits = counts.sum(1)
        target = counts / np.maximum(visits, 1)[:, None]
        metrics.update(_data_metrics(name, pos, policy, visits, rows))
        net = _train(MoveClassifier, cfg, ctx, name, x, legal, target, visits)
        metrics.update(_evaluate(name, net, pos, x, cfg.eval_games, rng, rows, probs))
        metrics[N.metric(name, N.OPT_EXCESS)] = (metrics[N.metric(name, N.OPT_RATE)]
                                                 - metrics[N.data(name, N.OPT_RATE)])
    target = pos.optimal / np.maximum(pos.optimal.sum(1, keepdims=True), 1)
    net = _train(MoveClassifier, cfg, ctx, N.MINIMAX, x, legal, target, (~pos.terminal).astype(float))
    metrics.update(_evaluate(N.MINIMAX, net, pos, x, cfg.eval_games, rng, rows, probs))
    _write(ctx, rows, probs)
    return metrics


def run_selfplay(cfg: TttSelfplay, ctx: RunContext) -> dict[str, float]:
    """H2: the same network trained only on the outcomes of games it plays against itself."""
    pos, rng = positions(), np.random.default_rng(ctx.seed)
    x = torch.as_tensor(features(pos))
    net = MLP(cfg.hidden, ctx.seed)
    module = SelfPlay(net, pos, x, cfg.steps_per_round, cfg.lr)
    train.fit(module, ctx, steps=cfg.rounds * cfg.steps_per_round, tag=N.SELFPLAY, key=asdict(cfg))
    changed = np.array(module.changed[1:])  # round 0 replaces the all-zero initial targets
    rows, probs = [], []
    metrics = _evaluate(N.SELFPLAY, net.cpu(), pos, x, cfg.eval_games, rng, rows, probs)
    metrics[N.metric(N.SELFPLAY, "last_round_changed")] = float(changed[-1]) if len(changed) else 1.0
    metrics[N.metric(N.SELFPLAY, "rounds_to_fixpoint")] = float(np.flatnonzero(changed).max() + 2
                                                   if changed.any() else 1)
    _write(ctx, rows, probs)
    return metrics


def run_transcripts(cfg: TttTranscripts, ctx: RunContext) -> dict[str, float]:
    """H2 (paper profile): a causal transformer per source player, trained by next-token
    prediction on its games, prompted with the four move orders reaching the talk board."""
    from strategic.tictactoe import transformer as T

    pos, rng = positions(), np.random.default_rng(ctx.seed)
    players = {N.RANDOM: P.random_policy, N.BLOCK: P.block_first_policy, N.MINIMAX: P.minimax_policy}
    metrics, probs = {}, []
    for src in cfg.sources:
        tokens = T.transcripts(pos, players[src](pos), cfg.n_games, rng)
        net = T.CausalTransformer(cfg.d_model, cfg.layers, cfg.heads, ctx.seed)
        g = N.gpt(src)
        losses = T.fit_next_token(net, tokens, cfg.steps, cfg.batch_size, cfg.lr, ctx, g, asdict(cfg))
        p = T.talk_probabilities(net.cpu())                               # [4 prompts, 9]
        mean, picks = p.mean(0), p.argmax(1)
        probs += [{"regime": g, "cell": c, "p": float(mean[c])} for c in range(9)]
        metrics.update({N.metric(g, "talk_argmax"): float(mean.argmax()),
                        N.metric(g, "talk_p1"): float(mean[N.WIN_CELL]),
                        N.metric(g, "talk_p5"): float(mean[N.BLOCK_CELL]),
                        N.metric(g, "prompts_picking_1"): float((picks == N.WIN_CELL).sum()),
                        N.metric(g, "prompts_picking_5"): float((picks == N.BLOCK_CELL).sum()),
                        N.metric(g, "transcripts_reaching_talk"):
                            float(T.reaches_talk_board(tokens).sum()),
                        N.metric(g, "final_loss"): float(np.mean(losses[-10:]))})
    pd.DataFrame(probs).to_csv(ctx.out / f"{N.T_TALK_PROBS}.csv", index=False)
    return metrics


def _train(cls, cfg, ctx, name, x, legal, target, weight) -> MLP:
    net = MLP(cfg.hidden, ctx.seed)  # the same initial network in every regime of a seed
    module = cls(net, x, legal, torch.as_tensor(target, dtype=torch.float32),
                 torch.as_tensor(weight, dtype=torch.float32), cfg.lr)
    train.fit(module, ctx, steps=cfg.steps, tag=name, key=asdict(cfg))
    return net.cpu()


def _evaluate(name: str, net: MLP, pos: Positions, x: torch.Tensor, n_games: int,
              rng: np.random.Generator, rows: list, probs: list) -> dict[str, float]:
    """Greedy (argmax) play of `net`: its rates, its games against minimax, the talk board."""
    with torch.no_grad():
        scores = net(x, torch.as_tensor(pos.legal)).numpy()               # [N, 9]
    greedy = P.greedy(scores, pos.legal)
    r = P.rates(pos, greedy)
    games = P.results_vs(pos, greedy, P.minimax_policy(pos), n_games, rng)
    t = talk_index(pos)
    p = torch.softmax(torch.as_tensor(scores[t]), 0).numpy()
    pick = int(greedy[t].argmax())
    rows.append({"regime": name, "source": N.MODEL, **r, **games})
    probs += [{"regime": name, "cell": c, "p": float(p[c])} for c in range(9)]
    m = partial(N.metric, name)
    return {m(N.OPT_RATE): r[N.OPT_RATE], m(N.VALUE_RATE): r[N.VALUE_RATE],
            m("talk_argmax"): float(pick), m("talk_p1"): float(p[N.WIN_CELL]),
            m("talk_p5"): float(p[N.BLOCK_CELL]), m(N.TALK_WINS): float(pick == N.WIN_CELL),
            m(N.TALK_BLOCKS): float(pick == N.BLOCK_CELL),
            m(N.LOSSES_VS_MINIMAX): float(games["losses"]),
            m("draws_vs_minimax"): float(games["draws"])}


def _data_metrics(name: str, pos: Positions, policy: np.ndarray, visits: np.ndarray,
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


def _solver_metrics(pos: Positions, ctx: RunContext) -> dict[str, float]:
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


def _write(ctx: RunContext, rows: list, probs: list) -> None:
    pd.DataFrame(rows).to_csv(ctx.out / f"{N.T_RATES}.csv", index=False)
    pd.DataFrame(probs).to_csv(ctx.out / f"{N.T_TALK_PROBS}.csv", index=False)
