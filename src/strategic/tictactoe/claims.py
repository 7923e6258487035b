"""Claims H1, H2 of CLAIMS.md: statements, checks and thresholds (fixed there)."""

from strategic.contracts import Check, Claim, Reported, find_check
from strategic.tictactoe import names as N

N_NONTERMINAL = 4520   # reachable non-terminal positions (H1's threshold; H2's rates are over them)
N_HELD_OUT = 8 + round(0.2 * (N_NONTERMINAL - 8))  # H2 (iii b): the talk board's 8 images + 20 %


def _selfplay_checks() -> tuple[Check, ...]:
    what, v = "self-play (Q-learning on its own games' results)", "selfplay"
    return (
        Check(f"{what}: share of the {N_NONTERMINAL} positions where the pick keeps the minimax "
              "value (worst seed)", v, N.metric(N.SELFPLAY, N.VALUE_RATE), "min", ">=", 0.99,
              kind="measurement"),
        Check(f"{what}: picks top-middle (cell {N.WIN_CELL}) on the talk board (1 = yes; worst "
              "seed)", v, N.metric(N.SELFPLAY, N.TALK_WINS), "min", "==", 1.0, kind="measurement"),
        Check(f"{what}: games lost to the minimax player out of 1000, both sides (worst seed)",
              v, N.metric(N.SELFPLAY, N.LOSSES_VS_MINIMAX), "max", "==", 0.0, kind="measurement"),
    )


def check(column: str, reduce: str | None = None) -> Check:
    """The one Check of the catalogue on metric `column` (figures read thresholds from it)."""
    return find_check(CLAIMS, column, reduce)


CLAIMS = [
    Claim(
        "H1", "ttt-solver",
        "On the talk's board (x| |x / o|o| / | |, x to move) the winning move is top-middle; "
        "the answer 'middle-right, to block' misses an immediate win.",
        (
            Check("reachable non-terminal positions found by the solver", "solver",
                  N.SOLVER_N_NONTERMINAL, "only", "==", float(N_NONTERMINAL), kind="certificate"),
            Check(f"top-middle (cell {N.WIN_CELL}) is the unique fastest win (1 = yes)",
                  "solver", N.SOLVER_TALK_FASTEST_IS_TOP_MIDDLE, "only", "==", 1.0, kind="certificate"),
            Check("plies to the win after top-middle", "solver", N.SOLVER_TALK_CELL1_PLIES,
                  "only", "==", 1.0, kind="certificate"),
            Check("the winning moves are exactly {top-middle, middle-right} (1 = yes)",
                  "solver", N.SOLVER_TALK_WINNING_SET_OK, "only", "==", 1.0, kind="certificate"),
            Check("plies to the win after middle-right (the 'block' answer)", "solver",
                  N.SOLVER_TALK_CELL5_PLIES, "only", "==", 3.0, kind="certificate"),
        ),
        figure="H1",
        nuance="The 'block' answer also wins, in 3 plies (x then threatens two lines); what is "
               "wrong is the reasoning that ignores the immediate win.",
        notes=("The solver is exact and deterministic; every seed's run recomputes it, and the "
               "checks take the worst seed.",),
    ),
    Claim(
        "H2", "ttt-imitation-vs-strategic",
        "Strategic behaviour does not emerge from standard training: next-move prediction "
        "reproduces its data (block-first play: it blocks on the talk board) and, even on the "
        "minimax player's games, plays well only where those games went; trained on the results "
        "of its own games, or on minimax targets with the talk board held out, the same network "
        "wins there.",
        (
            Check(f"(i) next-move prediction on block-first play: picks middle-right (cell "
                  f"{N.BLOCK_CELL}) on the talk board (1 = yes; worst seed)", "supervised",
                  N.metric(N.BLOCK, N.TALK_BLOCKS), "min", "==", 1.0, kind="measurement"),
            Check("(i) next-move prediction on block-first play: optimal-move rate minus the data "
                  "policy's (worst seed)", "supervised", N.metric(N.BLOCK, N.OPT_EXCESS), "max",
                  "<=", 0.05, kind="measurement"),
            Check("(ii) next-move prediction on minimax play: optimal-move rate on the positions "
                  "its games visit minus on those they never visit, in points (worst seed)",
                  "supervised", N.metric(N.MINIMAX, N.SEEN_GAP), "min", ">=", 10.0, scale=100.0,
                  kind="measurement"),
            *(_selfplay_checks()),
            Check("(iii b) minimax targets, the talk board + its 7 symmetric images + 20 % of the "
                  f"rest held out: picks top-middle (cell {N.WIN_CELL}) on the held-out talk "
                  "board (1 = yes; worst seed; refused if any image was trained on)", "supervised",
                  N.metric(N.HELDOUT, N.TALK_WINS), "min", "==", 1.0, kind="measurement"),
            Check("(iii b) images of the talk board among the held-out model's training rows "
                  "(worst seed)", "supervised", N.metric(N.HELDOUT, N.TALK_IMAGES_SEEN), "max",
                  "==", 0.0, kind="certificate"),
            Check("(iii b) positions held out (the 8 images + 20 % of the other "
                  f"{N_NONTERMINAL - 8}; worst seed)", "supervised",
                  N.metric(N.HELDOUT, N.UNSEEN_POSITIONS), "max", "==", float(N_HELD_OUT),
                  kind="certificate"),
        ),
        figure="H2",
        reported=(
            Reported("(ii) next-move prediction on minimax play: share of seeds picking middle-right "
                     f"(cell {N.BLOCK_CELL}) on the talk board", "supervised",
                     N.metric(N.MINIMAX, N.TALK_BLOCKS), "mean"),
            Reported("(ii) minimax imitation: share of seeds picking top-middle (cell "
                     f"{N.WIN_CELL}) on the talk board", "supervised",
                     N.metric(N.MINIMAX, N.TALK_WINS), "mean"),
            Reported("(ii) minimax imitation: times its logged games reach the talk board "
                     "(worst seed)", "supervised", N.data(N.MINIMAX, "talk_visits"), "max"),
            Reported("(ii) minimax imitation: optimal-move rate on the visited positions (mean "
                     "of seeds)", "supervised", N.metric(N.MINIMAX, N.SEEN_OPT_RATE), "mean"),
            Reported("(ii) minimax imitation: optimal-move rate on the never-visited positions "
                     "(mean of seeds)", "supervised", N.metric(N.MINIMAX, N.UNSEEN_OPT_RATE), "mean"),
            Reported("(iii a) self-play games per seed", "selfplay",
                     N.metric(N.SELFPLAY, N.GAMES), "max"),
            Reported("(iii b) held-out model: optimal-move rate on the held-out positions (worst seed)",
                     "supervised", N.metric(N.HELDOUT, N.UNSEEN_OPT_RATE), "min"),
            Reported("(iii b) held-out model: games lost to the minimax player out of 1000 (worst "
                     "seed)", "supervised", N.metric(N.HELDOUT, N.LOSSES_VS_MINIMAX), "max"),
        ),
        nuance="The block-first log never contains the talk's board (block-first o blocks x's "
               "0-_-2 threat at once), so the imitation model's pick there is generalisation "
               "from the data policy: it learned 'block first', not 'win'. Nor do the minimax "
               "player's games: where its data went, next-move prediction on optimal play is "
               "optimal; elsewhere it is not.",
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
               "(ii) reported beside the checks: what the minimax-imitation model picks on the talk "
               f"board ({N.metric(N.MINIMAX, 'talk_argmax')}; its games never reach that board: "
               f"{N.data(N.MINIMAX, 'talk_visits')}), and its rates on the visited and never-"
               f"visited positions ({N.metric(N.MINIMAX, N.SEEN_OPT_RATE)}, "
               f"{N.metric(N.MINIMAX, N.UNSEEN_OPT_RATE)}; table seen.csv).",
               "(iii a) Self-play: the network's 9 scores are action values; each training step "
               "plays a batch of epsilon-greedy games of the network against itself from the empty "
               "board and takes one TD(0) Q-learning step (negamax, discount per ply) on the "
               "distinct moves played. No solver value and no sweep over positions enters the "
               "learning; the solver only scores it, also during training (selfplay_curve.csv).",
               "(iii b) reported beside the checks: the held-out model's optimal-move rate on the held-"
               f"out positions ({N.metric(N.HELDOUT, N.UNSEEN_OPT_RATE)}) and on the 8 images "
               f"of the talk board ({N.metric(N.HELDOUT, 'talk_images_opt_rate')}). The split is "
               "drawn per seed; the check reads the rows the model actually trained on.",
               "The `transcripts` variant (CLAIMS.md H2's last paragraph; small in the quick "
               "profile, larger in the paper profile) trains a causal transformer by next-token "
               "prediction on transcripts of random, block-first and minimax players and prompts "
               "it with the four move orders reaching the talk's board; runs.csv reports what it "
               "picks (gpt_<source>_talk_argmax, p1, p5, prompts picking 1 or 5) and how many "
               "transcripts reach that board (none for block-first or minimax play). It has no "
               "pass criterion.",),
    ),
]
