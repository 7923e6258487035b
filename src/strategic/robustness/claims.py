"""Claims F1–F4 of CLAIMS.md: statements, checks and thresholds (fixed there). Accuracies are
shares in the runs; checks in points (scale 100) take the worst seed."""

from strategic.contracts import Check, Claim, Reported, find_check
from strategic.robustness import names as N

EPS_EOT = 0.3   # CLAIMS F3: the quick check at ε = 0.3
_P = 100.0      # shares -> points
_M, _C = "measurement", "certificate"


def _sanity(model: str, label: str) -> tuple[Check, ...]:
    """CLAIMS F2's attack-sanity checks for one model of the `pgd` variant."""
    m = lambda what: N.metric(model, what)  # noqa: E731
    return (
        Check(f"{label}: max over every adversarial input of ‖x′−x‖∞ − ε", "pgd",
              m(N.BALL_EXCESS), "max", "<=", 1e-6, kind=_C),
        Check(f"{label}: max distance of an adversarial input outside [0, 1]", "pgd",
              m(N.BOX_EXCESS), "max", "<=", 0.0, kind=_C),
        Check(f"{label}: FGSM − clean accuracy (points, worst seed)", "pgd", m(N.FGSM_GAP),
              "max", "<=", 0.0, scale=_P, kind=_M),
        Check(f"{label}: PGD-40 − FGSM accuracy (points, worst seed)", "pgd", m(N.PGD_GAP),
              "max", "<=", 0.0, scale=_P, kind=_M),
        Check(f"{label}: largest rise of PGD accuracy over ε ∈ {{0,.05,.1,.2,.3}} (points)",
              "pgd", m(N.SWEEP_RISE), "max", "<=", 0.0, scale=_P, kind=_M),
        Check(f"{label}: |PGD-40 random start − PGD-40 from x| (points, worst seed)", "pgd",
              m(N.START_GAP), "max", "<=", 2.0, scale=_P, kind=_M),
        Check(f"{label}: PGD-100 − PGD-40 accuracy (points, worst seed)", "pgd",
              m(N.LONG_GAIN), "max", "<=", 2.0, scale=_P, kind=_M),
    )


def _table(variant: str, models: dict[str, str], attacks: dict[str, str]) -> tuple[Reported, ...]:
    """Mean accuracy over seeds (%) of every model under every attack: the report's table."""
    return tuple(Reported(f"{label}: {what} accuracy (%, mean of seeds)", variant,
                          N.metric(m, a), "mean", scale=_P)
                 for m, label in models.items() for a, what in attacks.items())


_PGD_TABLE = _table("pgd", {N.STD: "standard", N.ADV: "PGD-trained"},
                    {N.CLEAN: "clean", N.FGSM: "FGSM", N.PGD: "PGD-40", N.PGD_LONG: "PGD-100"})
_SPATIAL_TABLE = _table("spatial", {N.SP_STD: "standard", N.WORST: "worst-of-10 trained"},
                        {N.CLEAN: "clean", N.RANDOM: "random transformation",
                         N.WORST_K: "worst-of-10", N.GRID: "exhaustive grid"})
_EOT_SWEEP = tuple(Reported(f"{label} target rate under transformations at ε = {e} (%, mean of "
                            "seeds)", "spatial", N.eot(a, N.UNDER_TF, e), "mean", scale=_P)
                   for e in (0.1, 0.2) for a, label in ((N.PLAIN, "plain PGD"), (N.EOT, "EOT-PGD")))


def check(column: str, reduce: str | None = None) -> Check:
    """The one Check of the catalogue on metric `column` (figures read thresholds from it)."""
    return find_check(CLAIMS, column, reduce)


CLAIMS = [
    Claim(
        "F1", "pgd-fragile",
        "Naively (standardly) trained models can be manipulated: a small ℓ∞ perturbation found "
        "by PGD flips almost every prediction of an accurate classifier.",
        (
            Check("standard model: clean test accuracy (%, worst seed)", "pgd",
                  N.metric(N.STD, N.CLEAN), "min", ">=", 95.0, scale=_P, kind=_M),
            Check("standard model: PGD-40 accuracy at ε = 0.2, step ε/8, random start (%, worst "
                  "seed)", "pgd", N.metric(N.STD, N.PGD), "max", "<=", 10.0, scale=_P, kind=_M),
        ),
        figure="F1",
        notes=("Quick profile: an MLP 64→256→256→10 on scikit-learn's 8×8 digits in [0, 1] "
               "(stratified 75/25 split, the whole 450-image test split attacked).",),
    ),
    Claim(
        "F2", "pgd-adversarial-training",
        "Adversarial training (Madry et al.: train on 7-step PGD examples) makes the model "
        "robust to PGD at a small cost in clean accuracy; the attacks are sound (no gradient "
        "masking).",
        (
            Check("PGD-trained model: PGD-40 accuracy (%, worst seed)", "pgd",
                  N.metric(N.ADV, N.PGD), "min", ">=", 50.0, scale=_P, kind=_M),
            Check("PGD-40 accuracy, PGD-trained − standard (points, worst seed)", "pgd",
                  N.ROBUST_GAIN, "min", ">=", 40.0, scale=_P, kind=_M),
            Check("clean accuracy, standard − PGD-trained (points, worst seed)", "pgd",
                  N.CLEAN_DROP, "max", "<=", 3.0, scale=_P, kind=_M),
            *_sanity(N.STD, "standard"),
            *_sanity(N.ADV, "PGD-trained"),
        ),
        figure="F2",
        reported=_PGD_TABLE,
        notes=("Containment (ε-ball, [0, 1]) is a certificate: the projection makes it hold by "
               "construction, so it fails only if the code is wrong (float rounding of x + δ − x "
               "is below 1e-6). The ordering, monotonicity and gradient-masking checks are "
               "measurements on the trained models.",
               "PGD training: ε 0.2, 7 steps of 2.5·ε/7, random start (Madry et al.'s step rule).",),
    ),
    Claim(
        "F3", "eot",
        "Attacks survive transformations: expectation over transformation (Athalye et al.) finds "
        "targeted perturbations that fool the model under random rotation, translation, scaling "
        "and noise, where plain PGD's do not.",
        (
            Check(f"plain targeted PGD: target rate on the untransformed image at ε = {EPS_EOT} "
                  "(%, worst seed)", "spatial", N.eot(N.PLAIN, N.IDENTITY, EPS_EOT), "min", ">=",
                  90.0, scale=_P, kind=_M),
            Check(f"EOT-PGD: target rate under 50 fresh transformations at ε = {EPS_EOT} (%, worst "
                  "seed)", "spatial", N.eot(N.EOT, N.UNDER_TF, EPS_EOT), "min", ">=", 80.0,
                  scale=_P, kind=_M),
            Check(f"EOT − plain PGD target rate under transformations at ε = {EPS_EOT} (points, "
                  "worst seed)", "spatial", N.eot(N.EOT, N.EOT_GAIN, EPS_EOT), "min", ">=", 20.0,
                  scale=_P, kind=_M),
            Check("EOT and plain inputs: max excess over the ε-ball or [0, 1]", "spatial",
                  "eot_" + N.BALL_EXCESS, "max", "<=", 1e-6, kind=_C),
        ),
        figure="F3",
        reported=_EOT_SWEEP,
        notes=("Standard MLP on the 28×28 canvas (the 8×8 digit upsampled to 16×16, centred), 200 "
               "test images, one random target ≠ label each; 100 steps of ε/10 from x, 16 "
               "transformations per EOT step (rotation ±15°, translation ±2 px, scale 0.9–1.1, "
               "Gaussian noise σ 0.05, not clipped).",),
    ),
    Claim(
        "F4", "spatial",
        "Rotations and translations alone fool a standard model (Engstrom et al.); training on "
        "the worst of 10 random transformations helps.",
        (
            Check("standard model: clean − exhaustive-grid accuracy (points, worst seed)",
                  "spatial", N.GRID_DROP, "min", ">=", 30.0, scale=_P, kind=_M),
            Check("grid accuracy, worst-of-10 trained − standard (points, worst seed)", "spatial",
                  N.GRID_GAIN, "min", ">=", 20.0, scale=_P, kind=_M),
        ),
        figure="F4",
        reported=_SPATIAL_TABLE,
        notes=("Grid: 5×5 translations in ±3 px × 31 rotations in ±30° (775 transformations, "
               "bilinear, black padding), 200 test images; an image counts as correct only if "
               "every transformation is classified right.",),
    ),
]
