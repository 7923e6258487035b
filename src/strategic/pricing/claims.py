"""Claims G1, G2 of CLAIMS.md: statements, checks and thresholds (fixed there).

A seed is a block of equally many sessions, so the mean over seeds of a per-seed share or mean
is the pooled value over all sessions.
"""

from strategic.contracts import Check, Claim, Reported
from strategic.pricing import names as N

CLAIMS = [
    Claim(
        "G1", "collusion",
        "Training without regard to the other agents can lead to collusion: independent "
        "Q-learning pricing algorithms in a duopoly learn supra-competitive prices "
        "(Calvano et al., AER 2020).",
        (
            Check(f"|pN - {N.PN_PAPER:.4f}| (Nash price from the first-order condition)",
                  "baseline", N.P_NASH_ERR, "max", "<=", 1e-3, kind="certificate"),
            Check(f"|pM - {N.PM_PAPER:.4f}| (monopoly price from the joint first-order condition)",
                  "baseline", N.P_MONO_ERR, "max", "<=", 1e-3, kind="certificate"),
            Check("share of sessions converged (greedy strategies stable for 1e5 periods)",
                  "baseline", N.CONVERGED_SHARE, "mean", ">=", 0.95, kind="measurement"),
            Check("mean profit gain Delta = (pi - piN)/(piM - piN) over all sessions",
                  "baseline", N.DELTA_MEAN, "mean", "in", [0.75, 0.95], kind="measurement"),
            Check("control, myopic firms (delta = 0): mean profit gain Delta", "myopic",
                  N.DELTA_MEAN, "mean", "<=", 0.3, kind="measurement"),
        ),
        figure="G1",
        notes=("CLAIMS.md's strict bound for the control (mean Delta < 0.3) is checked as <=.",
               "Delta of a session is averaged over its limit cycle (greedy play from the final "
               "state) and over both firms; runs.csv also has its spread (delta_sd), the "
               "convergence times (mean_periods) and the share of fixed points.",),
    ),
    Claim(
        "G2", "punishment",
        "The learned price policies punish deviations: after a one-period deviation the rival "
        "cuts its price, both return to the pre-shock prices, and the deviation does not pay.",
        (
            Check("rival's price drop one period after the deviation (mean over fixed-point "
                  "sessions)", "baseline", N.IR_RIVAL_DROP, "mean", ">=", N.PUNISH_CUT,
                  weight=N.N_FIXED_POINT, kind="measurement"),
            Check("max over firms |mean price - pre-shock| 15 periods after the deviation",
                  "baseline", N.IR_RETURN_GAP, "mean", "<=", N.RETURN_TOL, weight=N.N_FIXED_POINT,
                  kind="measurement"),
            Check("deviator's discounted (delta = 0.95) profit with the deviation / without, "
                  "minus 1 (mean over fixed-point sessions)", "baseline", N.IR_GAIN_MEAN,
                  "mean", "<=", 0.0, weight=N.N_FIXED_POINT, kind="measurement"),
        ),
        figure="G2",
        reported=(
            Reported(f"per session: share of fixed-point sessions whose rival cuts by >= "
                     f"{N.PUNISH_CUT} (punish)", "baseline", N.IR_PUNISH_SHARE, "mean",
                     weight=N.N_FIXED_POINT),
            Reported("per session: share of fixed-point sessions where the deviation does not pay",
                     "baseline", N.IR_NOT_PAYING_SHARE, "mean", weight=N.N_FIXED_POINT),
            Reported(f"share of all sessions ending on a fixed point (paper: about "
                     f"{N.FIXED_POINT_SHARE_PAPER})", "baseline", N.FIXED_POINT_SHARE, "mean"),
        ),
        notes=("Averages pool the sessions whose limit path is a fixed point over all seeds "
               "(per-seed means weighted by their number of fixed points). The return gap is "
               "the weighted mean of the per-seed gaps, an upper bound on the pooled gap.",
               "'below what staying on path gives' (strict) is checked as relative gain <= 0.",
               "The pooled means can hide counterexamples: the per-session shares are reported "
               "beside the checks and the figure's right panel shows every session's rival cut "
               "and deviation gain.",),
    ),
]
