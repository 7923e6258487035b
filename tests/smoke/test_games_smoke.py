"""Each variant of the games study runs in a tiny configuration through the real CLI, with a
real MLflow SQLite store, and writes its metrics, tables and manifest."""

import json
import math

import pytest

from strategic import cli
from strategic.config import STUDIES

from smoke_config import smoke_slices

TINY = smoke_slices("games")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_study):
    """Run every variant once (in-process: one import of torch/Lightning/MLflow for all)."""
    tmp = tmp_path_factory.mktemp("smoke")
    return tmp, run_study("games", TINY, tmp)


def test_every_variant_is_covered():
    assert set(TINY) == set(STUDIES["games"])


@pytest.mark.parametrize("variant", list(TINY))
def test_variant_writes_finite_metrics_per_seed(runs, variant):
    tmp, manifests = runs
    man = manifests[variant]
    seeds = TINY[variant]["seeds"]
    assert man["seeds"] == seeds and [r["seed"] for r in man["runs"]] == seeds
    for r in man["runs"]:
        rec = json.loads((tmp / variant / r["metrics"]).read_text())
        assert rec["run_id"] == r["run_id"] and rec["study"] == "games"
        assert rec["metrics"] and all(math.isfinite(v) for v in rec["metrics"].values())


def test_mlflow_has_one_tagged_run_per_seed(runs):
    from mlflow.tracking import MlflowClient

    tmp, manifests = runs
    client = MlflowClient(f"sqlite:///{tmp / 'mlflow.db'}")
    exp = client.get_experiment_by_name("strategic-games")
    found = client.search_runs([exp.experiment_id])
    expected = {r["run_id"] for m in manifests.values() for r in m["runs"]}
    assert {r.info.run_id for r in found} == expected
    for r in found:
        assert {"study", "variant", "seed", "git_sha"} <= set(r.data.tags)
        assert r.info.status == "FINISHED" and r.data.metrics


def test_gd_histories_reach_mlflow(runs):
    """The training-step histories reach the seed's MLflow run."""
    from mlflow.tracking import MlflowClient

    tmp, manifests = runs
    client = MlflowClient(f"sqlite:///{tmp / 'mlflow.db'}")
    run_id = manifests["gd"]["runs"][0]["run_id"]
    hist = client.get_metric_history(run_id, "train/max_grad_norm")
    assert len(hist) == TINY["gd"]["steps"] // TINY["gd"]["block"]  # one point per block


def test_smoke_numbers_already_show_the_claims(runs):
    """Even at smoke size the exact growth factors hold and GD ends at minima."""
    tmp, manifests = runs
    bil = json.loads((tmp / "bilinear" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert bil["gda_max_step_factor_err"] <= 1e-8 and bil["eg_max_step_factor_err"] <= 1e-8
    gd = json.loads((tmp / "gd" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert gd["gd_max_grad_norm"] <= 1e-8 and gd["gd_frac_pos_curvature"] == 1.0
    cyc = json.loads((tmp / "cycles" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert cyc["c3_xy_returned"] == 1.0 and cyc["a3_control_eg_max_res"] < cyc["a3_f1_eg_min_field"]
    loc = json.loads((tmp / "local" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert loc["d2_telescope_err"] <= 1e-10 and loc["c1_dist_n_mismatch"] == 0.0


def test_finite_claims_hold_at_smoke_size(runs):
    """B3, B4, D3 are exact: at smoke size every count is odd, the gaps are 2, DO closes."""
    tmp, _ = runs
    ex = json.loads((tmp / "existence" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert ex["b3_n_even_counts"] == 0 and ex["b3_min_equilibria"] >= 1
    nc = json.loads((tmp / "noncompact" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert ex["b4_cce_gap_max_err"] <= 1e-12 and nc["b4_fp_min_support_growth"] >= 1
    for seed in (0, 1):
        do = json.loads((tmp / "oracle" / f"seed={seed}" / "metrics.json").read_text())["metrics"]
        assert do["d3_distance_best_gap"] <= 1e-6 and do["d3_hist_distance_slope"] <= -0.3
    dn = json.loads((tmp / "oracle_n" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert dn["d3_larger_gap_max_err"] <= 1e-12 and dn["d3_hist_larger_gap_max_err"] <= 1e-12
    assert dn["d3_td_larger_min_increase"] == 1 and dn["d3_td_matching_max"] == 1


def test_smoke_numbers_show_c2_and_d1(runs):
    """Sperner: every N = 4 colouring solved, unique snake solutions, certified answers;
    STON'R reaches (0, 0) within 10 eps and stops at the corner of [-1, 1]^2."""
    tmp, _ = runs
    sp = json.loads((tmp / "sperner" / "seed=1" / "metrics.json").read_text())["metrics"]
    se = json.loads((tmp / "sperner_exact" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert se["c2_exhaustive_colourings"] == 65536 and se["c2_exhaustive_without_solution"] == 0
    assert sp["c2_snake_min_solutions"] == sp["c2_snake_max_solutions"] == 1
    assert sp["c2_n_uncertified"] == 0 and se["c2_winding_n_uncertified"] == 0
    st = json.loads((tmp / "stonr" / "seed=0" / "metrics.json").read_text())["metrics"]
    assert st["stonr_converged"] == 1 and st["stonr_norm_over_eps"] <= 10
    assert st["stonr_reg_dist_to_corner"] == 0 and st["gda_jac0_eig_re_min"] == 4


def test_bad_stonr_config_is_one_line(tmp_path, capsys):
    rc = cli.main(["run", "games", "--variant", "stonr", "--cfg", '{"eps": 0.5}', "--out",
                   str(tmp_path / "x"), "--results", str(tmp_path)])
    assert rc == 2 and capsys.readouterr().err.strip() == "error: games.stonr.eps: must be <= 0.1, got 0.5"


def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys):
    rc = cli.main(["run", "games", "--variant", "gd", "--cfg", '{"lr": -1}', "--out", str(tmp_path / "x"),
                   "--results", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert rc == 2 and err == "error: games.gd.lr: must be > 0, got -1.0"
    assert not (tmp_path / "x").exists() and not (tmp_path / "mlflow.db").exists()
    assert cli.main(["run", "nosuch", "--variant", "gd", "--out", str(tmp_path / "y")]) == 2
    assert "unknown study 'nosuch'" in capsys.readouterr().err


def test_runs_in_one_process_each_use_their_own_store(tmp_path):
    """Nothing exports MLFLOW_TRACKING_URI process-wide (Lightning's MLFlowLogger did), so a
    second run with another results folder gets its own store."""
    import os

    from mlflow.tracking import MlflowClient

    cfg = json.dumps({"n_inits": 20, "steps": 20, "n_paths": 1, "mf_n": 6, "mf_rank": 2,
                      "mf_inits": 1, "mf_steps": 10, "block": 10})
    for name in ("a", "b"):
        res = tmp_path / name
        assert cli.main(["run", "games", "--variant", "gd", "--seeds", "0", "--cfg", cfg,
                         "--out", str(res / "gd"), "--results", str(res)]) == 0
        assert "MLFLOW_TRACKING_URI" not in os.environ
    for name in ("a", "b"):
        client = MlflowClient(f"sqlite:///{tmp_path / name / 'mlflow.db'}")
        exp = client.get_experiment_by_name("strategic-games")
        assert len(client.search_runs([exp.experiment_id])) == 1
