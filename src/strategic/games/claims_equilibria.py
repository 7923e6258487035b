"""Claims on the existence of equilibria (CLAIMS B1–B4, D3): pure, mixed, concave, finite,
non-compact games; double oracle and threshold dimension.

Thresholds are CLAIMS.md's (fixed there); metric names come from `names.py`.
"""

from strategic.contracts import Check, Claim
from strategic.games import names as N

CLAIMS = [
    Claim(
        "B1", "no-pure-nash",
        "u1 = -u2 = (x1 - x2)^2 on [-1, 1]^2 has no pure Nash equilibrium.",
        (
            Check("pure max-min of the maximiser on the odd grid", "grid", N.B1_PURE_MAXMIN,
                  "only", "==", 0.0, kind="certificate"),
            Check("pure min-max of the minimiser on the odd grid", "grid", N.B1_PURE_MINMAX,
                  "only", "==", 1.0, kind="certificate"),
            Check("grid profiles that are mutual best responses", "grid", N.B1_N_PURE_NASH,
                  "only", "==", 0.0, kind="certificate"),
        ),
        figure="B1",
    ),
    Claim(
        "B2", "mixed-nash-exists",
        "Mixed Nash equilibria exist (Glicksberg): the LP solves the grid game with value 1.",
        (
            Check("|LP value - 1| (HiGHS, odd grid)", "grid", N.B2_VALUE_ERR, "only", "<=", 1e-8, kind="certificate"),
            Check("maximiser's mass off {-1, +1}", "grid", N.B2_P_MASS_OFF_ENDS, "only", "<=", 1e-8, kind="certificate"),
            Check("maximiser's max |weight on +-1 - 1/2| / h", "grid", N.B2_P_WEIGHT_DEV_OVER_H,
                  "only", "<=", 0.5, kind="certificate"),
            Check("minimiser's mass at 0", "grid", N.B2_Q_MASS_AT_ZERO, "only", ">=", 1 - 1e-8, kind="certificate"),
            Check("even grid (no 0): (value - 1) / h^2", "grid", N.B2_EVEN_EXCESS_OVER_H2,
                  "only", "in", [1e-6, 1.0], kind="certificate"),
        ),
        figure="B2",
        nuance="Here the mixed equilibrium has finite support (two points for the maximiser, "
               "one for the minimiser); Glicksberg only guarantees some mixed equilibrium.",
        notes=("Mass tolerances of 1e-8 are the LP's numerical resolution (HiGHS tolerances "
               "1e-10); the even-grid lower bound 1e-6 h^2 stands for CLAIMS.md's strict 0 < "
               "value - 1 at that resolution.",),
    ),
    Claim(
        "B3", "concave-games-have-nash",
        "Concave games have Nash equilibria (Debreu/Rosen), finite games have mixed ones (Nash): "
        "gradient play finds the Cournot equilibrium; random bimatrix games have an odd number.",
        (
            Check("Cournot: max |q_T - (3, 3)| over all inits (corners + uniform)", "existence",
                  N.B3_COURNOT_MAX_DIST, "max", "<=", 1e-9, kind="certificate"),
            Check("Cournot: largest unilateral gain max_i u_i(BR_i, q_-i) - u_i(q_T)", "existence",
                  N.B3_COURNOT_MAX_GAIN, "max", "<=", 1e-9, kind="certificate"),
            Check("random 4x4 bimatrix games: fewest equilibria found in a game", "existence",
                  N.B3_MIN_EQUILIBRIA, "min", ">=", 1.0, kind="certificate"),
            Check("random 4x4 bimatrix games: largest regret of a found equilibrium", "existence",
                  N.B3_MAX_EQ_REGRET, "max", "<=", 1e-9, kind="certificate"),
            Check("random 4x4 bimatrix games: games with an even number of equilibria", "existence",
                  N.B3_N_EVEN_COUNTS, "max", "==", 0.0, kind="certificate"),
            Check("random 4x4 bimatrix games: games flagged degenerate (count not trusted)",
                  "existence", N.B3_N_DEGENERATE, "max", "==", 0.0, kind="measurement"),
        ),
        figure="B3",
        notes=("Support enumeration over equal-size supports finds every equilibrium of a "
               "nondegenerate game. Degeneracy is checked, not assumed: a game is flagged when a "
               "candidate's smallest strict inequality (positive weights, off-support payoffs "
               "below the equilibrium payoff) is within 1e-9 of 0 or a support system is "
               "singular; runs.csv keeps the smallest such margin over all candidates "
               "(b3_min_abs_margin). Payoffs are i.i.d. standard normal (nondegenerate w.p. 1).",
               "The Cournot distance to (3, 3) has no threshold in CLAIMS.md; 1e-9 is used, "
               "the same as for the unilateral gain.",
               "Kinds: projected gradient play on the Cournot game is a contraction (factor "
               "max(|1 - lr|, |1 - 3 lr|) = 0.9 per step), and existence, regret and the odd "
               "count of equilibria are Nash's and Wilson's theorems on nondegenerate games: "
               "certificates. The measurement is whether the 200 random games drawn are "
               "nondegenerate at the 1e-9 margin.",),
    ),
    Claim(
        "B4", "noncompact-no-equilibrium",
        "Without compactness equilibria can fail to exist: guess-the-larger-number "
        "A(x, y) = sign(x - y) on the naturals has no equilibrium, not even a coarse correlated one.",
        (
            Check("truncations {1..n}, n in {5, 50, 500}: LP equilibrium mass at (n, n), min over n",
                  "noncompact", N.B4_TRUNC_MIN_MASS_AT_N, "only", ">=", 1 - 1e-8, kind="certificate"),
            Check("truncations: pure mutual best responses other than (n, n)", "noncompact",
                  N.B4_TRUNC_N_PURE_NOT_NN, "only", "==", 0.0, kind="certificate"),
            Check("1000 random finitely supported joint distributions: max |CCE gap - 2|",
                  "existence", N.B4_CCE_GAP_MAX_ERR, "max", "<=", 1e-12, kind="certificate"),
            Check("those distributions: max |oracle deviation gain - brute force over "
                  "{1..R+1}| (the oracle is exact)", "existence", N.B4_CCE_ORACLE_VS_BRUTE_ERR,
                  "max", "<=", 1e-12, kind="certificate"),
            Check("fictitious play: smallest per-iteration growth of the support maximum",
                  "noncompact", N.B4_FP_MIN_SUPPORT_GROWTH, "only", ">=", 1.0, kind="certificate"),
            Check("fictitious play: max_t |certified gap - 2|", "noncompact", N.B4_FP_GAP_MAX_ERR,
                  "only", "<=", 1e-12, kind="certificate"),
        ),
        figure="B4",
        notes=("The CCE gap of a joint distribution is the sum of both players' best deviation "
               "gains (exact best responses on the naturals: one more than the opponent's "
               "largest atom); in a zero-sum game it equals the duality gap of the marginals, "
               "here always 1 + 1 = 2, so no distribution is an eps-CCE for eps < 1.",
               "The LP mass tolerance 1e-8 is its numerical resolution (as in B2); the pure "
               "check is exact.",
               "An exact demonstration: every check verifies an identity (the gap of 2, the "
               "oracle's max + 1 growth) or an exact LP/pure computation; the truncations and "
               "fictitious play use no randomness and run once (variant noncompact).",),
    ),
    Claim(
        "D3", "double-oracle",
        "Minimax equilibria / CCE exist in infinite games without a copy of "
        "guess-the-larger-number (finite threshold dimension), and a double-oracle method "
        "converges with a certified gap.",
        (
            Check("(x1 - x2)^2 on [-1, 1]: best certified gap within 20 iterations", "oracle",
                  N.do("d3", "distance_best_gap"), "max", "<=", 1e-6, kind="measurement"),
            Check("(x1 - x2)^2: p's mass off {-1, +1}", "oracle", N.do("d3", "distance_p_mass_off_ends"),
                  "max", "<=", 1e-6, kind="certificate"),
            Check("(x1 - x2)^2: |p(+1) - 1/2|", "oracle", N.do("d3", "distance_p_weight_dev"), "max",
                  "<=", 1e-3, kind="certificate"),
            Check("(x1 - x2)^2: root-mean-square distance of q from 0", "oracle",
                  N.do("d3", "distance_q_rms"), "max", "<=", 1e-3, kind="certificate"),
            Check("guess-the-larger-number: max_t |certified gap - 2|", "oracle_n",
                  N.do("d3", "larger_gap_max_err"), "only", "<=", 1e-12, kind="certificate"),
            Check("matching 1[x = y]: max_t (best-so-far gap - 1/ceil(t/2))", "oracle_n",
                  N.do("d3", "matching_bound_excess"), "only", "<=", 1e-9, kind="certificate"),
            Check("history DO, (x1 - x2)^2: log-log slope of the best-so-far gap vs t over "
                  "[10, T = 400] (worst start)", "oracle", N.do("d3_hist", "distance_slope"), "max",
                  "<=", -0.3, kind="measurement"),
            Check("history DO, matching: log-log slope of the best-so-far gap vs t over "
                  "[10, T = 400]", "oracle_n", N.do("d3_hist", "matching_slope"), "only", "<=", -0.3,
                  kind="measurement"),
            Check("history DO, guess-the-larger-number: max_t |certified gap - 2| (T = 400)",
                  "oracle_n", N.do("d3_hist", "larger_gap_max_err"), "only", "<=", 1e-12,
                  kind="certificate"),
            Check("threshold dimension of guess-the-larger on {1..n}: smallest increase per size",
                  "oracle_n", N.D3_TD_LARGER_MIN_INCREASE, "only", ">=", 1.0, kind="certificate"),
            Check("threshold dimension of matching on {1..n}: smallest", "oracle_n",
                  N.D3_TD_MATCHING_MIN, "only", "==", 1.0, kind="certificate"),
            Check("threshold dimension of matching on {1..n}: largest", "oracle_n",
                  N.D3_TD_MATCHING_MAX, "only", "==", 1.0, kind="certificate"),
        ),
        figure="D3",
        notes=("Implemented, exactly two variants: (1) plain Double Oracle (McMahan-Gordon-Blum "
               "ICML'03): HiGHS LP on the restricted game, exact best responses to the "
               "restricted equilibrium (p_t, q_t), certified gap A(BR(q_t), q_t) - A(p_t, "
               "BR(p_t)); (2) the history variant: the same restricted LPs, but best responses "
               "to the running averages (p-bar_t, q-bar_t) of the restricted equilibria "
               "(the oracle calls of Assos-Attias-Dagan-Daskalakis-Fishelson COLT'23, the "
               "closest we have to the cited algorithm; not their full method), whose gap "
               "certifies the averaged pair. Both are checked: plain DO over 20 iterations on "
               "(x1 - x2)^2 and 40 on the games on N; the history variant over T = 400 "
               "iterations on all three.",
               "The games on N start from (1, 1) and use no randomness: they run once "
               "(variant oracle_n); the seeds of variant oracle draw the start on [-1, 1]^2.",
               "The history variant's slope is the least-squares slope of log(best-so-far gap) "
               "against log t over t in [10, T] (CLAIMS.md); -0.3 is CLAIMS.md's bar.",
               "CLAIMS.md gives no tolerance for 'p on +-1 w.p. 1/2, q at 0'. The gap certifies "
               "them: 1 - Var_p(x) <= gap and E_q[y^2] <= gap, so gap <= 1e-6 pins them to "
               "sqrt(1e-6) = 1e-3; mass off +-1 is held to 1e-6.",
               "The matching bound is attained with equality (gap 1/k at t = 2k - 1: the "
               "restricted game is the k x k identity, by construction of the oracles), so it "
               "is a certificate; the check allows 1e-9 of rounding in the LP's weights 1/k.",
               "Threshold dimension: largest k with A(x_i, y_j) = 1[i >= j], for the binary "
               "'row wins' matrices 1[x > y] and 1[x = y] of the truncations, found by exhaustive "
               "search; it is n - 1 on {1..n} for guess-the-larger and 1 for matching.",),
    ),
]
