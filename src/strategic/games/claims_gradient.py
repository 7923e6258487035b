"""Claims on gradient dynamics (CLAIMS A1–A3, C3): GD finds minima, GDA cycles on bilinear
and on nonconvex-nonconcave games, better-response paths cycle.

Thresholds are CLAIMS.md's (fixed there); metric names come from `names.py`.
"""

from strategic.contracts import Check, Claim
from strategic.games import names as N

CLAIMS = [
    Claim(
        "A1", "gd-finds-minima",
        "Even if the loss is nonconvex, gradient descent efficiently computes local minima "
        "(and local minima are good enough).",
        (
            Check("GD on f: largest final |grad f| over all inits and seeds", "gd",
                  N.GD_MAX_GRAD_NORM, "max", "<=", 1e-8, kind="measurement"),
            Check("GD on f: share of inits ending with lambda_min(Hess f) > 0 (min over seeds)",
                  "gd", N.GD_FRAC_POS_CURVATURE, "min", ">=", 1.0, kind="measurement"),
            Check("GD on f: steps where f increases by more than float64 rounding "
                  "(4 ulp of max(|f|, 1)), all paths and seeds", "gd", N.GD_N_F_INCREASES,
                  "max", "==", 0.0, kind="certificate"),
            Check("matrix factorisation: largest relative error |UU^T - M|_F/|M|_F over all "
                  "inits (max over seeds)", "gd", N.MF_MAX_REL_ERROR, "max", "<=", 1e-6, kind="measurement"),
            Check("MLP on digits: final training loss, worst seed", "mlp", N.MLP_TRAIN_LOSS,
                  "max", "<=", 1e-3, kind="measurement"),
            Check("MLP on digits: test-accuracy span over seeds (points)", "mlp",
                  N.MLP_TEST_ACC, "span", "<=", 2.0, scale=100.0, kind="measurement"),
        ),
        figure="A1",
        notes=("CLAIMS.md's strict bounds (training loss < 1e-3, span < 2 points) are checked "
               "as <= ; the measured values are far from the boundary.",
               "Kinds: 'f non-increasing' is a certificate (the descent lemma: eta = 0.1 < "
               "2/L with L = max |f''| = 11 on [-2, 2]^2, which GD does not leave); reaching "
               "minima from every init, the factorisations and the MLP are measurements.",
               "'f non-increasing' is checked in float64: once a path has converged, f can "
               "change by a rounding error (~1e-17) in either direction; increases beyond 4 ulp "
               "are counted. runs.csv keeps the largest raw increase (gd_max_f_increase).",),
    ),
    Claim(
        "A2", "gda-bilinear",
        "GD vs GD is cyclic: on f(x, y) = x*y simultaneous gradient descent-ascent spirals out; "
        "optimism and extra-gradient converge.",
        (
            Check("simultaneous GDA: max_t | |z_t+1|/|z_t| - sqrt(1+eta^2) |", "bilinear",
                  N.rate("gda", "max_step_factor_err"), "only", "<=", 1e-8, kind="certificate"),
            Check("alternating GDA: min_t |z_t|/|z_0|", "bilinear", N.rate("alt_gda", "norm_ratio_min"),
                  "only", "in", [0.9, 1.1], kind="certificate"),
            Check("alternating GDA: max_t |z_t|/|z_0|", "bilinear", N.rate("alt_gda", "norm_ratio_max"),
                  "only", "in", [0.9, 1.1], kind="certificate"),
            Check("extragradient: max_t | |z_t+1|/|z_t| - sqrt(1-eta^2+eta^4) |", "bilinear",
                  N.rate("eg", "max_step_factor_err"), "only", "<=", 1e-8, kind="certificate"),
            Check("optimistic GDA: | asymptotic rate - |(1+2i eta+sqrt(1-4eta^2))/2| |",
                  "bilinear", N.rate("ogda", "asym_rate_err"), "only", "<=", 1e-6, kind="certificate"),
            Check("linear WGAN, GDA: distance to equilibrium, final / initial (2000 steps)",
                  "bilinear", N.wgan("gda", "dist_ratio"), "only", ">=", 10.0, kind="certificate"),
            Check("linear WGAN, OGDA: final distance to equilibrium", "bilinear",
                  N.wgan("ogda", "final_dist"), "only", "<=", 1e-2, kind="certificate"),
            Check("linear WGAN, EG: final distance to equilibrium", "bilinear",
                  N.wgan("eg", "final_dist"), "only", "<=", 1e-2, kind="certificate"),
        ),
        figure="A2",
        notes=("An exact demonstration: x*y and the linear WGAN toy are linear iterations from a "
               "fixed start, so every rate and every distance after T steps is fixed by the "
               "eigenvalues of the update map (GDA: sqrt(1+eta^2) per step, e^10 over 2000 "
               "steps; EG and OGDA contract); the checks verify these identities (one run: no "
               "randomness).",),
    ),
    Claim(
        "A3", "gda-nonconvex-cycles",
        "In nonconvex-nonconcave games even the fixes fail: GDA, optimistic GDA and "
        "extra-gradient cycle on Letcher's game and on f1, while a convex-concave control "
        "converges.",
        tuple(
            Check(f"{game}, {m.upper()}: min over inits and step sizes of min |V| over the "
                  "second half", "cycles", N.a3(game, m, "min_field"), "only", ">=", 0.5, kind="measurement")
            for game in ("letcher", "f1") for m in ("gda", "ogda", "eg")
        ) + tuple(
            Check(f"control x^2/2+xy-y^2/2, {m.upper()}: largest final residual over inits and "
                  "step sizes", "cycles",
                  N.a3("control", m, "max_res"), "only", "<=", 1e-8, kind="measurement")
            for m in ("gda", "ogda", "eg")
        ) + (
            Check("step sizes run (CLAIMS A3: eta in {1e-2, 1e-3})", "cycles", N.A3_N_LRS, "only", ">=", 2.0, kind="certificate"),
        ),
        figure="A3",
        notes=("Each run is projected (clipped) onto [-3, 3]^2 and lasts 200/eta steps from 200 "
               "uniform inits, for both step sizes eta = 1e-2 and 1e-3 (2e4 and 2e5 steps) in "
               "every profile; each check takes the worst over inits and step sizes (runs.csv "
               "keeps a3_<game>_<method>_eta<eta>_min_field per step size and a3_n_lrs). The "
               "long runs use a compiled loop (planar_play) doing the same float operations as "
               "the shared update rules (a unit test checks they agree bitwise).",),
    ),
    Claim(
        "C3", "better-response-cycles",
        "Better-response paths may be cyclic.",
        (
            Check("x*y on [-1,1]^2: pure better-response path back at its start", "cycles",
                  N.C3_XY_RETURNED, "only", "==", 1.0, kind="certificate"),
            Check("x*y: moves in the cycle", "cycles", N.C3_XY_N_MOVES, "only", "==", 4.0, kind="certificate"),
            Check("x*y: smallest gain of a mover", "cycles", N.C3_XY_MIN_GAIN, "only", "==", 2.0, kind="certificate"),
            Check("x*y: largest gain of a mover", "cycles", N.C3_XY_MAX_GAIN, "only", "==", 2.0, kind="certificate"),
            Check("f1, alternating small steps: distance of the return to the start", "cycles",
                  N.C3_F1_RETURN_DIST, "only", "<=", 1e-2, kind="measurement"),
            Check("f1: half-steps that do not strictly improve the mover", "cycles",
                  N.C3_F1_N_NONIMPROVING, "only", "==", 0.0, kind="measurement"),
            Check("f1: full steps where f increases (f is not monotone)", "cycles",
                  N.C3_F1_N_F_UP, "only", ">=", 1.0, kind="measurement"),
            Check("f1: full steps where f decreases", "cycles", N.C3_F1_N_F_DOWN, "only", ">=", 1.0, kind="measurement"),
        ),
        figure="C3",
        notes=("The f1 path starts from A3's GDA limit point, takes `c3_burn` alternating steps "
               "(eta = 1e-3) onto the alternating dynamics' cycle, and is followed until it "
               "first comes back after leaving the start by 0.5; 'strictly improving' is "
               "checked as gain > 0 in float64 (runs.csv keeps the smallest gain).",),
    ),
]
