"""The `tictactoe` study (CLAIMS H1, H2): an exact solver, and one network trained by
next-move prediction on logged play versus on minimax targets or self-play outcomes."""

from strategic.registry import Study
from strategic.tictactoe.config import TttSelfplay, TttSupervised, TttTranscripts

STUDY = Study(
    variants={"supervised": TttSupervised, "selfplay": TttSelfplay, "transcripts": TttTranscripts},
    runs={
        "supervised": "strategic.tictactoe.experiment:run_supervised",
        "selfplay": "strategic.tictactoe.experiment:run_selfplay",
        "transcripts": "strategic.tictactoe.experiment:run_transcripts",
    },
    figures=("H1", "H2"),
    network_variants=("supervised", "selfplay", "transcripts"),
)
