"""The `robustness` study (CLAIMS F1–F4): naively trained models can be manipulated. Two jobs,
one per input type, each training its models once per seed and running every attack on them."""

from strategic.contracts import Study, Variant
from strategic.robustness import names as N
from strategic.robustness.config import RobPGD, RobSpatial

_M = "strategic.robustness."
STUDY = Study(
    name="robustness",
    variants={
        "pgd": Variant(RobPGD, _M + "experiment_pgd:run_pgd", network=True,
                       key_metric=N.metric(N.ADV, N.PGD), cpu_minutes=1.5),
        "spatial": Variant(RobSpatial, _M + "experiment_spatial:run_spatial", network=True,
                           key_metric=N.GRID_GAIN, cpu_minutes=4.8),
    },
    figures=("F1", "F2", "F3", "F4"),
)
