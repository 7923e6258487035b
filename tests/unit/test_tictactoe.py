"""The tic-tac-toe study's mathematics: board rules, the exact solver, the position tables,
the data policies, vectorised play, self-play targets, and the H1/H2 catalog."""

import itertools

import numpy as np
import pytest

from strategic import registry
from strategic.report import claims as R
from strategic.tictactoe import board as B
from strategic.tictactoe import policies as P
from strategic.tictactoe import solver
from strategic.tictactoe.positions import features, positions, talk_index


@pytest.fixture(scope="module")
def pos():
    return positions()


# ------------------------------------------------------------------------------ board, solver
def test_reachable_counts():
    """5478 reachable positions, of which 4520 are non-terminal (958 finished games)."""
    boards = solver.reachable()
    assert len(boards) == 5478 == len(set(boards))
    assert sum(not B.is_terminal(b) for b in boards) == 4520


def test_parse_accepts_exactly_the_reachable_boards():
    """Every one of the 3^9 strings parses iff its board is reachable in play."""
    reachable = set(solver.reachable())
    accepted = set()
    for cells in itertools.product(".xo", repeat=9):
        try:
            accepted.add(B.parse("".join(cells)))
        except B.BoardError:
            pass
    assert accepted == reachable


@pytest.mark.parametrize("text, message", [
    ("x.xoo...", "9 cells"), ("x.xoo....o", "9 cells"), ("x.xo0....", "only contain"),
    ("xxx......", "#x - #o"), ("oo.......", "#x - #o"), ("xxxoo.o..", "earlier win"),
    ("xxxooo...", "earlier win"),
])
def test_parse_rejects_bad_boards(text, message):
    with pytest.raises(B.BoardError, match=message):
        B.parse(text)


def test_talk_board_values():
    """H1: top-middle wins in 1, middle-right (the block) wins in 3, the bottom row loses."""
    b = B.parse(B.TALK_BOARD)
    assert B.mover(b) == 1
    assert solver.move_values(b) == {1: (1, 1), 5: (1, 3), 6: (-1, 2), 7: (-1, 2), 8: (-1, 2)}
    assert solver.optimal_moves(b) == [1]
    assert solver.value_preserving_moves(b) == [1, 5]


def test_solver_known_values():
    """Textbook facts: the empty board is a draw; against a centre opening only corners
    hold the draw; a lost position is lost more slowly by blocking; forks win in 3."""
    assert solver.best_value(B.EMPTY) == (0, 9)
    centre = solver.move_values(B.parse("....x...."))
    assert {c for c, (w, _) in centre.items() if w == 0} == {0, 2, 6, 8}
    assert all(w == -1 for c, (w, _) in centre.items() if c in (1, 3, 5, 7))
    lost = B.parse("xx.o.....")  # o to move: blocking at 2 only delays x's fork
    assert solver.value_preserving_moves(lost) == [2, 4, 5, 6, 7, 8]
    assert solver.optimal_moves(lost) == [2] and solver.move_values(lost)[2] == (-1, 4)
    assert solver.optimal_moves(B.parse("xo..x...o")) == [3, 6]  # forks: win in 3
    assert solver.best_value(B.parse("xo..x...o")) == (1, 3)


def test_score_orders_depth():
    assert solver.score((1, 1)) > solver.score((1, 3)) > solver.score((0, 9)) \
        > solver.score((-1, 4)) > solver.score((-1, 2))


# ------------------------------------------------------------------------------ position tables
def test_tables_consistent(pos):
    """child = parent + the mover's mark; optimal ⊆ value-preserving ⊆ legal, never empty."""
    s, a = np.nonzero(pos.legal)
    diff = pos.boards[pos.child[s, a]].astype(int) - pos.boards[s].astype(int)
    assert (diff[np.arange(len(s)), a] == pos.mover[s]).all()
    assert (np.abs(diff).sum(1) == pos.mover[s]).all()
    nt = pos.nonterminal
    assert (pos.optimal <= pos.preserving).all() and (pos.preserving <= pos.legal).all()
    assert pos.optimal[nt].any(1).all() and not pos.legal[pos.terminal].any()


def test_features_from_movers_view(pos):
    x = features(pos)
    assert x.shape == (len(pos.boards), 27) and (x.reshape(-1, 3, 9).sum(1) == 1).all()
    t = talk_index(pos)  # x to move: x's marks are "mine"
    assert x[t, 9:18].nonzero()[0].tolist() == [0, 2] and x[t, 18:].nonzero()[0].tolist() == [3, 4]


# ------------------------------------------------------------------------------ policies, play
def test_block_first_on_the_talk_board(pos):
    """Block-first answers the talk board by blocking at middle-right, with certainty."""
    t = talk_index(pos)
    assert P.block_first_policy(pos)[t].tolist() == [0, 0, 0, 0, 0, 1, 0, 0, 0]
    r = P.random_policy(pos)[t]
    assert np.allclose(r[[1, 5, 6, 7, 8]], 0.2) and r.sum() == pytest.approx(1)


def test_block_first_completes_own_line_without_threat(pos):
    b = B.parse("xx..o...o")  # x to move, o has no two-in-a-row: x completes 0-1-2
    assert B.mover(b) == 1 and B.threats(b, 2) == []
    assert P.block_first_policy(pos)[pos.index[b]].tolist() == [0, 0, 1, 0, 0, 0, 0, 0, 0]


def test_minimax_never_loses_random_never_wins(pos):
    rng = np.random.default_rng(0)
    mm = P.minimax_policy(pos)
    assert P.results_vs(pos, mm, mm, 400, rng) == {"wins": 0, "draws": 400, "losses": 0}
    res = P.results_vs(pos, P.random_policy(pos), mm, 400, rng)
    assert res["wins"] == 0 and res["losses"] > 300


def test_logged_counts_are_the_moves_played(pos):
    rng = np.random.default_rng(1)
    counts = np.zeros(pos.legal.shape)
    final = P.play_games(pos, P.random_policy(pos), P.random_policy(pos), 500, rng, counts)
    assert pos.terminal[final].all() and counts[~pos.legal].sum() == 0
    assert counts.sum() == (pos.boards[final] != 0).sum()  # one logged move per mark
    assert counts[0].sum() == 500


def test_rollouts_of_optimal_play_reproduce_the_solver(pos):
    """From every (position, move), optimal play scores exactly the solver's value."""
    moves = np.where(pos.optimal, 1.0, -1.0).argmax(1)
    got = P.rollout_scores(pos, moves)
    want = np.where(pos.legal, pos.move_wdl * (10 - pos.move_plies), -np.inf)
    assert np.array_equal(got, want)


def test_rates_of_known_policies(pos):
    assert P.rates(pos, P.minimax_policy(pos))["value_rate"] == pytest.approx(1.0)
    opt = P.uniform_over(pos.optimal)
    assert P.rates(pos, opt) == {"opt_rate": pytest.approx(1.0), "value_rate": pytest.approx(1.0)}
    rnd = P.rates(pos, P.random_policy(pos))
    assert 0.3 < rnd["opt_rate"] < rnd["value_rate"] < 0.8


def test_greedy_picks_best_legal(pos):
    scores = np.tile(np.arange(9.0)[::-1], (len(pos.boards), 1))  # prefers low cells
    g = P.greedy(scores, pos.legal)
    t = talk_index(pos)
    assert g[t].argmax() == 1 and g[pos.terminal].sum() == 0 and (g.sum(1)[pos.nonterminal] == 1).all()


# ------------------------------------------------------------------------------ network
def test_mlp_masks_illegal_moves(pos):
    import torch

    from strategic.tictactoe.module import MLP
    net = MLP(16, 0)
    x, legal = torch.as_tensor(features(pos)), torch.as_tensor(pos.legal)
    with torch.no_grad():
        p = torch.softmax(net(x, legal)[pos.nonterminal], 1)
        assert float(p[~legal[pos.nonterminal]].max()) == 0.0
        assert torch.equal(MLP(16, 0)(x, legal), net(x, legal))  # the seed fixes the init


def test_selfplay_targets_take_immediate_wins(pos):
    """Round 0 of self-play (untrained net): where a move wins at once, the targets are
    exactly the immediate wins (score 9 beats any other outcome), as the solver says."""
    import torch

    from strategic.tictactoe.module import MLP, SelfPlay
    mod = SelfPlay(MLP(8, 0), pos, torch.as_tensor(features(pos)), 10, 1e-3)
    mod._new_targets()
    nt = pos.nonterminal
    win1 = (pos.move_wdl[nt] == 1) & (pos.move_plies[nt] == 1)
    rows = win1.any(1)
    assert rows.sum() > 1000
    assert np.array_equal(mod.target.numpy()[rows] > 0, win1[rows])
    assert np.allclose(mod.target.numpy().sum(1), 1)


# ------------------------------------------------------------------------------ catalog
CATALOG = R.catalog("tictactoe")


def test_catalog_ids_figures_variants():
    assert [c.id for c in CATALOG] == ["H1", "H2"]
    assert {c.figure for c in CATALOG} == set(registry.study("tictactoe").figures)
    for c in CATALOG:
        for k in c.checks:
            assert k.variant in registry.study("tictactoe").variants and k.op in R.OPS
            assert isinstance(k.threshold, float)


PINNED = [  # CLAIMS.md's numbers
    ("H1", "solver_n_nonterminal", "max", "==", 4520.0),
    ("H1", "solver_talk_fastest_is_top_middle", "min", "==", 1.0),
    ("H1", "solver_talk_winning_set_ok", "min", "==", 1.0),
    ("H2", "block_talk_blocks", "min", "==", 1.0),
    ("H2", "block_opt_excess", "max", "<=", 0.05),
    ("H2", "minimax_value_rate", "min", ">=", 0.99),
    ("H2", "selfplay_value_rate", "min", ">=", 0.99),
    ("H2", "minimax_talk_wins", "min", "==", 1.0),
    ("H2", "selfplay_talk_wins", "min", "==", 1.0),
    ("H2", "minimax_losses_vs_minimax", "max", "==", 0.0),
    ("H2", "selfplay_losses_vs_minimax", "max", "==", 0.0),
]


@pytest.mark.parametrize("cid,column,reduce,op,thr", PINNED, ids=[p[1] for p in PINNED])
def test_thresholds_pinned_to_claims_md(cid, column, reduce, op, thr):
    (claim,) = [c for c in CATALOG if c.id == cid]
    (check,) = [k for k in claim.checks if k.column == column]
    assert (check.reduce, check.op, check.threshold) == (reduce, op, thr)


# ------------------------------------------------------------------------------ transformer
def test_transcripts_are_legal_games(pos):
    from strategic.tictactoe import transformer as T
    tok = T.transcripts(pos, P.random_policy(pos), 300, np.random.default_rng(0)).numpy()
    assert tok.shape == (300, 10) and (tok[:, 0] == T.BOS).all()
    for g in tok[:50]:
        moves = [int(m) for m in g[1:] if m != T.PAD]
        assert len(set(moves)) == len(moves) and (g[1 + len(moves):] == T.PAD).all()
        b = B.EMPTY
        for m in moves:
            assert not B.is_terminal(b)
            b = B.play(b, m)
        assert B.is_terminal(b)


def test_talk_prompts_reach_the_talk_board():
    import torch

    from strategic.tictactoe import transformer as T
    prompts = torch.tensor([p + [T.PAD] * 5 for p in T.TALK_PROMPTS])
    assert len(T.TALK_PROMPTS) == 4 and T.reaches_talk_board(prompts).all()
    for p in T.TALK_PROMPTS:
        b = B.EMPTY
        for m in p[1:]:
            b = B.play(b, m)
        assert b == B.parse(B.TALK_BOARD)
    other = torch.tensor([[T.BOS, 0, 4, 2, 3] + [T.PAD] * 5])  # o's marks swapped with x's order
    assert T.reaches_talk_board(other).all()
    assert not T.reaches_talk_board(torch.tensor([[T.BOS, 0, 3, 4, 2] + [T.PAD] * 5])).any()


def test_transformer_is_causal_and_masks_played_cells():
    import torch

    from strategic.tictactoe import transformer as T
    net = T.CausalTransformer(16, 2, 2, 0)
    a = torch.tensor([[T.BOS, 0, 3, 2, 4, 1]])
    b = torch.tensor([[T.BOS, 0, 3, 2, 4, 8]])  # differs only in the last token
    with torch.no_grad():
        la, lb = net(a), net(b)
    assert torch.allclose(la[:, :5], lb[:, :5], atol=1e-6)  # no position sees the future
    assert (la[0, 4, [0, 2, 3, 4]] < -1e8).all() and (la[0, 4, [1, 5, 6, 7, 8]] > -1e8).all()
