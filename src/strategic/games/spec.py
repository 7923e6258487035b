"""The `games` study (CLAIMS A–D): toy games, gradient dynamics and equilibria."""

from strategic.games.config import (GamesBilinear, GamesCycles, GamesExistence, GamesGD, GamesGrid,
                                    GamesLocal, GamesMLP, GamesOracle, GamesSperner, GamesStonr)
from strategic.registry import Study

STUDY = Study(
    variants={"gd": GamesGD, "mlp": GamesMLP, "bilinear": GamesBilinear, "grid": GamesGrid,
              "cycles": GamesCycles, "local": GamesLocal, "existence": GamesExistence,
              "oracle": GamesOracle, "sperner": GamesSperner, "stonr": GamesStonr},
    runs={
        "gd": "strategic.games.experiment:run_gd",
        "mlp": "strategic.games.experiment:run_mlp",
        "bilinear": "strategic.games.experiment:run_bilinear",
        "grid": "strategic.games.experiment:run_grid",
        "cycles": "strategic.games.experiment_local:run_cycles",
        "local": "strategic.games.experiment_local:run_local",
        "existence": "strategic.games.finite_runs:run_existence",
        "oracle": "strategic.games.finite_runs:run_oracle",
        "sperner": "strategic.games.experiment_c2_d1:run_sperner",
        "stonr": "strategic.games.experiment_c2_d1:run_stonr",
    },
    figures=("A1", "A2", "A3", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "D1", "D2", "D3"),
    network_variants=("mlp",),
)
