"""`run(cfg, ctx) -> metrics` for the variants of the `tictactoe` study (CLAIMS H1, H2).

Every metric is over all 4520 non-terminal positions or on the talk's board "x.xoo...."
(x to move; cells row-major, top-middle = 1, middle-right = 5). Regimes: `random`, `block`,
`mix` (next-move prediction on logged play), `minimax` (supervised on the solver's optimal
moves) and `selfplay` (policy iteration on self-play outcomes).
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd
import torch

from strategic import train
from strategic.contracts import RunContext
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
    data = {"random": P.random_policy(pos), "block": P.block_first_policy(pos),
            "mix": P.mix_policy(pos, cfg.mix_weight)}
    for name, policy in data.items():
        counts = np.zeros(pos.legal.shape)
        P.play_games(pos, policy, policy, cfg.n_games, rng, counts)       # the log [N, 9]
        visits = counts.sum(1)
        target = counts / np.maximum(visits, 1)[:, None]
        metrics.update(_data_metrics(name, pos, policy, visits, rows))
        net = _train(MoveClassifier, cfg, ctx, name, x, legal, target, visits)
        metrics.update(_evaluate(name, net, pos, x, cfg.eval_games, rng, rows, probs))
        metrics[f"{name}_opt_excess"] = metrics[f"{name}_opt_rate"] - metrics[f"data_{name}_opt_rate"]
    target = pos.optimal / np.maximum(pos.optimal.sum(1, keepdims=True), 1)
    net = _train(MoveClassifier, cfg, ctx, "minimax", x, legal, target, (~pos.terminal).astype(float))
    metrics.update(_evaluate("minimax", net, pos, x, cfg.eval_games, rng, rows, probs))
    _write(ctx, rows, probs)
    return metrics


def run_selfplay(cfg: TttSelfplay, ctx: RunContext) -> dict[str, float]:
    """H2: the same network trained only on the outcomes of games it plays against itself."""
    pos, rng = positions(), np.random.default_rng(ctx.seed)
    x = torch.as_tensor(features(pos))
    net = MLP(cfg.hidden, ctx.seed)
    module = SelfPlay(net, pos, x, cfg.steps_per_round, cfg.lr)
    train.fit(module, ctx, steps=cfg.rounds * cfg.steps_per_round, tag="selfplay", key=asdict(cfg))
    changed = np.array(module.changed[1:])  # round 0 replaces the all-zero initial targets
    rows, probs = [], []
    metrics = _evaluate("selfplay", net.cpu(), pos, x, cfg.eval_games, rng, rows, probs)
    metrics["selfplay_last_round_changed"] = float(changed[-1]) if len(changed) else 1.0
    metrics["selfplay_rounds_to_fixpoint"] = float(np.flatnonzero(changed).max() + 2
                                                   if changed.any() else 1)
    _write(ctx, rows, probs)
    return metrics


def run_transcripts(cfg: TttTranscripts, ctx: RunContext) -> dict[str, float]:
    """H2 (paper profile): a causal transformer per source player, trained by next-token
    prediction on its games, prompted with the four move orders reaching the talk board."""
    from strategic.tictactoe import transformer as T

    pos, rng = positions(), np.random.default_rng(ctx.seed)
    players = {"random": P.random_policy, "block": P.block_first_policy, "minimax": P.minimax_policy}
    metrics, probs = {}, []
    for src in cfg.sources:
        tokens = T.transcripts(pos, players[src](pos), cfg.n_games, rng)
        net = T.CausalTransformer(cfg.d_model, cfg.layers, cfg.heads, ctx.seed)
        losses = T.fit_next_token(net, tokens, cfg.steps, cfg.batch_size, cfg.lr, ctx,
                                  f"gpt_{src}", asdict(cfg))
        p = T.talk_probabilities(net.cpu())                               # [4 prompts, 9]
        mean, picks = p.mean(0), p.argmax(1)
        probs += [{"regime": f"gpt_{src}", "cell": c, "p": float(mean[c])} for c in range(9)]
        metrics.update({f"gpt_{src}_talk_argmax": float(mean.argmax()),
                        f"gpt_{src}_talk_p1": float(mean[1]), f"gpt_{src}_talk_p5": float(mean[5]),
                        f"gpt_{src}_prompts_picking_1": float((picks == 1).sum()),
                        f"gpt_{src}_prompts_picking_5": float((picks == 5).sum()),
                        f"gpt_{src}_transcripts_reaching_talk": float(T.reaches_talk_board(tokens).sum()),
                        f"gpt_{src}_final_loss": float(np.mean(losses[-10:]))})
    pd.DataFrame(probs).to_csv(ctx.out / "talk_probs.csv", index=False)
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
    rows.append({"regime": name, "source": "model", **r, **games})
    probs += [{"regime": name, "cell": c, "p": float(p[c])} for c in range(9)]
    return {f"{name}_opt_rate": r["opt_rate"], f"{name}_value_rate": r["value_rate"],
            f"{name}_talk_argmax": float(pick), f"{name}_talk_p1": float(p[1]),
            f"{name}_talk_p5": float(p[5]), f"{name}_talk_wins": float(pick == 1),
            f"{name}_talk_blocks": float(pick == 5),
            f"{name}_losses_vs_minimax": float(games["losses"]),
            f"{name}_draws_vs_minimax": float(games["draws"])}


def _data_metrics(name: str, pos: Positions, policy: np.ndarray, visits: np.ndarray,
                  rows: list) -> dict[str, float]:
    """The data policy's own rates: of a sampled move, and of its most likely move(s)."""
    r = P.rates(pos, policy)
    top = policy >= policy.max(1, keepdims=True) - 1e-12
    mode = P.rates(pos, P.uniform_over(top & pos.legal))
    rows.append({"regime": name, "source": "data", **r, "mode_opt_rate": mode["opt_rate"]})
    return {f"data_{name}_opt_rate": r["opt_rate"], f"data_{name}_value_rate": r["value_rate"],
            f"data_{name}_mode_opt_rate": mode["opt_rate"],
            f"data_{name}_positions": float((visits[pos.nonterminal] > 0).sum()),
            f"data_{name}_talk_visits": float(visits[talk_index(pos)])}


def _solver_metrics(pos: Positions, ctx: RunContext) -> dict[str, float]:
    """H1: the solver's values on the talk board and the number of positions; tables for H1."""
    t = talk_index(pos)
    cells = np.flatnonzero(pos.legal[t])
    wdl, plies = pos.move_wdl[t, cells], pos.move_plies[t, cells]
    pd.DataFrame({"cell": cells, "wdl": wdl, "plies": plies, "score": solver.score((wdl, plies))}) \
        .to_csv(ctx.out / "solver_talk.csv", index=False)
    nt = pos.nonterminal
    best = np.where(pos.legal[nt], pos.move_wdl[nt], -2).max(1)  # the mover's game value
    marks = (pos.boards[nt] != 0).sum(1)
    pd.DataFrame({"marks": marks, "value": best}).value_counts().rename("positions") \
        .reset_index().sort_values(["marks", "value"]).to_csv(ctx.out / "positions.csv", index=False)
    wins = set(cells[wdl == 1].tolist())
    fastest = set(np.flatnonzero(pos.optimal[t]).tolist())
    return {"solver_n_positions": float(len(pos.boards)), "solver_n_nonterminal": float(len(nt)),
            "solver_talk_fastest_is_top_middle": float(fastest == {1}),
            "solver_talk_cell1_plies": float(pos.move_plies[t, 1]),
            "solver_talk_cell5_plies": float(pos.move_plies[t, 5]),
            "solver_talk_winning_set_ok": float(wins == {1, 5}),
            "solver_root_wdl": float(best[0])}


def _write(ctx: RunContext, rows: list, probs: list) -> None:
    pd.DataFrame(rows).to_csv(ctx.out / "rates.csv", index=False)
    pd.DataFrame(probs).to_csv(ctx.out / "talk_probs.csv", index=False)
