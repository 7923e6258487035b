"""The `games` study (CLAIMS A–D): toy games, gradient dynamics and equilibria."""

from strategic.games.config import (GamesBilinear, GamesGD, GamesGrid, GamesMLP, GamesSperner,
                                    GamesStonr)
from strategic.registry import Study

STUDY = Study(
    variants={"gd": GamesGD, "mlp": GamesMLP, "bilinear": GamesBilinear, "grid": GamesGrid,
              "sperner": GamesSperner, "stonr": GamesStonr},
    runs={
        "gd": "strategic.games.experiment:run_gd",
        "mlp": "strategic.games.experiment:run_mlp",
        "bilinear": "strategic.games.experiment:run_bilinear",
        "grid": "strategic.games.experiment:run_grid",
        "sperner": "strategic.games.experiment_c2_d1:run_sperner",
        "stonr": "strategic.games.experiment_c2_d1:run_stonr",
    },
    figures=("A1", "A2", "B1", "B2", "C2", "D1"),
    network_variants=("mlp",),
)
