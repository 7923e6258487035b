"""Metric and table names of the `games` study, in one place: the runs write them, the claims
check them and the figures read them, so a rename is an import error, not a FAIL at the end
of a run. Fixed names are constants; families are functions of their parts.

Tables are the CSV stems a run writes into its folder (`report.tables` concatenates them).
"""

# ------------------------------------------------------------------------ landscapes (gd)
GD_MAX_GRAD_NORM = "gd_max_grad_norm"
GD_FRAC_POS_CURVATURE = "gd_frac_pos_curvature"
GD_MIN_HESS_EIG = "gd_min_hess_eig"
GD_MAX_F_INCREASE = "gd_max_f_increase"
GD_N_F_INCREASES = "gd_n_f_increases"
GD_N_INITS = "gd_n_inits"
MF_MAX_REL_ERROR = "mf_max_rel_error"
T_GD_PATHS, T_GD_CONTOUR, T_GD_CRITICAL, T_MF_LOSS = "gd_paths", "gd_contour", "gd_critical", "mf_loss"

# ------------------------------------------------------------------------ digits MLP (mlp)
MLP_TRAIN_LOSS, MLP_TRAIN_ACC = "mlp_train_loss", "mlp_train_acc"
MLP_TEST_ACC, MLP_EPOCHS = "mlp_test_acc", "mlp_epochs"
T_HISTORY = "history"          # strategic.train's curves: fit, unit, step, metric, value
H_MLP_LOSS = "train/loss"      # each member's training-split loss after every epoch


# -------------------------------------------------------------------- bilinear (bilinear)
def rate(method: str, what: str) -> str:
    """Per-method rate metrics on x·y: what ∈ rate_theory, max_step_factor_err, asym_rate,
    asym_rate_err, norm_ratio_min, norm_ratio_max."""
    return f"{method}_{what}"


def wgan(method: str, what: str) -> str:
    """Linear-WGAN metrics: what ∈ final_dist, dist_ratio."""
    return f"wgan_{method}_{what}"


T_BILINEAR_NORMS, T_BILINEAR_PATHS, T_WGAN_DIST = "bilinear_norms", "bilinear_paths", "wgan_dist"

# ------------------------------------------------------------------------ matrix games (grid)
B1_PURE_MAXMIN, B1_PURE_MINMAX, B1_N_PURE_NASH = "b1_pure_maxmin", "b1_pure_minmax", "b1_n_pure_nash"
B2_VALUE, B2_VALUE_ERR, B2_VALUE_COL_ERR = "b2_value", "b2_value_err", "b2_value_col_err"
B2_P_MASS_OFF_ENDS, B2_P_WEIGHT_DEV_OVER_H = "b2_p_mass_off_ends", "b2_p_weight_dev_over_h"
B2_Q_MASS_AT_ZERO = "b2_q_mass_at_zero"
B2_EVEN_VALUE, B2_EVEN_EXCESS_OVER_H2 = "b2_even_value", "b2_even_excess_over_h2"
T_B1_SECURITY, T_B2_STRATEGIES = "b1_security", "b2_strategies"

# ------------------------------------------------------------- existence (existence)
B3_COURNOT_MAX_DIST, B3_COURNOT_MAX_GAIN = "b3_cournot_max_dist", "b3_cournot_max_gain"
B3_MIN_EQUILIBRIA, B3_MAX_EQUILIBRIA = "b3_min_equilibria", "b3_max_equilibria"
B3_N_EVEN_COUNTS, B3_MAX_EQ_REGRET = "b3_n_even_counts", "b3_max_eq_regret"
B3_N_DEGENERATE, B3_MIN_ABS_MARGIN = "b3_n_degenerate", "b3_min_abs_margin"
B4_TRUNC_MIN_MASS_AT_N, B4_TRUNC_MAX_ABS_VALUE = "b4_trunc_min_mass_at_n", "b4_trunc_max_abs_value"
B4_TRUNC_N_PURE_NOT_NN = "b4_trunc_n_pure_not_nn"
B4_CCE_GAP_MAX_ERR, B4_CCE_ORACLE_VS_BRUTE_ERR = "b4_cce_gap_max_err", "b4_cce_oracle_vs_brute_err"
B4_CCE_MIN_MAX_GAIN = "b4_cce_min_max_gain"
B4_FP_MIN_SUPPORT_GROWTH, B4_FP_GAP_MAX_ERR = "b4_fp_min_support_growth", "b4_fp_gap_max_err"
T_COURNOT_PATHS, T_COURNOT_GAIN, T_COURNOT_BR = "b3_cournot_paths", "b3_cournot_gain", "b3_cournot_br"
T_B3_COUNTS, T_B4_TRUNCATIONS, T_B4_CCE, T_B4_FP = "b3_counts", "b4_truncations", "b4_cce", "b4_fp"


# ------------------------------------------------------------------ double oracle (oracle)
def do(prefix: str, what: str) -> str:
    """Double-oracle metrics: prefix 'd3' (plain) or 'd3_hist' (history variant); what ∈
    distance_best_gap, distance_p_mass_off_ends, distance_p_weight_dev, distance_q_rms,
    distance_slope, distance_max_lp_gap (variant oracle); larger_gap_max_err,
    matching_bound_excess, matching_best_gap, matching_slope, n_max_lp_gap (oracle_n)."""
    return f"{prefix}_{what}"


D3_TD_LARGER_MIN_INCREASE, D3_TD_LARGER_MAX = "d3_td_larger_min_increase", "d3_td_larger_max"
D3_TD_MATCHING_MIN, D3_TD_MATCHING_MAX = "d3_td_matching_min", "d3_td_matching_max"
T_D3_GAPS, T_D3_THRESHOLD = "d3_gaps", "d3_threshold"


# ------------------------------------------------------------------ cycles (cycles)
def a3(game: str, method: str, what: str) -> str:
    """A3 metrics: what ∈ min_field, max_res, eta<eta>_min_field."""
    return f"a3_{game}_{method}_{what}"


A3_N_LRS = "a3_n_lrs"
C3_XY_RETURNED, C3_XY_N_MOVES = "c3_xy_returned", "c3_xy_n_moves"
C3_XY_MIN_GAIN, C3_XY_MAX_GAIN = "c3_xy_min_gain", "c3_xy_max_gain"
C3_F1_RETURN_DIST, C3_F1_RETURN_HALF_STEPS = "c3_f1_return_dist", "c3_f1_return_half_steps"
C3_F1_N_NONIMPROVING, C3_F1_MIN_GAIN = "c3_f1_n_nonimproving", "c3_f1_min_gain"
C3_F1_N_F_UP, C3_F1_N_F_DOWN = "c3_f1_n_f_up", "c3_f1_n_f_down"
T_A3_PATHS, T_A3_MIN_FIELD, T_C3_XY_PATH, T_C3_F1_PATH = ("a3_paths", "a3_min_field", "c3_xy_path",
                                                          "c3_f1_path")

# ------------------------------------------------------------------ local (local)
C1_DIST_N_MISMATCH, C1_DIST_MIN_RES_OFF_DIAG = "c1_dist_n_mismatch", "c1_dist_min_res_off_diag"
C1_F1_N_GRID_ZEROS, C1_F1_ORIGIN_RES = "c1_f1_n_grid_zeros", "c1_f1_origin_res"
C1_F1_LIP_FIELD, C1_F1_N_UNCERTIFIED = "c1_f1_lip_field", "c1_f1_n_uncertified"
C1_F1_ZERO_REGION_RADIUS, C1_F1_CERT_EVALS = "c1_f1_zero_region_radius", "c1_f1_cert_evals"
C1_F1_LIP_SAMPLED = "c1_f1_lip_sampled"  # max over a grid, for comparison with the proven bound
C1_JOINT_N_MISMATCH, C1_JOINT_N_ZEROS, C1_JOINT_N_EDGE = ("c1_joint_n_mismatch", "c1_joint_n_zeros",
                                                          "c1_joint_n_edge")
C1_MINRES_N_NOT_DECREASING, C1_MINRES_SLOPE = "c1_minres_n_not_decreasing", "c1_minres_slope"
C1_MINRES_FINEST = "c1_minres_finest"
C1_LINEAR_MAX_DEV, C1_LINEAR_COMPACT_MIN_RES = "c1_linear_max_dev", "c1_linear_compact_min_res"
D2_TELESCOPE_ERR = "d2_telescope_err"
D2_MAX_EG_TIMES_ETAT_OVER_DIAM, D2_MAX_EG_TIMES_ETAT = ("d2_max_EG_times_etaT_over_diam",
                                                        "d2_max_EG_times_etaT")
D2_FINAL_EG_NORM, D2_MEAN_FIELD_NORM = "d2_final_EG_norm", "d2_mean_field_norm"
D2_REGRET_BOUND_EXCESS, D2_REGRET_RATIO_MAX = "d2_regret_bound_excess", "d2_regret_ratio_max"
D2_BEST_POINT_OVER_DELTA_MIN = "d2_best_point_over_delta_min"
D2_LIP_THETA, D2_LIP_OMEGA = "d2_lip_theta", "d2_lip_omega"
T_C1_MINRES, T_C1_MAPS, T_D2_RUNNING, T_D2_REGRET = "c1_minres", "c1_maps", "d2_running", "d2_regret"

# ------------------------------------------------------------------ Sperner (sperner)
SOLVERS = ("random_scan", "path_following", "winding_search")
C2_EXHAUSTIVE_COLOURINGS = "c2_exhaustive_colourings"
C2_EXHAUSTIVE_WITHOUT_SOLUTION = "c2_exhaustive_without_solution"
C2_EXHAUSTIVE_MIN_SOLUTIONS = "c2_exhaustive_min_solutions"
C2_SNAKE_MIN_SOLUTIONS, C2_SNAKE_MAX_SOLUTIONS = "c2_snake_min_solutions", "c2_snake_max_solutions"
C2_N_UNCERTIFIED = "c2_n_uncertified"                  # random scan, path following (sperner)
C2_WINDING_N_UNCERTIFIED = "c2_winding_n_uncertified"  # winding search (sperner_exact)
C2_WINDING_MAX_QUERIES_OVER_N = "c2_winding_max_queries_over_n"
C2_WINDING_QUERY_SPREAD = "c2_winding_query_spread"    # max over N of (max - min) over instances


def c2(solver: str, what: str) -> str:
    """Per-solver query metrics: what ∈ slope, queries_max_n."""
    return f"c2_{solver}_{what}"


T_SPERNER_EXHAUSTIVE, T_SPERNER_QUERIES, T_SPERNER_EXAMPLE = ("sperner_exhaustive", "sperner_queries",
                                                               "sperner_example")


# ------------------------------------------------------------------ STON'R (stonr)
def stonr(case: str, what: str) -> str:
    """STON'R metrics: case 'main' (prefix stonr) or 'regression' (stonr_reg); what ∈
    converged, steps, x, y, norm_over_eps, res_over_eps, bad_exits_to_first, bad_exits,
    dist_to_corner."""
    return f"{'stonr' if case == 'main' else 'stonr_reg'}_{what}"


def jac0(roles: str, what: str) -> str:
    """Eigenvalues of the GDA Jacobian of f1 at 0: roles 'gda' (as posed) or 'swapped';
    what ∈ eig_re_min, eig_re_max, eig_im_abs."""
    return f"{roles}_jac0_{what}"


def dist_second_half(method: str, what: str = "min") -> str:
    """min/max over inits of min over the second half of ‖z_t‖ (method or 'dynamics')."""
    return f"{method}_{what}_dist_second_half"


T_STONR_PATH, T_STONR_EXITS, T_F1_DYNAMICS, T_F1_CONTOUR = ("stonr_path", "stonr_exits", "f1_dynamics",
                                                            "f1_contour")
