"""Config of the `pricing` study (Calvano et al. AER 2020): one dataclass per variant.

A seed is a block of `sessions` independent sessions: session k of seed s draws from the
splitmix64 stream seeded by `SeedSequence(s).generate_state(sessions)[k]`, so a run's sessions
are reproducible from its seed (one MLflow run per seed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from strategic.schema import ConfigError, _f, _seeds


@dataclass
class _Learning:
    """Fields shared by every variant: the game, the learners and the engine."""
    key: ClassVar[str] = "pricing"
    delta: float = _f(0.95, "discount factor δ (Calvano et al. baseline)", ge=0)
    m: int = _f(15, "number of prices on the grid (>= 2)", ge=2)
    xi: float = _f(0.1, "grid extends xi*(pM - pN) beyond the Nash and monopoly prices", ge=0)
    conv_periods: int = _f(100_000, "greedy strategies unchanged this long = converged", gt=0)
    max_periods: int = _f(1_000_000_000, "cap on a session's periods (unconverged beyond)", gt=0)
    block: int = _f(262_144, "periods per Lightning training step (multiple of 1024)", gt=0)
    ckpt_every: int = _f(20, "training steps between checkpoints (0: none)", ge=0)

    def __post_init__(self):
        if self.delta >= 1:
            raise ConfigError(f"{self.key}.delta: must be < 1, got {self.delta!r}")
        if self.block % 1024:
            raise ConfigError(f"{self.key}.block: must be a multiple of 1024, got {self.block!r}")


@dataclass
class PricingBaseline(_Learning):
    """G1, G2: Q-learning duopoly at the baseline (α = 0.15, β = 4e-6, δ = 0.95)."""
    key: ClassVar[str] = "pricing.baseline"
    seeds: list[int] = _seeds([0, 1, 2, 3])
    sessions: int = _f(25, "sessions per seed (a seed is a block of sessions)", gt=0)
    alpha: float = _f(0.15, "learning rate α", gt=0, le=1)
    beta: float = _f(4e-6, "exploration decay β: ε_t = exp(-β t); must be > 0", gt=0)
    horizon: int = _f(15, "periods of greedy play after the one-period deviation", gt=0)
    ir_delta: float = _f(0.95, "discount of the deviator's profits in the impulse response", ge=0, le=1)


@dataclass
class PricingMyopic(PricingBaseline):
    """G1 control: myopic firms (δ = 0) learn the static game and do not collude."""
    key: ClassVar[str] = "pricing.myopic"
    delta: float = _f(0.0, "discount factor δ = 0: myopic firms", ge=0)


@dataclass
class PricingGrid(_Learning):
    """G1 extra: mean Δ over an α × β grid (Calvano et al. Fig. 1)."""
    key: ClassVar[str] = "pricing.grid"
    seeds: list[int] = _seeds([0])
    sessions: int = _f(8, "sessions per (α, β) cell and seed", gt=0)
    alphas: list[float] = _f([0.05, 0.15, 0.25], "learning rates α", gt=0, le=1)
    betas: list[float] = _f([2e-6, 4e-6, 8e-6], "exploration decays β (> 0)", gt=0)
