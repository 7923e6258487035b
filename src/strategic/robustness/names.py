"""Metric and table names of the `robustness` study, stated once: the runs write them, the
claims check them and the figures read them. Imports nothing."""

# ------------------------------------------------------------------ models
STD, ADV = "std", "adv"           # pgd variant: standard and PGD-adversarially trained
SP_STD, WORST = "std", "worst"    # spatial variant: standard and worst-of-k trained (canvas)
MODEL_LABELS = {"pgd": {STD: "standard", ADV: "PGD-trained (Madry)"},
                "spatial": {SP_STD: "standard", WORST: "worst-of-10 trained"}}

# ------------------------------------------------------------------ pgd variant (F1, F2)
CLEAN, FGSM, PGD, PGD_LONG, PGD_FIXED = "clean", "fgsm", "pgd", "pgd_long", "pgd_fixed_start"
BALL_EXCESS = "ball_excess"       # max over adversarial inputs of ‖x' − x‖∞ − ε
BOX_EXCESS = "box_excess"         # max distance of an adversarial input outside [0, 1]
SWEEP_RISE = "sweep_max_rise"     # largest accuracy increase between consecutive ε of the sweep
START_GAP = "start_gap"           # |PGD with random start − PGD from x|
LONG_GAIN = "long_minus_pgd"      # PGD-long accuracy − PGD accuracy
FGSM_GAP, PGD_GAP = "fgsm_minus_clean", "pgd_minus_fgsm"
ROBUST_GAIN = "adv_minus_std_pgd"  # PGD accuracy, adversarial − standard
CLEAN_DROP = "clean_drop"          # clean accuracy, standard − adversarial


def metric(model: str, what: str) -> str:
    """A model's metric: `<model>_<what>` (accuracies are shares in [0, 1])."""
    return f"{model}_{what}"


# ------------------------------------------------------------------ spatial variant (F3, F4)
RANDOM, WORST_K, GRID = "random", "worst_k", "grid"   # attacks; with CLEAN the F4 bars
GRID_DROP = "std_grid_drop"     # standard model: clean − grid accuracy
GRID_GAIN = "grid_gain"         # grid accuracy, worst-of-k − standard
PLAIN, EOT = "plain", "eot"     # EOT attacks: targeted PGD without / with transformations
IDENTITY, UNDER_TF = "identity", "under_tf"   # target rate on the image / under 50 fresh draws
EOT_GAIN = "gain"               # EOT − plain target rate under transformations


def eot(attack: str, where: str, eps: float) -> str:
    """Target rate of `attack` (plain | eot) measured `where` (identity | under_tf) at ε, or
    eot('eot', 'gain', ε); ε written with two decimals: eot_under_tf_0.30."""
    return f"{attack}_{where}_{eps:.2f}"


# ------------------------------------------------------------------ tables (CSV stems)
T_EPS = "accuracy_eps"       # model, eps, accuracy (PGD)
T_EXAMPLES = "adv_examples"  # model, kind (clean | pgd), index, label, pred, p0..p63
T_EOT = "eot_rates"          # attack, eps, identity, under_tf
T_SPATIAL = "spatial_acc"    # model, attack, accuracy
T_GALLERY = "spatial_gallery"  # label, pred, angle, tx, ty, p0..p783
