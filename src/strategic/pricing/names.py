"""Metric and table names of the `pricing` study, in one place: the runs write them, the claims
check them and the figures read them, so a rename is an import error, not a FAIL at the end
of a run. Also the claim constants the runs need (the claims check against the same ones).

Tables are the CSV stems a run writes into its folder (`report.tables` concatenates them).
Imports nothing: the run modules import it, so it is one of their code inputs.
"""

# ------------------------------------------------------------------ constants of CLAIMS.md
PN_PAPER, PM_PAPER = 1.4729, 1.9250   # Calvano et al. (2020) baseline prices (G1)
RETURN_TOL = 0.02                     # G2: "within 0.02 of pre-shock" (threshold of IR_RETURN_GAP)
PUNISH_CUT = 0.05                     # G2: "≥ 0.05 below its pre-shock level" (IR_RIVAL_DROP's threshold)
FIXED_POINT_SHARE_PAPER = 0.75        # G2: "about three quarters" of sessions end on a fixed point
TAU_DEVIATION = 1                     # impulse response: τ = 0 pre-shock, firm 1 deviates at τ = 1

# ------------------------------------------------------------------ sessions (baseline, myopic)
P_NASH, P_MONO = "p_nash", "p_mono"   # the computed prices (also columns of impulse.csv)
P_NASH_ERR, P_MONO_ERR = "p_nash_err", "p_mono_err"
CONVERGED_SHARE = "converged_share"
DELTA_MEAN = "delta_mean"              # mean profit gain Δ of a seed (also a column of grid.csv)
N_FIXED_POINT = "n_fixed_point"        # sessions whose limit path is a fixed point (G2's weight)
IR_RIVAL_DROP, IR_RETURN_GAP, IR_GAIN_MEAN = "ir_rival_drop", "ir_return_gap", "ir_gain_mean"
IR_NOT_PAYING_SHARE = "ir_not_paying_share"  # per session: share of fixed points where it does not pay
IR_PUNISH_SHARE = "ir_punish_share"          # per session: share of fixed points whose rival cuts ≥ PUNISH_CUT
FIXED_POINT_SHARE = "fixed_point_share"      # share of all sessions whose limit path is a fixed point
T_SESSIONS, T_IMPULSE = "sessions", "impulse"

# ------------------------------------------------------------------ α × β grid (grid)
T_GRID = "grid"
