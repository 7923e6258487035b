"""Claims H1, H2 of CLAIMS.md: statements, checks and thresholds (fixed there)."""

from strategic.contracts import Check, Claim
from strategic.tictactoe import names as N

N_NONTERMINAL = 4520   # reachable non-terminal positions (H1's threshold; H2's rates are over them)
_STRATEGIC = {N.MINIMAX: "supervised on minimax targets", N.SELFPLAY: "self-play on the outcome"}


def _strategic_checks(regime: str, variant: str) -> tuple[Check, ...]:
    what = _STRATEGIC[regime]
    return (
        Check(f"{what}: share of the {N_NONTERMINAL} positions where the pick keeps the minimax "
              "value (worst seed)", variant, N.metric(regime, N.VALUE_RATE), "min", ">=", 0.99, kind="measurement"),
        Check(f"{what}: picks top-middle (cell {N.WIN_CELL}) on the talk board (1 = yes; worst "
              "seed)", variant, N.metric(regime, N.TALK_WINS), "min", "==", 1.0, kind="measurement"),
        Check(f"{what}: games lost to the minimax player out of 1000, both sides (worst seed)",
              variant, N.metric(regime, N.LOSSES_VS_MINIMAX), "max", "==", 0.0, kind="measurement"),
    )


def check(column: str) -> Check:
    """The one Check of the catalogue on metric `column` (figures read thresholds from it)."""
    found = [k for c in CLAIMS for k in c.checks if k.column == column]
    if len(found) != 1:
        raise KeyError(f"{len(found)} checks on {column!r}; need exactly one")
    return found[0]


CLAIMS = [
    Claim(
        "H1", "ttt-solver",
        "On the talk's board (x| |x / o|o| / | |, x to move) the winning move is top-middle; "
        "the answer 'middle-right, to block' misses an immediate win.",
        (
            Check("reachable non-terminal positions found by the solver", "supervised",
                  N.SOLVER_N_NONTERMINAL, "max", "==", float(N_NONTERMINAL), kind="certificate"),
            Check(f"top-middle (cell {N.WIN_CELL}) is the unique fastest win (1 = yes)",
                  "supervised", N.SOLVER_TALK_FASTEST_IS_TOP_MIDDLE, "min", "==", 1.0, kind="certificate"),
            Check("plies to the win after top-middle", "supervised", N.SOLVER_TALK_CELL1_PLIES,
                  "max", "==", 1.0, kind="certificate"),
            Check("the winning moves are exactly {top-middle, middle-right} (1 = yes)",
                  "supervised", N.SOLVER_TALK_WINNING_SET_OK, "min", "==", 1.0, kind="certificate"),
            Check("plies to the win after middle-right (the 'block' answer)", "supervised",
                  N.SOLVER_TALK_CELL5_PLIES, "max", "==", 3.0, kind="certificate"),
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
            Check(f"next-move prediction on block-first play: picks middle-right (cell "
                  f"{N.BLOCK_CELL}) on the talk board (1 = yes; worst seed)", "supervised",
                  N.metric(N.BLOCK, N.TALK_BLOCKS), "min", "==", 1.0, kind="measurement"),
            Check("next-move prediction on block-first play: optimal-move rate minus the data "
                  "policy's (worst seed)", "supervised", N.metric(N.BLOCK, N.OPT_EXCESS), "max",
                  "<=", 0.05, kind="measurement"),
            *_strategic_checks(N.MINIMAX, "supervised"),
            *_strategic_checks(N.SELFPLAY, "selfplay"),
        ),
        figure="H2",
        nuance="The block-first log never contains the talk's board (block-first o blocks x's "
               "0-_-2 threat at once), so the imitation model's pick there is generalisation "
               "from the data policy: it learned 'block first', not 'win'.",
        notes=("Next-move prediction on logged play is our model of 'standard training'; this "
               "is not a measurement of any particular chatbot.",
               "Optimal move = depth-aware minimax move (fastest win, slowest loss); rates are "
               f"over all {N_NONTERMINAL} reachable non-terminal positions, weighted equally. "
               "A model's rate is that of its argmax move; the data policy's rate is the probability of "
               "an optimal move under it (for block-first this equals the rate of its most "
               f"likely moves with ties broken uniformly: {N.data('<regime>', N.MODE_OPT_RATE)} in "
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
