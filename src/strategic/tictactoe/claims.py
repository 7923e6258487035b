"""Claims H1, H2 of CLAIMS.md: statements, checks and thresholds (fixed there)."""

from strategic.contracts import Check, Claim

_STRATEGIC = {"minimax": "supervised on minimax targets", "selfplay": "self-play on the outcome"}


def _strategic_checks(regime: str, variant: str) -> tuple[Check, ...]:
    what = _STRATEGIC[regime]
    return (
        Check(f"{what}: share of the 4520 positions where the pick keeps the minimax value "
              "(worst seed)", variant, f"{regime}_value_rate", "min", ">=", 0.99),
        Check(f"{what}: picks top-middle (cell 1) on the talk board (1 = yes; worst seed)",
              variant, f"{regime}_talk_wins", "min", "==", 1.0),
        Check(f"{what}: games lost to the minimax player out of 1000, both sides (worst seed)",
              variant, f"{regime}_losses_vs_minimax", "max", "==", 0.0),
    )


CLAIMS = [
    Claim(
        "H1", "ttt-solver",
        "On the talk's board (x| |x / o|o| / | |, x to move) the winning move is top-middle; "
        "the answer 'middle-right, to block' misses an immediate win.",
        (
            Check("reachable non-terminal positions found by the solver", "supervised",
                  "solver_n_nonterminal", "max", "==", 4520.0),
            Check("top-middle (cell 1) is the unique fastest win (1 = yes)", "supervised",
                  "solver_talk_fastest_is_top_middle", "min", "==", 1.0),
            Check("plies to the win after top-middle", "supervised", "solver_talk_cell1_plies",
                  "max", "==", 1.0),
            Check("the winning moves are exactly {top-middle, middle-right} (1 = yes)",
                  "supervised", "solver_talk_winning_set_ok", "min", "==", 1.0),
            Check("plies to the win after middle-right (the 'block' answer)", "supervised",
                  "solver_talk_cell5_plies", "max", "==", 3.0),
        ),
        figure="H1",
        nuance="The 'block' answer also wins, in 3 plies (x then threatens two lines); what is "
               "wrong is the reasoning that ignores the immediate win.",
        notes=("The solver is exact and deterministic; every seed's run recomputes it, and the "
               "checks take the worst seed.",),
    ),
    Claim(
        "H2", "ttt-imitation-vs-strategic",
        "Strategic behaviour does not emerge from standard training: a network trained by "
        "next-move prediction on logged non-strategic play blocks on the talk board, while the "
        "same network trained on minimax targets or on self-play outcomes wins.",
        (
            Check("next-move prediction on block-first play: picks middle-right (cell 5) on the "
                  "talk board (1 = yes; worst seed)", "supervised", "block_talk_blocks",
                  "min", "==", 1.0),
            Check("next-move prediction on block-first play: optimal-move rate minus the data "
                  "policy's (worst seed)", "supervised", "block_opt_excess", "max", "<=", 0.05),
            *_strategic_checks("minimax", "supervised"),
            *_strategic_checks("selfplay", "selfplay"),
        ),
        figure="H2",
        nuance="The block-first log never contains the talk's board (block-first o blocks x's "
               "0-_-2 threat at once), so the imitation model's pick there is generalisation "
               "from the data policy: it learned 'block first', not 'win'.",
        notes=("Next-move prediction on logged play is our model of 'standard training'; this "
               "is not a measurement of any particular chatbot.",
               "Optimal move = depth-aware minimax move (fastest win, slowest loss); rates are "
               "over all 4520 reachable non-terminal positions, weighted equally. A model's "
               "rate is that of its argmax move; the data policy's rate is the probability of "
               "an optimal move under it (for block-first this equals the rate of its most "
               "likely moves with ties broken uniformly: data_<regime>_mode_opt_rate in "
               "runs.csv).",
               "The minimax player picks uniformly among the moves that keep the game's value, "
               "so the 1000 games differ; the model plays its argmax move, 500 games as x and "
               "500 as o.",
               "Self-play: policy iteration on game outcomes from every (position, move) "
               "(exploring starts); it uses no solver value.",
               "The `transcripts` variant (CLAIMS.md H2's last paragraph; small in the quick "
               "profile, larger in the paper profile) trains a causal transformer by next-token "
               "prediction on transcripts of random, block-first and minimax players and prompts "
               "it with the four move orders reaching the talk's board; runs.csv reports what it "
               "picks (gpt_<source>_talk_argmax, p1, p5, prompts picking 1 or 5) and how many "
               "transcripts reach that board (none for block-first or minimax play). It has no "
               "pass criterion.",),
    ),
]
