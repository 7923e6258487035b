"""Metric and table names of the `gans` study, and the constants of CLAIMS.md E1-E3 the runs
need, stated once (runs write them, claims check them, figures read them).

Imports nothing (config validation and spec loading stay torch-free).
"""

# -------------------------------------------------------------------- update rules (E2, E3)
# The shared registry's names (strategic.dynamics.RULES; a unit test keeps them in sync).
RULE_NAMES = ("gda", "alt_gda", "ogda", "eg", "unrolled")
METHOD_LABEL = {"gda": "simultaneous GDA", "alt_gda": "alternating GDA", "unrolled": "unrolled",
                "ogda": "optimistic Adam", "eg": "extragradient"}

# -------------------------------------------------------------------- E1: critics vs W1
PAIR_NAMES = ("shift1d", "scale1d", "ring_gauss", "ring_rotated", "shift0", "shift0.25",
              "shift0.5", "shift1", "shift2", "shift4")
SHIFT_MUS = (0.0, 0.25, 0.5, 1.0, 2.0, 4.0)
CRITIC_KINDS = ("gp_one_sided", "gp_two_sided", "spectral", "clip", "linear")
CRITIC_LABEL = {"lp": "LP (all 1-Lipschitz f)", "gp_one_sided": "MLP, one-sided GP",
                "gp_two_sided": "MLP, two-sided GP", "spectral": "MLP, spectral norm",
                "clip": "MLP, weight clipping", "linear": "linear"}
T_CRITICS = "critics"        # per (critic, pair): estimate, SE, W1 reference, relative error
T_POTENTIAL = "potential"    # 1-D critics on a grid vs the optimal potential (shift1d, scale1d)
REL_TOL = 0.15               # (b): within ±15 % of W1 (pairs with W1 > 0)
SE_TOL = 3.0                 # (c): ≤ W1 + 3 SE
LINEAR_MAX, MLP_MIN = 0.1, 0.85   # (d) on ring vs N(0, I)
LP_REL_TOL = 1e-6            # (a): LP = EMD to 1e-6 relative


def critic_metric(kind: str, what: str) -> str:
    return f"{kind}_{what}"


# per seed: the worst pair of each check
GP1_MAX_RELERR = critic_metric("gp_one_sided", "max_relerr")
GP2_MAX_RELERR = critic_metric("gp_two_sided", "max_relerr")
SN_MAX_Z = critic_metric("spectral", "max_z")     # max over pairs of (est − W1) / SE
LP_MAX_RELGAP = "lp_max_relgap"                  # max over pairs |LP − EMD| / EMD
LP_MAX_LIP = "lp_max_lipschitz_excess"
LINEAR_RING_RATIO = critic_metric("linear", "ring_gauss_ratio")
GP1_RING_RATIO = critic_metric("gp_one_sided", "ring_gauss_ratio")
GP1_SHIFT_SPEARMAN = critic_metric("gp_one_sided", "shift_spearman")
GP1_SCALE, GP2_SCALE, W1_SCALE = "gp_one_sided_scale1d_est", "gp_two_sided_scale1d_est", "w1_scale1d"
GP1_ROT, GP2_ROT, W1_ROT = ("gp_one_sided_ring_rotated_est", "gp_two_sided_ring_rotated_est",
                            "w1_ring_rotated")
W1_POSITIVE = 0.05           # (b)'s relative error is taken over pairs with W1 above this

# -------------------------------------------------------------------- E2: the ring
T_MODES = "modes"            # per method, member, checkpoint: eff_modes, covered, quality, dominant
T_SAMPLES = "samples"        # generator samples at the snapshot iterations (Metz Fig. 1)
FINAL_EFF, FINAL_COVERED, FINAL_QUALITY = "final_eff_modes", "final_covered", "final_quality"
HOP_RATE = "dominant_hop_rate"   # share of checkpoints after HOP_AFTER where the dominant changes
HOP_AFTER = 500
GDA_MAX_EFF, GDA_MIN_HOP = 3.0, 0.5
UNROLLED_MIN_EFF, N_MODES = 7.0, 8

# -------------------------------------------------------------------- E3: digits
T_CLASSES = "classes"        # per method, member, checkpoint: class shares of generated digits
T_DIGITS = "digit_samples"   # generated digits at the snapshot iterations
CLASS_SHARE = 0.05           # a class is generated with >= 5 % frequency
N_CLASSES = 10


def digits_metric(method: str, what: str) -> str:
    return f"{method}_{what}"


DIG_COVERED, DIG_KL, DIG_CHANGES = "final_covered", "final_kl_uniform", "dominant_changes"
DIG_COVER_GAP = "covered_unrolled_minus_gda"
CLASSIFIER_ACC = "classifier_test_acc"
