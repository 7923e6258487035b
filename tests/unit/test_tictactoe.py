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


def test_selfplay_sees_only_the_rules():
    """The self-play learner gets the move table, legality and the end-of-game facts only."""
    from dataclasses import fields

    from strategic.tictactoe.selfplay import Rules
    assert [f.name for f in fields(Rules)] == ["child", "legal", "terminal", "winner"]


def test_selfplay_games_are_complete_and_targets_are_td0(pos):
    """Every game starts at the empty board and its moves are legal; a move that ends the game
    is worth 1 (win) or 0 (draw), any other -gamma x the opponent's best score after it."""
    from strategic.tictactoe import selfplay as S
    rules, rng = S.Rules.of(pos), np.random.default_rng(0)
    const = lambda rows: np.where(pos.legal[rows], 0.5, -1e9)  # noqa: E731
    s, a = S.play(rules, const, 64, 1.0, rng)
    assert (s == 0).sum() == 64 and pos.legal[s, a].all()
    assert pos.terminal[pos.child[s, a]].sum() == 64  # each game ends exactly once
    s2, a2, y = S.td_targets(rules, s, a, const, 0.9)
    assert len(np.unique(s2 * 9 + a2)) == len(s2) <= len(s)
    after = pos.child[s2, a2]
    win, draw = pos.winner[after] != 0, pos.terminal[after] & (pos.winner[after] == 0)
    assert (y[win] == 1).all() and (y[draw] == 0).all() and win.any() and draw.any()
    assert np.allclose(y[~pos.terminal[after]], -0.45)
    assert S.epsilon_at(0, 10, 1.0, 0.2) == 1.0 and S.epsilon_at(9, 10, 1.0, 0.2) == pytest.approx(0.2)


@pytest.fixture
def ctx(tmp_path):
    from strategic.contracts import RunContext
    from strategic.tracking import start_run
    with start_run(f"sqlite:///{tmp_path / 'mlflow.db'}", "ttt", {}, "r") as run:
        yield RunContext(0, tmp_path / "run", run, "cpu", "test.selfplay")


def test_selfplay_with_too_few_games_fails_the_bar(pos, ctx):
    """A real self-play fit (the module through `train.fit`) of 10 steps x 8 games keeps the
    minimax value in far fewer than 99 % of positions: H2's self-play check then FAILs."""
    import pandas as pd
    import torch

    from strategic import train
    from strategic.tictactoe import evaluate as E
    from strategic.tictactoe.claims import check
    from strategic.tictactoe.module import MLP, SelfPlay
    from strategic.tictactoe.selfplay import Rules
    ctx.out.mkdir()
    net = MLP(16, 0)
    mod = SelfPlay(net, Rules.of(pos), torch.as_tensor(features(pos)), 8, 10, 0.5, 0.5, 0.9,
                   3e-3, 3e-4, 0, lambda sc: E.value_rate_of(pos, sc), 5)
    train.fit(mod, ctx, steps=10, tag="selfplay")
    assert [g for g, _ in mod.curve] == [40, 80]  # games played when scored
    _, greedy = E.greedy_of(net, pos, torch.as_tensor(features(pos)))
    rate = P.rates(pos, greedy)["value_rate"]
    assert rate == pytest.approx(mod.curve[-1][1]) and rate < 0.9
    k = check("selfplay_value_rate")
    runs = pd.DataFrame({"variant": ["selfplay"], k.column: [rate]})
    assert k.evaluate(runs)["passed"] is False


def test_selfplay_checkpoint_extras_load_weights_only(pos, tmp_path):
    """The games' generator and the curve survive a checkpoint read with weights_only=True:
    a resumed fit plays the same games."""
    import torch

    from strategic.tictactoe.module import MLP, SelfPlay
    from strategic.tictactoe.selfplay import Rules
    make = lambda: SelfPlay(MLP(8, 0), Rules.of(pos), torch.as_tensor(features(pos)), 4, 10,  # noqa: E731
                            0.5, 0.5, 0.9, 1e-3, 1e-4, 7)
    a, b = make(), make()
    a.rng.random(5)
    a.curve = [(4, 0.5)]
    ck = {}
    a.on_save_checkpoint(ck)
    torch.save(ck, tmp_path / "c.pt")
    b.on_load_checkpoint(torch.load(tmp_path / "c.pt", weights_only=True))
    assert b.curve == [(4, 0.5)] and b.rng.random() == a.rng.random()


# ------------------------------------------------------------------------------ held-out split
def test_symmetries_are_the_squares_group():
    """8 distinct cell permutations, closed under composition, each mapping lines to lines."""
    from strategic.tictactoe.positions import symmetries
    g = symmetries()
    perms = {tuple(p) for p in g}
    assert len(perms) == 8 and tuple(range(9)) in perms
    assert all(tuple(p[q]) in perms for p in g for q in g)
    lines = {frozenset(line) for line in B.LINES}
    assert all({frozenset(p[list(line)]) for line in lines} == lines for p in g)


def test_talk_orbit_is_8_boards_each_won_at_the_image_of_top_middle(pos):
    from strategic.tictactoe.positions import orbit, symmetries
    t = talk_index(pos)
    images = orbit(pos, t)
    assert len(images) == 8 and t in images
    wins = {int(np.flatnonzero(pos.optimal[i])[0]) for i in images if pos.optimal[i].sum() == 1}
    assert len(wins) == 4 or len(wins) == 8  # the image of cell 1 (an edge) under each symmetry
    assert wins <= {int(g[1]) for g in symmetries()}


def test_held_out_split_is_the_orbit_plus_20_percent(pos):
    from strategic.tictactoe.claims import N_HELD_OUT
    from strategic.tictactoe.positions import held_out, orbit
    a = held_out(pos, 0.2, np.random.default_rng(0))
    assert a.sum() == N_HELD_OUT == 8 + round(0.2 * 4512) and not a[pos.terminal].any()
    assert a[orbit(pos, talk_index(pos))].all()
    assert np.array_equal(a, held_out(pos, 0.2, np.random.default_rng(0)))  # seeded
    assert not np.array_equal(a, held_out(pos, 0.2, np.random.default_rng(1)))


class _Table:
    """A stand-in network whose scores are a fixed table (its argmax is the chosen cell)."""

    def __init__(self, scores):
        import torch
        self.scores = torch.as_tensor(scores, dtype=torch.float32)

    def __call__(self, x, legal):
        return self.scores.masked_fill(~legal, -1e9)


def test_held_out_check_refuses_a_model_trained_on_the_talk_board(pos):
    """The held-out check reads the rows the model trained on: if any image of the talk board
    is among them, its pick is NaN and H2's (iii b) check FAILs, even for a winning pick."""
    import pandas as pd
    import torch

    from strategic.tictactoe import evaluate as E
    from strategic.tictactoe.claims import check
    from strategic.tictactoe.module import MLP, MoveClassifier
    from strategic.tictactoe.positions import held_out
    x = torch.as_tensor(features(pos))
    perfect = _Table(pos.optimal.astype(float))  # picks top-middle on the talk board
    held = held_out(pos, 0.2, np.random.default_rng(0))
    k = check("heldout_talk_wins")
    for weight, refused in ((~pos.terminal & ~held, False), (~pos.terminal, True)):
        mod = MoveClassifier(MLP(8, 0), x, torch.as_tensor(pos.legal), torch.zeros(pos.legal.shape),
                             torch.as_tensor(weight, dtype=torch.float32), 1e-3)
        m = E.held_out_talk("heldout", perfect, pos, x, mod.rows)
        assert (m["heldout_talk_images_seen"] > 0) == refused
        assert np.isnan(m["heldout_talk_wins"]) == refused
        runs = pd.DataFrame({"variant": ["supervised"], k.column: [m["heldout_talk_wins"]]})
        assert k.evaluate(runs)["passed"] is not refused


def test_seen_gap_measures_and_can_fail(pos):
    """seen_split: optimal where the data went and wrong elsewhere gives a large gap (PASS);
    a model optimal everywhere has gap 0 (FAIL: (ii) is a measurement, not a certainty)."""
    import pandas as pd
    import torch

    from strategic.tictactoe import evaluate as E
    from strategic.tictactoe.claims import check
    x = torch.as_tensor(features(pos))
    seen = np.zeros(len(pos.boards), dtype=bool)
    seen[pos.nonterminal[::2]] = True
    worst = np.where(pos.optimal, 0.0, 1.0)  # a non-optimal move wherever there is one
    mixed = np.where(seen[:, None], pos.optimal.astype(float), worst)
    k = check("minimax_seen_gap")
    for table, passes in ((mixed, True), (pos.optimal.astype(float), False)):
        m = E.seen_split("minimax", _Table(table), pos, x, seen, [])
        assert m["minimax_seen_opt_rate"] == 1.0 and m["minimax_unseen_positions"] == 2260
        runs = pd.DataFrame({"variant": ["supervised"], k.column: [m["minimax_seen_gap"]]})
        assert k.evaluate(runs)["passed"] is passes


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
    ("H1", "solver_n_nonterminal", "only", "==", 4520.0),
    ("H1", "solver_talk_fastest_is_top_middle", "only", "==", 1.0),
    ("H1", "solver_talk_winning_set_ok", "only", "==", 1.0),
    ("H2", "block_talk_blocks", "min", "==", 1.0),
    ("H2", "block_opt_excess", "max", "<=", 0.05),
    ("H2", "minimax_seen_gap", "min", ">=", 10.0),
    ("H2", "selfplay_value_rate", "min", ">=", 0.99),
    ("H2", "selfplay_talk_wins", "min", "==", 1.0),
    ("H2", "selfplay_losses_vs_minimax", "max", "==", 0.0),
    ("H2", "heldout_talk_wins", "min", "==", 1.0),
    ("H2", "heldout_talk_images_seen", "max", "==", 0.0),
    ("H2", "heldout_unseen_positions", "max", "==", 910.0),
]


@pytest.mark.parametrize("cid,column,reduce,op,thr", PINNED, ids=[p[1] for p in PINNED])
def test_thresholds_pinned_to_claims_md(cid, column, reduce, op, thr):
    (claim,) = [c for c in CATALOG if c.id == cid]
    (check,) = [k for k in claim.checks if k.column == column]
    assert (check.reduce, check.op, check.threshold) == (reduce, op, thr)


def test_kinds_solver_facts_certify_networks_measure():
    """H1's solver checks are certificates; every H2 check on a trained network is a
    measurement (only the held-out split's bookkeeping is certified); the gap is in points."""
    (h1, h2) = CATALOG
    assert {k.kind for k in h1.checks} == {"certificate"}
    cert = {k.column for k in h2.checks if k.kind == "certificate"}
    assert cert == {"heldout_talk_images_seen", "heldout_unseen_positions"}
    assert [k.scale for k in h2.checks if k.column == "minimax_seen_gap"] == [100.0]


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


def test_the_solver_runs_once():
    """H1 is deterministic: the solver variant refuses a second seed (not a replicate), and
    its checks read the one run."""
    from strategic.config import ConfigError, validate
    with pytest.raises(ConfigError, match="tictactoe.solver.seeds: deterministic"):
        validate({"tictactoe": {"solver": {"seeds": [0, 1]}}})
    h1 = next(c for c in CATALOG if c.id == "H1")
    assert {(k.variant, k.reduce) for k in h1.checks} == {("solver", "only")}
