"""Claim verdicts (strategic.report.claims) and the games catalog (strategic.games.claims),
with the thresholds pinned to CLAIMS.md so that a moved threshold fails here."""

import math
from pathlib import Path

import pandas as pd
import pytest

from strategic import registry
from strategic.report import claims as R

NAN = math.nan
CASES = [
    (1.0, "<=", 1.0, True), (1.0 + 1e-12, "<=", 1.0, False), (-5.0, "<=", 1.0, True),
    (1.0, ">=", 1.0, True), (1.0 - 1e-12, ">=", 1.0, False), (7.0, ">=", 1.0, True),
    (0.0, "==", 0.0, True), (1e-300, "==", 0.0, False),
    (0.9, "in", [0.9, 1.1], True), (1.1, "in", [0.9, 1.1], True), (1.0, "in", [0.9, 1.1], True),
    (0.9 - 1e-12, "in", [0.9, 1.1], False), (1.1 + 1e-12, "in", [0.9, 1.1], False),
    (NAN, "<=", 1.0, False), (NAN, ">=", 1.0, False), (NAN, "==", NAN, False),
    (NAN, "in", [-math.inf, math.inf], False),
]


@pytest.mark.parametrize("value,op,thr,want", CASES)
def test_compare(value, op, thr, want):
    """Each op, with 'in' inclusive at both ends and NaN never passing."""
    assert R.compare(value, op, thr) is want


def test_compare_unknown_op():
    """An unknown op is a ValueError, not a silent FAIL."""
    with pytest.raises(ValueError, match="<"):
        R.compare(1.0, "<", 2.0)


RUNS = pd.DataFrame({
    "variant": ["a", "a", "a", "two", "two", "one", "nan"],
    "seed": [0, 1, 2, 0, 1, 0, 0],
    "m": [1.0, 3.0, 2.0, 4.0, 4.0, 5.0, NAN],
})


@pytest.mark.parametrize("reduce,op,thr,scale,value,passed", [
    ("min", ">=", 1.0, 1.0, 1.0, True),
    ("max", "<=", 2.5, 1.0, 3.0, False),
    ("span", "<=", 2.0, 1.0, 2.0, True),
    ("span", "<=", 150.0, 100.0, 200.0, False),
    ("mean", "==", 2.0, 1.0, 2.0, True),
    ("median", "in", [2.0, 2.0], 1.0, 2.0, True),
])
def test_check_reducers(reduce, op, thr, scale, value, passed):
    """Check reduces variant 'a' (values 1, 3, 2) over seeds, scales, then compares."""
    row = R.Check("m", "a", "m", reduce, op, thr, scale=scale, kind="measurement").evaluate(RUNS)
    assert row["value"] == pytest.approx(value, rel=1e-15)
    assert row["passed"] is passed and row["n_runs"] == 3 and "error" not in row


@pytest.mark.parametrize("variant,column,reduce", [
    ("missing", "m", "max"),   # no runs of this variant
    ("a", "absent", "max"),    # no such metric column
    ("nan", "m", "max"),       # the metric is NaN in every run
    ("two", "m", "only"),      # 'only' needs exactly one run
])
def test_check_errors_fail(variant, column, reduce):
    """Missing data or a second run under 'only' gives passed False, NaN value and an error."""
    row = R.Check("m", variant, column, reduce, ">=", -math.inf, kind="measurement").evaluate(RUNS)
    assert row["passed"] is False and math.isnan(row["value"]) and row["error"]


@pytest.mark.parametrize("reduce,op,thr", [("min", ">=", 0.0), ("max", "<=", 10.0),
                                           ("span", "<=", 10.0)])
def test_check_with_a_nan_seed_does_not_pass(reduce, op, thr):
    """A NaN metric in one of several seeds must make the check fail, not be skipped."""
    runs = pd.DataFrame({"variant": ["v", "v", "v"], "m": [1.0, NAN, 2.0]})
    assert R.Check("m", "v", "m", reduce, op, thr, kind="measurement").evaluate(runs)["passed"] is False


def test_check_only_single_run():
    """'only' reads the single run's value."""
    row = R.Check("m", "one", "m", "only", "==", 5.0, kind="measurement").evaluate(RUNS)
    assert row["value"] == 5.0 and row["passed"] is True and row["n_runs"] == 1


def test_claim_verdict():
    """A claim passes only if every check passes."""
    ok = R.Check("m", "one", "m", "only", "==", 5.0, kind="measurement")
    bad = R.Check("m", "a", "m", "max", "<=", 2.0, kind="measurement")
    assert R.Claim("X", "x", "s", (ok,), "X").evaluate(RUNS, "games", "f")["verdict"] == "PASS"
    res = R.Claim("X", "x", "s", (ok, bad), "X").evaluate(RUNS, "games", "f")
    assert res["verdict"] == "FAIL" and [c["passed"] for c in res["checks"]] == [True, False]
    assert res["figure"] == "f/X.png"


def test_check_kind_is_required():
    """A check must say which kind of evidence it is (CLAIMS.md, 'Kinds of evidence')."""
    with pytest.raises(ValueError, match="kind must be one of"):
        R.Check("m", "one", "m", "only", "==", 5.0)
    with pytest.raises(ValueError, match="kind must be one of"):
        R.Check("m", "one", "m", "only", "==", 5.0, kind="proof")


def test_exact_demonstration_needs_every_check_a_certificate():
    """The claim's row counts checks per kind; all certificates = an exact demonstration."""
    cert = R.Check("c", "one", "m", "only", "==", 5.0, kind="certificate")
    meas = R.Check("m", "a", "m", "max", "<=", 5.0, kind="measurement")
    exact = R.Claim("X", "x", "s", (cert, cert), "X").evaluate(RUNS, "games", "f")
    mixed = R.Claim("Y", "y", "s", (cert, meas), "Y").evaluate(RUNS, "games", "f")
    assert exact["exact_demonstration"] and exact["kinds"] == {"measurement": 0, "certificate": 2}
    assert not mixed["exact_demonstration"] and mixed["kinds"] == {"measurement": 1, "certificate": 1}
    assert [k["kind"] for k in mixed["checks"]] == ["certificate", "measurement"]
    from strategic.report.render import markdown
    md = markdown({"profile": "quick", "git_sha": "x", "claims": [exact, mixed]}, Path("."))
    assert "exact demonstration (2 certificates)" in md
    assert "| 1 measurement, 1 certificate |" in md and "| c | certificate |" in md


@pytest.mark.parametrize("study", registry.STUDY_NAMES)
def test_every_check_of_every_study_has_a_kind(study):
    """Every catalogued check carries a kind; a claim that is not an exact demonstration has a
    measurement among its checks."""
    for claim in R.catalog(study):
        kinds = [k.kind for k in claim.checks]
        assert set(kinds) <= {"measurement", "certificate"}, claim.id
        assert claim.exact_demonstration or "measurement" in kinds, claim.id


# ------------------------------------------------------------------ the games catalog
CATALOG = R.catalog("games")
ALL_CHECKS = [(c.id, k) for c in CATALOG for k in c.checks]


def test_catalog_ids_and_figures():
    """The games claims of CLAIMS.md and their figures are registry.FIGURES['games']."""
    assert [c.id for c in CATALOG] == ["A1", "A2", "A3", "B1", "B2", "B3", "B4", "C1", "C2", "C3",
                                       "D1", "D2", "D3"]  # id order: claims.json is sorted
    assert {c.figure for c in CATALOG} == set(registry.study("games").figures)


@pytest.mark.parametrize("cid,check", ALL_CHECKS,
                         ids=[f"{cid}-{k.column}" for cid, k in ALL_CHECKS])
def test_catalog_checks_well_formed(cid, check):
    """Every check uses a known op and reducer, an existing variant, and a valid threshold."""
    assert check.op in R.OPS
    assert check.reduce in R.REDUCERS
    assert check.variant in registry.study("games").variants
    if check.op == "in":
        lo, hi = check.threshold
        assert lo <= hi
    else:
        assert isinstance(check.threshold, float)


def _find(cid: str, column: str) -> R.Check:
    (claim,) = [c for c in CATALOG if c.id == cid]
    (check,) = [k for k in claim.checks if k.column == column]
    return check


PINNED = [  # CLAIMS.md's numbers
    ("A1", "gd_max_grad_norm", "max", "<=", 1e-8, 1.0),
    ("A1", "gd_frac_pos_curvature", "min", ">=", 1.0, 1.0),
    ("A1", "gd_n_f_increases", "max", "==", 0.0, 1.0),
    ("A1", "mf_max_rel_error", "max", "<=", 1e-6, 1.0),
    ("A1", "mlp_train_loss", "max", "<=", 1e-3, 1.0),
    ("A1", "mlp_test_acc", "span", "<=", 2.0, 100.0),
    ("A2", "gda_max_step_factor_err", "only", "<=", 1e-8, 1.0),
    ("A2", "eg_max_step_factor_err", "only", "<=", 1e-8, 1.0),
    ("A2", "ogda_asym_rate_err", "only", "<=", 1e-6, 1.0),
    ("A2", "alt_gda_norm_ratio_min", "only", "in", [0.9, 1.1], 1.0),
    ("A2", "alt_gda_norm_ratio_max", "only", "in", [0.9, 1.1], 1.0),
    ("A2", "wgan_gda_dist_ratio", "only", ">=", 10.0, 1.0),
    ("A2", "wgan_ogda_final_dist", "only", "<=", 1e-2, 1.0),
    ("A2", "wgan_eg_final_dist", "only", "<=", 1e-2, 1.0),
    ("B1", "b1_pure_maxmin", "only", "==", 0.0, 1.0),
    ("B1", "b1_pure_minmax", "only", "==", 1.0, 1.0),
    ("B1", "b1_n_pure_nash", "only", "==", 0.0, 1.0),
    ("B2", "b2_value_err", "only", "<=", 1e-8, 1.0),
    ("B2", "b2_q_mass_at_zero", "only", ">=", 1 - 1e-8, 1.0),
    ("B2", "b2_p_weight_dev_over_h", "only", "<=", 0.5, 1.0),
    ("A3", "a3_letcher_gda_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_letcher_ogda_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_letcher_eg_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_f1_gda_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_f1_ogda_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_f1_eg_min_field", "only", ">=", 0.5, 1.0),
    ("A3", "a3_control_gda_max_res", "only", "<=", 1e-8, 1.0),
    ("A3", "a3_control_ogda_max_res", "only", "<=", 1e-8, 1.0),
    ("A3", "a3_control_eg_max_res", "only", "<=", 1e-8, 1.0),
    ("C3", "c3_f1_return_dist", "only", "<=", 1e-2, 1.0),
    ("C3", "c3_xy_min_gain", "only", "==", 2.0, 1.0),
    ("D2", "d2_telescope_err", "only", "<=", 1e-10, 1.0),
    ("D2", "d2_max_EG_times_etaT", "only", "<=", 6.0, 1.0),
    ("D2", "d2_regret_bound_excess", "only", "<=", 0.0, 1.0),
    ("D2", "d2_regret_ratio_max", "only", "<=", 0.1, 1.0),
    ("D2", "d2_best_point_over_delta_min", "only", ">=", 0.5, 1.0),
    ("B3", "b3_cournot_max_gain", "max", "<=", 1e-9, 1.0),
    ("B3", "b3_min_equilibria", "min", ">=", 1.0, 1.0),
    ("B3", "b3_max_eq_regret", "max", "<=", 1e-9, 1.0),
    ("B3", "b3_n_even_counts", "max", "==", 0.0, 1.0),
    ("B4", "b4_cce_gap_max_err", "max", "<=", 1e-12, 1.0),
    ("B4", "b4_fp_min_support_growth", "only", ">=", 1.0, 1.0),
    ("B4", "b4_fp_gap_max_err", "only", "<=", 1e-12, 1.0),
    ("D3", "d3_distance_best_gap", "max", "<=", 1e-6, 1.0),
    ("D3", "d3_larger_gap_max_err", "only", "<=", 1e-12, 1.0),
    ("D3", "d3_td_matching_max", "only", "==", 1.0, 1.0),
    ("D3", "d3_hist_distance_slope", "max", "<=", -0.3, 1.0),
    ("D3", "d3_hist_matching_slope", "only", "<=", -0.3, 1.0),
    ("D3", "d3_hist_larger_gap_max_err", "only", "<=", 1e-12, 1.0),
    ("C1", "c1_f1_zero_region_radius", "only", "<=", 1e-3, 1.0),
    ("C1", "c1_minres_slope", "only", ">=", 0.9, 1.0),
    ("C2", "c2_winding_n_uncertified", "only", "==", 0.0, 1.0),
    ("A3", "a3_n_lrs", "only", ">=", 2.0, 1.0),
    ("C2", "c2_exhaustive_colourings", "only", "==", 65536.0, 1.0),
    ("C2", "c2_exhaustive_without_solution", "only", "==", 0.0, 1.0),
    ("C2", "c2_snake_min_solutions", "min", "==", 1.0, 1.0),
    ("C2", "c2_snake_max_solutions", "max", "==", 1.0, 1.0),
    ("C2", "c2_random_scan_slope", "min", ">=", 1.7, 1.0),
    ("C2", "c2_winding_max_queries_over_n", "only", "<=", 10.0, 1.0),
    ("C2", "c2_n_uncertified", "max", "==", 0.0, 1.0),
    ("D1", "stonr_norm_over_eps", "only", "<=", 10.0, 1.0),
    ("D1", "stonr_res_over_eps", "only", "<=", 1.0, 1.0),
    ("D1", "stonr_bad_exits_to_first", "only", "==", 0.0, 1.0),
    ("D1", "gda_min_dist_second_half", "only", ">=", 1.0, 1.0),
    ("D1", "ogda_min_dist_second_half", "only", ">=", 1.0, 1.0),
    ("D1", "eg_min_dist_second_half", "only", ">=", 1.0, 1.0),
]


@pytest.mark.parametrize("column,reduce,thr", [
    ("c2_path_following_slope", "min", [1.8, 2.2]), ("c2_path_following_slope", "max", [1.8, 2.2]),
    ("c2_winding_search_slope", "only", [0.9, 1.15]),
])
def test_c2_slope_windows_pinned(column, reduce, thr):
    """C2's slope windows hold for every seed (lowest and highest) of the instance-dependent
    solvers; the winding search's instance-independent cost is one computation ('only')."""
    (claim,) = [c for c in CATALOG if c.id == "C2"]
    (check,) = [k for k in claim.checks if k.column == column and k.reduce == reduce]
    assert check.op == "in" and check.threshold == thr


@pytest.mark.parametrize("cid,column,reduce,op,thr,scale", PINNED,
                         ids=[f"{p[0]}-{p[1]}" for p in PINNED])
def test_thresholds_pinned_to_claims_md(cid, column, reduce, op, thr, scale):
    """The check on `column` keeps CLAIMS.md's reducer, op, threshold and scale."""
    check = _find(cid, column)
    assert (check.reduce, check.op, check.scale) == (reduce, op, scale)
    assert check.threshold == thr


def test_games_checks_on_one_run_variants_read_that_run():
    """A variant whose config admits exactly one seed (deterministic: no replicates) is read
    with reduce 'only', so no replicate count is implied; and every 'only' check is on one."""
    from strategic.games.config import _one_run  # noqa: F401  (the guard the configs call)
    from strategic.schema import ConfigError, build
    study = registry.study("games")
    one_run = set()
    for name, v in study.variants.items():
        try:
            build(v.config, {"seeds": [0, 1]}, f"games.{name}")
        except ConfigError as e:
            assert "exactly one seed" in str(e), name
            one_run.add(name)
    assert {"bilinear", "grid", "noncompact", "oracle_n", "sperner_exact", "stonr", "local",
            "cycles"} <= one_run
    for cid, k in ALL_CHECKS:
        assert (k.variant in one_run) == (k.reduce == "only"), (cid, k.column)


def test_weighted_mean_pools_and_skips_empty_runs():
    """weight='n': the mean of per-run means weighted by their counts (the pooled mean); a run
    with weight 0 (NaN mean) is skipped, not failed; a weight needs reduce='mean'."""
    runs = pd.DataFrame({"variant": ["w"] * 3, "m": [1.0, 4.0, NAN], "n": [3.0, 1.0, 0.0]})
    row = R.Check("m", "w", "m", "mean", "<=", 1.75, weight="n", kind="measurement").evaluate(runs)
    assert row["value"] == 1.75 and row["passed"] and row["n_runs"] == 2
    assert R.Check("m", "w", "m", "mean", "<=", 2.5, kind="measurement").evaluate(runs.iloc[:2])["value"] == 2.5
    with pytest.raises(ValueError):
        R.Check("m", "w", "m", "max", "<=", 1.0, weight="n", kind="measurement")


def test_reported_numbers_have_no_verdict():
    """A Reported number is reduced like a check, shown in the report, and never decides."""
    rep = R.Reported("share", "a", "m", "mean")
    bad = R.Check("m", "one", "m", "only", "==", 5.0, kind="measurement")
    res = R.Claim("X", "x", "s", (bad,), "X", reported=(rep, R.Reported("gone", "nope", "m", "max"))
                  ).evaluate(RUNS, "games", "f")
    assert res["verdict"] == "PASS"
    assert res["reported"][0] == {"metric": "share", "value": float(RUNS.loc[RUNS.variant == "a", "m"].mean()),
                                  "n_runs": int((RUNS.variant == "a").sum())}
    assert math.isnan(res["reported"][1]["value"]) and "no runs" in res["reported"][1]["error"]
    from strategic.report.render import markdown
    md = markdown({"profile": "quick", "git_sha": "x", "claims": [res]}, Path("."))
    assert "Reported beside the checks (no threshold)" in md and "| share |" in md
