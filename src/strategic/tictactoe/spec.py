"""The `tictactoe` study (CLAIMS H1, H2): an exact solver, and one network trained by
next-move prediction on logged play (of non-strategic and of minimax players) versus on
self-play outcomes or on minimax targets with the talk board held out."""

from strategic.contracts import Study, Variant
from strategic.tictactoe import names as N
from strategic.tictactoe.config import TttSelfplay, TttSolver, TttSupervised, TttTranscripts

_M = "strategic.tictactoe."
STUDY = Study(
    name="tictactoe",
    variants={
        "solver": Variant(TttSolver, _M + "experiment:run_solver", job="tictactoe",
                          key_metric=N.SOLVER_N_NONTERMINAL),
        "supervised": Variant(TttSupervised, _M + "experiment:run_supervised", network=True,
                              job="tictactoe", key_metric=N.metric(N.MINIMAX, N.SEEN_GAP),
                              cpu_minutes=2.0),
        "selfplay": Variant(TttSelfplay, _M + "experiment:run_selfplay", network=True, job="tictactoe",
                            key_metric=N.metric(N.SELFPLAY, N.VALUE_RATE), cpu_minutes=1.0),
        "transcripts": Variant(TttTranscripts, _M + "experiment:run_transcripts", network=True,
                               job="tictactoe", key_metric=N.metric(N.gpt(N.MINIMAX), "talk_p1")),
    },
    figures=("H1", "H2"),
    commands=_M + "commands:add_commands",
)
