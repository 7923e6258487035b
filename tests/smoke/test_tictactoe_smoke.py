"""Both variants of the tictactoe study run in a tiny configuration through the real CLI (real
MLflow SQLite store), and the aggregate -> figure -> check chain gives H1 and H2 verdicts."""

import json
import math

import pytest

from strategic import cli
from strategic.config import STUDIES
from strategic.tictactoe.claims import check

from smoke_config import smoke_slices

TINY = smoke_slices("tictactoe")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_study):
    """Run every variant once (in-process: one import of torch/Lightning/MLflow for all)."""
    tmp = tmp_path_factory.mktemp("ttt")
    run_study("tictactoe", TINY, tmp)
    return tmp


def test_every_variant_is_covered():
    assert set(TINY) == set(STUDIES["tictactoe"])


@pytest.mark.parametrize("variant", list(TINY))
def test_variant_writes_finite_metrics_and_tables(runs, variant):
    man = json.loads((runs / variant / "runs.json").read_text())
    assert [r["seed"] for r in man["runs"]] == TINY[variant]["seeds"]
    for r in man["runs"]:
        rec = json.loads((runs / variant / r["metrics"]).read_text())
        assert rec["metrics"] and all(math.isfinite(v) for v in rec["metrics"].values())
        tables = {"solver": ("solver_talk", "positions"), "transcripts": ("talk_probs",), "selfplay": ("rates", "talk_probs", "selfplay_curve"),
                  "supervised": ("rates", "talk_probs", "seen")}[variant]
        for table in tables:
            assert (runs / variant / r["metrics"]).with_name(f"{table}.csv").is_file()


def test_exact_parts_hold_at_any_size(runs):
    """The solver facts and the data policies' rates do not depend on training."""
    sol = json.loads((runs / "solver" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert sol["solver_n_nonterminal"] == 4520 and sol["solver_talk_winning_set_ok"] == 1
    assert sol["solver_talk_cell1_plies"] == 1 and sol["solver_talk_cell5_plies"] == 3
    m = json.loads((runs / "supervised" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert m["data_random_opt_rate"] < m["data_mix_opt_rate"] < m["data_block_opt_rate"]
    assert m["data_block_talk_visits"] == 0  # block-first o never lets x reach the talk board
    for regime in ("random", "block", "mix", "minimax", "heldout"):
        assert m[f"{regime}_losses_vs_minimax"] + m[f"{regime}_draws_vs_minimax"] == 40
    assert m["data_minimax_talk_visits"] == 0 and m["heldout_talk_images_seen"] == 0
    assert m["heldout_unseen_positions"] == 910  # the talk board's 8 images + 20 % of 4512
    t = json.loads((runs / "transcripts" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert t["gpt_minimax_transcripts_reaching_talk"] == 0 == t["gpt_block_transcripts_reaching_talk"]
    assert t["gpt_minimax_prompts_picking_1"] + t["gpt_minimax_prompts_picking_5"] <= 4


def test_aggregate_figures_and_claims(runs, tmp_path):
    tables = tmp_path / "tables"
    man = [str(runs / v / "runs.json") for v in TINY]
    assert cli.main(["aggregate", "--runs", *man, "--out", str(tables)]) == 0
    for fig in ("H1", "H2"):  # H2 also draws the transformers' heat maps
        png = tmp_path / f"{fig}.png"
        assert cli.main(["plot", fig, "--tables", str(tables), "--out", str(png)]) == 0
        assert png.stat().st_size > 10_000
    out = tmp_path / "claims.json"
    assert cli.main(["check", "tictactoe", "--tables", str(tables), "--out", str(out)]) == 0
    claims = json.loads(out.read_text())["claims"]
    verdicts = {c["id"]: c["verdict"] for c in claims}
    assert verdicts["H1"] == "PASS" and verdicts["H2"] in ("PASS", "FAIL")
    # 20 steps x 16 self-play games are far too few: the >= 99 % measurement must fail
    rows = {k["metric"]: k for c in claims for k in c["checks"]}
    bar = rows[check("selfplay_value_rate").metric]
    assert bar["kind"] == "measurement" and bar["value"] < 0.99 and bar["passed"] is False


def test_bad_config_is_one_line(tmp_path, capsys):
    rc = cli.main(["run", "tictactoe", "--variant", "supervised", "--cfg", '{"mix_weight": 2}',
                   "--out", str(tmp_path / "x"), "--results", str(tmp_path)])
    assert rc == 2 and capsys.readouterr().err.strip() == \
        "error: tictactoe.supervised.mix_weight: must be <= 1, got 2.0"
    assert not (tmp_path / "x").exists()


def test_a_fresh_run_clears_tables_an_older_job_left(tmp_path):
    """The aggregate reads every CSV of a run folder, so a new (not resumed) run removes the
    tables and metrics an older job wrote there: a table the code no longer writes is gone."""
    out = tmp_path / "solver"
    seed = out / "seed=0"
    seed.mkdir(parents=True)
    (seed / "stale_table.csv").write_text("a\n1\n")
    (seed / "metrics.json").write_text("{}")
    rc = cli.main(["run", "tictactoe", "--variant", "solver", "--out", str(out),
                   "--results", str(tmp_path), "--profile", "smoke"])
    assert rc == 0
    assert not (seed / "stale_table.csv").exists()
    assert {p.name for p in seed.glob("*.csv")} == {"solver_talk.csv", "positions.csv"}
    assert json.loads((seed / "metrics.json").read_text())["metrics"]["solver_n_nonterminal"] == 4520
