"""`run(cfg, ctx) -> metrics` for the variants of the `tictactoe` study (CLAIMS H1, H2).

Every metric is over all 4520 non-terminal positions or on the talk's board "x.xoo...."
(x to move; cells row-major, top-middle = 1, middle-right = 5). Regimes of the one MLP:
`random`, `block`, `mix`, `minimax` (next-move prediction on the logged games of those
players), `heldout` (supervised on the solver's optimal moves, the talk board, its symmetric
images and a random 20 % of the rest held out) and `selfplay` (Q-learning on the outcomes of
its own games). The solver scores every regime; it trains only `heldout`.
"""

from __future__ import annotations

from dataclasses import asdict
from functools import partial

import numpy as np
import pandas as pd
import torch

from strategic import train
from strategic.contracts import RunContext
from strategic.tictactoe import evaluate as E
from strategic.tictactoe import names as N
from strategic.tictactoe import policies as P
from strategic.tictactoe.config import TttSelfplay, TttSolver, TttSupervised, TttTranscripts
from strategic.tictactoe.module import MLP, MoveClassifier, SelfPlay
from strategic.tictactoe.positions import Positions, features, held_out, positions, talk_index
from strategic.tictactoe.selfplay import Rules

SPLIT_STREAM = 1  # the held-out split's generator: default_rng((seed, SPLIT_STREAM))


def run_solver(cfg: TttSolver, ctx: RunContext) -> dict[str, float]:
    """H1: the solver's facts on the talk board and over all positions (one deterministic run)."""
    return E.solver_metrics(positions(), ctx)


def run_supervised(cfg: TttSupervised, ctx: RunContext) -> dict[str, float]:
    """H2: next-move prediction on four logged data sets (random, block-first, mixed and
    minimax play), and minimax targets with the talk board held out."""
    pos, rng = positions(), np.random.default_rng(ctx.seed)
    x, legal = torch.as_tensor(features(pos)), torch.as_tensor(pos.legal)
    metrics, rows, probs, split = {}, [], [], []
    data = {N.RANDOM: P.random_policy(pos), N.BLOCK: P.block_first_policy(pos),
            N.MIX: P.mix_policy(pos, cfg.mix_weight), N.MINIMAX: P.minimax_policy(pos)}
    for name, policy in data.items():
        counts = np.zeros(pos.legal.shape)
        P.play_games(pos, policy, policy, cfg.n_games, rng, counts)       # the log [N, 9]
        visits = counts.sum(1)
        target = counts / np.maximum(visits, 1)[:, None]
        metrics.update(E.data_metrics(name, pos, policy, visits, rows))
        net = _train(MoveClassifier, cfg, ctx, name, x, legal, target, visits).net.cpu()
        metrics.update(E.evaluate(name, net, pos, x, cfg.eval_games, rng, rows, probs))
        metrics[N.metric(name, N.OPT_EXCESS)] = (metrics[N.metric(name, N.OPT_RATE)]
                                                 - metrics[N.data(name, N.OPT_RATE)])
        if name == N.MINIMAX:
            metrics.update(E.seen_split(name, net, pos, x, visits > 0, split))
    metrics.update(_held_out(cfg, ctx, pos, x, rng, rows, probs, split))
    _write(ctx, rows, probs)
    pd.DataFrame(split).to_csv(ctx.out / f"{N.T_SEEN}.csv", index=False)
    return metrics


def _held_out(cfg: TttSupervised, ctx: RunContext, pos: Positions, x: torch.Tensor,
              rng: np.random.Generator, rows: list, probs: list, split: list) -> dict[str, float]:
    """H2 (iii b): minimax targets (uniform over the optimal moves) on the positions not held
    out (`positions.held_out`); the check reads the rows the module actually trained on."""
    held = held_out(pos, cfg.holdout_fraction, np.random.default_rng((ctx.seed, SPLIT_STREAM)))
    target = pos.optimal / np.maximum(pos.optimal.sum(1, keepdims=True), 1)
    weight = (~pos.terminal & ~held).astype(float)
    module = _train(MoveClassifier, cfg, ctx, N.HELDOUT, x, torch.as_tensor(pos.legal), target, weight)
    net = module.net.cpu()
    seen = np.zeros(len(pos.boards), dtype=bool)
    seen[module.rows] = True  # what it actually trained on, not what the split intended
    out = E.evaluate(N.HELDOUT, net, pos, x, cfg.eval_games, rng, rows, probs)
    out.update(E.seen_split(N.HELDOUT, net, pos, x, seen, split))
    out.update(E.held_out_talk(N.HELDOUT, net, pos, x, module.rows))
    return out


def run_selfplay(cfg: TttSelfplay, ctx: RunContext) -> dict[str, float]:
    """H2 (iii a): the same network trained only on the outcomes of games it plays against
    itself (`selfplay`); the solver only scores it (value rate watched during training)."""
    pos, rng = positions(), np.random.default_rng(ctx.seed)
    x = torch.as_tensor(features(pos))
    net = MLP(cfg.hidden, ctx.seed)
    module = SelfPlay(net, Rules.of(pos), x, cfg.games, cfg.steps, cfg.eps_start, cfg.eps_end,
                      cfg.gamma, cfg.lr, cfg.lr_end, ctx.seed, partial(E.value_rate_of, pos), cfg.score_every)
    train.fit(module, ctx, steps=cfg.steps, tag=N.SELFPLAY, key=asdict(cfg))
    rows, probs = [], []
    metrics = E.evaluate(N.SELFPLAY, net.cpu(), pos, x, cfg.eval_games, rng, rows, probs)
    metrics[N.metric(N.SELFPLAY, N.GAMES)] = float(cfg.steps * cfg.games)
    q_talk = E.greedy_of(net, pos, x)[0][talk_index(pos)]  # action values on the talk board
    metrics.update({N.metric(N.SELFPLAY, f"talk_q{c}"): float(q_talk[c]) for c in (N.WIN_CELL, N.BLOCK_CELL)})
    pd.DataFrame(module.curve, columns=[N.GAMES, N.VALUE_RATE]) \
        .to_csv(ctx.out / f"{N.T_SELFPLAY_CURVE}.csv", index=False)
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


def _train(cls, cfg, ctx, name, x, legal, target, weight) -> MoveClassifier:
    net = MLP(cfg.hidden, ctx.seed)  # the same initial network in every regime of a seed
    module = cls(net, x, legal, torch.as_tensor(target, dtype=torch.float32),
                 torch.as_tensor(weight, dtype=torch.float32), cfg.lr)
    train.fit(module, ctx, steps=cfg.steps, tag=name, key=asdict(cfg))
    return module


def _write(ctx: RunContext, rows: list, probs: list) -> None:
    pd.DataFrame(rows).to_csv(ctx.out / f"{N.T_RATES}.csv", index=False)
    pd.DataFrame(probs).to_csv(ctx.out / f"{N.T_TALK_PROBS}.csv", index=False)
