"""Metric and table names of the `tictactoe` study, in one place: the runs write them, the
claims check them and the figures read them, so a rename is an import error, not a FAIL at the
end of a run. Fixed names are constants; families are functions of their parts.

Tables are the CSV stems a run writes into its folder (`report.tables` concatenates them).
Imports nothing: the run modules import it, so it is one of their code inputs.
"""

# ------------------------------------------------------------------ the talk's board (H1, H2)
WIN_CELL, BLOCK_CELL = 1, 5   # top-middle wins at once; middle-right is the 'block' answer

# ------------------------------------------------------------------ solver (supervised)
SOLVER_N_NONTERMINAL = "solver_n_nonterminal"
SOLVER_TALK_FASTEST_IS_TOP_MIDDLE = "solver_talk_fastest_is_top_middle"
SOLVER_TALK_CELL1_PLIES, SOLVER_TALK_CELL5_PLIES = "solver_talk_cell1_plies", "solver_talk_cell5_plies"
SOLVER_TALK_WINNING_SET_OK = "solver_talk_winning_set_ok"
T_SOLVER_TALK, T_POSITIONS = "solver_talk", "positions"

# ------------------------------------------------------------------ regimes (supervised, selfplay)
# The `regime` column of rates.csv and talk_probs.csv and the first part of the metric families.
RANDOM, BLOCK, MIX = "random", "block", "mix"   # next-move prediction on logged play ...
MINIMAX = "minimax"                            # ... of non-strategic players, and of minimax
HELDOUT = "heldout"      # supervised minimax targets, the talk board's orbit + 20 % held out
SELFPLAY = "selfplay"    # Q-learning on the outcomes of the network's own games
MODEL, DATA = "model", "data"                  # rates.csv `source`: the network, the data policy
OPT_RATE, VALUE_RATE = "opt_rate", "value_rate"   # also columns of rates.csv (policies.rates)
MODE_OPT_RATE = "mode_opt_rate"                 # the data policy's likeliest move(s): rates.csv, data()
OPT_EXCESS = "opt_excess"
TALK_WINS, TALK_BLOCKS, LOSSES_VS_MINIMAX = "talk_wins", "talk_blocks", "losses_vs_minimax"
# seen / unseen: the non-terminal positions the training data contains or not (minimax: the
# positions its logged games visit; heldout: the training split); gap = seen - unseen rate
SEEN_OPT_RATE, UNSEEN_OPT_RATE, SEEN_GAP = "seen_opt_rate", "unseen_opt_rate", "seen_gap"
UNSEEN_VALUE_RATE, UNSEEN_POSITIONS = "unseen_value_rate", "unseen_positions"
TALK_IMAGES_SEEN = "talk_images_seen"   # heldout: talk-board images among the training rows
GAMES = "games"                         # selfplay: games played in training


def metric(regime: str, what: str) -> str:
    """A trained network's metrics: what ∈ opt_rate, value_rate, talk_argmax, talk_p1,
    talk_p5, talk_wins, talk_blocks, losses_vs_minimax, draws_vs_minimax; opt_excess (logged
    regimes: the network's opt_rate minus the data policy's); seen_opt_rate, unseen_opt_rate,
    seen_gap, unseen_value_rate, unseen_positions (minimax, heldout); talk_images_seen,
    talk_images_opt_rate (heldout); games, talk_q1, talk_q5 (selfplay: its action values on
    the talk board; its talk_p* are then the argmax one-hot)."""
    return f"{regime}_{what}"


def data(regime: str, what: str) -> str:
    """A logged regime's data-policy metrics: what ∈ opt_rate, value_rate, mode_opt_rate,
    positions, talk_visits."""
    return f"data_{regime}_{what}"


T_RATES, T_TALK_PROBS = "rates", "talk_probs"
T_SEEN = "seen"                      # supervised: regime, seen/unseen rates (seen_split)
T_SELFPLAY_CURVE = "selfplay_curve"  # selfplay: games, value_rate during training

# ------------------------------------------------------------------ transformer (transcripts)
GPT = "gpt_"


def gpt(source: str) -> str:
    """The regime of the transformer trained on `source`'s transcripts; its metrics are
    metric(gpt(source), what), what ∈ talk_argmax, talk_p1, talk_p5, prompts_picking_1,
    prompts_picking_5, transcripts_reaching_talk, final_loss."""
    return f"{GPT}{source}"
