"""The `pricing` study (CLAIMS G1, G2): Q-learning pricing algorithms collude (Calvano et al. 2020)."""

from strategic.pricing.config import PricingBaseline, PricingGrid, PricingMyopic
from strategic.registry import Study

STUDY = Study(
    variants={"baseline": PricingBaseline, "myopic": PricingMyopic, "grid": PricingGrid},
    runs={
        "baseline": "strategic.pricing.experiment:run_sessions",
        "myopic": "strategic.pricing.experiment:run_sessions",
        "grid": "strategic.pricing.experiment:run_grid",
    },
    figures=("G1", "G2"),
)
