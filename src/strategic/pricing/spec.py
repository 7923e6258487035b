"""The `pricing` study (CLAIMS G1, G2): Q-learning pricing algorithms collude (Calvano et al. 2020)."""

from strategic.contracts import Study, Variant
from strategic.pricing import names as N
from strategic.pricing.config import PricingBaseline, PricingGrid, PricingMyopic

_M = "strategic.pricing."
STUDY = Study(
    name="pricing",
    variants={
        "baseline": Variant(PricingBaseline, _M + "experiment:run_sessions", job="pricing",
                            key_metric=N.DELTA_MEAN),
        "myopic": Variant(PricingMyopic, _M + "experiment:run_sessions", job="pricing",
                          key_metric=N.DELTA_MEAN),
        "grid": Variant(PricingGrid, _M + "experiment:run_grid", job="pricing",
                        key_metric="grid_delta_min"),
    },
    figures=("G1", "G2"),
)
