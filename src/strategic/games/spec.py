"""The `games` study (CLAIMS A–D): toy games, gradient dynamics and equilibria.

Variants whose computation no seed can change (config: `_one_run`) run once and their checks
read that one run (reduce 'only'); seeds are kept where randomness matters (inits, instances).
"""

from strategic.contracts import Study, Variant
from strategic.games import names as N
from strategic.games.config import (GamesBilinear, GamesCycles, GamesExistence, GamesGD, GamesGrid,
                                    GamesLocal, GamesMLP, GamesNoncompact, GamesOracle, GamesOracleN,
                                    GamesSperner, GamesSpernerExact, GamesStonr)

_M = "strategic.games."
_JOB = "games"  # quick profile (group_jobs): the whole study in one process, imports paid once
STUDY = Study(
    name="games",
    variants={
        "gd": Variant(GamesGD, _M + "runs_landscapes:run_gd", job=_JOB, key_metric=N.GD_MAX_GRAD_NORM),
        "mlp": Variant(GamesMLP, _M + "runs_digits:run_mlp", network=True, all_seeds=True, job=_JOB,
                       key_metric=N.MLP_TEST_ACC),
        "bilinear": Variant(GamesBilinear, _M + "runs_bilinear:run_bilinear", job=_JOB,
                            key_metric=N.rate("gda", "asym_rate")),
        "grid": Variant(GamesGrid, _M + "runs_finite:run_grid", job=_JOB, key_metric=N.B2_VALUE),
        "cycles": Variant(GamesCycles, _M + "runs_cycles:run_cycles", job=_JOB,
                          key_metric=N.a3("letcher", "gda", "min_field")),
        "local": Variant(GamesLocal, _M + "runs_local:run_local", job=_JOB,
                         key_metric=N.C1_DIST_N_MISMATCH),
        "existence": Variant(GamesExistence, _M + "runs_finite:run_existence", job=_JOB,
                             key_metric=N.B3_COURNOT_MAX_DIST),
        "noncompact": Variant(GamesNoncompact, _M + "runs_finite:run_noncompact", job=_JOB,
                              key_metric=N.B4_FP_GAP_MAX_ERR),
        "oracle": Variant(GamesOracle, _M + "runs_oracle:run_oracle", job=_JOB,
                          key_metric=N.do("d3", "distance_best_gap")),
        "oracle_n": Variant(GamesOracleN, _M + "runs_oracle:run_oracle_n", job=_JOB,
                            key_metric=N.do("d3_hist", "matching_slope")),
        "sperner": Variant(GamesSperner, _M + "runs_sperner:run_sperner", job=_JOB,
                           key_metric=N.c2("path_following", "slope")),
        "sperner_exact": Variant(GamesSpernerExact, _M + "runs_sperner:run_sperner_exact", job=_JOB,
                                 key_metric=N.C2_WINDING_MAX_QUERIES_OVER_N),
        "stonr": Variant(GamesStonr, _M + "runs_stonr:run_stonr", job=_JOB,
                         key_metric=N.stonr("main", "norm_over_eps")),
    },
    figures=("A1", "A2", "A3", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "D1", "D2", "D3"),
)
