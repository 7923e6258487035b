"""Config of the `gans` study (CLAIMS E1-E3): one dataclass per variant, defaults = quick profile.

Bad input fails at validation, in one line, before any job runs: an unknown update rule,
a non-positive learning rate, k < 0, an unknown pair or critic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from strategic.gans import names as N
from strategic.gans.streams import MAX_INDEX, MAX_SEED
from strategic.schema import ConfigError, _f, _seeds


@dataclass
class GansDuality:
    """E1: critics trained on fixed pairs (p, q) against the exact W₁."""
    key: ClassVar[str] = "gans.duality"
    seeds: list[int] = _seeds([0, 1, 2], le=MAX_SEED)
    pairs: list[str] = _f(list(N.PAIR_NAMES), "CLAIMS E1's pairs", choices=N.PAIR_NAMES)
    critics: list[str] = _f(list(N.CRITIC_KINDS), "critics trained (each one batched model "
                            "over pairs x seeds)", choices=N.CRITIC_KINDS)
    hidden: int = _f(128, "CLAIMS E1: MLP 3 x 128", gt=0)
    depth: int = _f(3, "CLAIMS E1: 3 hidden layers", gt=0)
    steps: int = _f(800, "critic training steps on fresh minibatches (lr decays linearly to 0)", gt=0)
    batch: int = _f(128, "samples of p and of q per step", gt=0)
    lr: float = _f(1e-3, "Adam step of the critic", gt=0)
    betas: list[float] = _f([0.5, 0.9], "Adam betas (WGAN-GP's)", ge=0, le=0.9999)
    gp_weight: float = _f(30.0, "penalty weight lambda; the soft penalty lets the slope reach "
                          "1 + W1/(2 lambda): 10 overshoots W1 = 4 by 20 %, 30 by 7 %", gt=0)
    clip: float = _f(0.01, "weight clipping c (Arjovsky et al.)", gt=0)
    n_eval: int = _f(8192, "fresh samples a side for the estimate E_p f - E_q f and its SE", gt=1)
    lp_n: int = _f(200, "CLAIMS E1 (a): samples a side pooled by the LP critic", gt=1)
    ref_n_1d: int = _f(20000, "samples a side of scipy's exact 1-D W1", gt=1)
    ref_n_2d: int = _f(2000, "samples a side of POT's exact 2-D EMD", gt=1)
    ref_draws: int = _f(5, "fresh draws of the exact W1 (its spread is reported)", gt=1)
    grid_n: int = _f(201, "grid points of the 1-D potential figure", gt=1)
    ckpt_every: int = _f(200, "training steps between checkpoints (0: only on SIGTERM)", ge=0)


@dataclass
class GansRing:
    """E2: GANs on the 8-Gaussian ring under one update rule (Metz et al. 2017, §3.1)."""
    key: ClassVar[str] = "gans.ring"
    seeds: list[int] = _seeds([0, 1, 2], le=MAX_SEED)
    method: str = _f("gda", "update rule, a name of strategic.dynamics' registry",
                     choices=N.RULE_NAMES)
    k: int = _f(5, "unrolled: inner critic steps (CLAIMS E2: 5 quick, 10 paper)", ge=0)
    inner_lr: float = _f(1e-2, "unrolled: step of the k inner critic steps (plain SGD in the shared rule, not Adam)", gt=0)
    iterations: int = _f(3000, "CLAIMS E2: 3000 quick, 25k paper", gt=0, le=MAX_INDEX)
    batch: int = _f(512, "CLAIMS E2: batch 512", gt=0)
    z_dim: int = _f(256, "CLAIMS E2: z in R^256", gt=0)
    hidden: int = _f(128, "CLAIMS E2: G, D 2 x 128 ReLU", gt=0)
    depth: int = _f(2, "hidden layers of G and D", gt=0)
    g_lr: float = _f(1e-3, "CLAIMS E2: generator Adam 1e-3", gt=0)
    d_lr: float = _f(1e-4, "CLAIMS E2: critic Adam 1e-4", gt=0)
    betas: list[float] = _f([0.5, 0.999], "CLAIMS E2: Adam beta = (0.5, 0.999)", ge=0, le=0.9999)
    modes: int = _f(8, "Gaussians on the ring (8 distinct angles)", gt=1)
    radius: float = _f(2.0, "CLAIMS E2: radius 2", gt=0)
    sigma: float = _f(0.02, "CLAIMS E2: sigma 0.02", gt=0)
    every: int = _f(250, "CLAIMS E2: mode metrics every 250 iterations", gt=0)
    eval_n: int = _f(2000, "generator samples per metric checkpoint", gt=0)
    snapshot_n: int = _f(512, "samples kept per snapshot for the Metz grid", gt=0)
    ckpt_every: int = _f(250, "iterations between checkpoints (0: only on SIGTERM)", ge=0)

    def __post_init__(self):
        if len(self.betas) != 2:
            raise ConfigError(f"{self.key}.betas: expected two values, got {self.betas!r}")


@dataclass
class RingGda(GansRing):
    key: ClassVar[str] = "gans.gda"
    method: str = _f("gda", "simultaneous GDA (asserted)", choices=N.RULE_NAMES)


@dataclass
class RingUnrolled(GansRing):
    key: ClassVar[str] = "gans.unrolled"
    method: str = _f("unrolled", "unrolled k steps (asserted)", choices=N.RULE_NAMES)


@dataclass
class RingOgda(GansRing):
    key: ClassVar[str] = "gans.ogda"
    method: str = _f("ogda", "optimistic Adam (reported)", choices=N.RULE_NAMES)


@dataclass
class RingEg(GansRing):
    key: ClassVar[str] = "gans.eg"
    method: str = _f("eg", "extragradient (reported)", choices=N.RULE_NAMES)


@dataclass
class GansDigits:
    """E3: an MLP GAN on scikit-learn's 8x8 digits (quick) or MNIST (paper), GDA vs unrolled."""
    key: ClassVar[str] = "gans.digits"
    seeds: list[int] = _seeds([0, 1, 2], le=MAX_SEED)
    dataset: str = _f("digits", "digits: sklearn 8x8 (offline); mnist: 28x28 (download)",
                      choices=("digits", "mnist"))
    data_dir: str = _f("data/mnist", "mnist: where the IDX files are downloaded to")
    methods: list[str] = _f(["gda", "unrolled"], "update rules compared", choices=N.RULE_NAMES)
    k: int = _f(5, "unrolled: inner critic steps (Metz 3.2: 0 and 20 on MNIST)", ge=0)
    inner_lr: float = _f(5e-2, "unrolled: step of the k inner critic steps (plain SGD in the shared rule, not Adam); "
                         "0.05 chosen on seeds 0-5 (README: E3's inner step)", gt=0)
    iterations: int = _f(2000, "GAN iterations", gt=0, le=MAX_INDEX)
    batch: int = _f(128, "minibatch of real digits and of z", gt=0)
    z_dim: int = _f(32, "latent dimension", gt=0)
    hidden: int = _f(128, "G, D hidden width", gt=0)
    depth: int = _f(2, "hidden layers of G and D", gt=0)
    g_lr: float = _f(1e-3, "generator Adam", gt=0)
    d_lr: float = _f(1e-4, "critic Adam", gt=0)
    betas: list[float] = _f([0.5, 0.999], "Adam betas", ge=0, le=0.9999)
    every: int = _f(100, "iterations between class histograms", gt=0)
    eval_n: int = _f(1000, "generated digits per histogram", gt=0)
    snapshot_n: int = _f(16, "digits kept per snapshot for the figure", gt=0)
    clf_hidden: int = _f(256, "digit classifier: 64 -> h -> h -> 10 (games.digits' MLP)", gt=0)
    clf_epochs: int = _f(30, "classifier epochs (test accuracy ~97 %)", gt=0)
    clf_lr: float = _f(0.1, "classifier SGD step (momentum 0.9)", gt=0)
    ckpt_every: int = _f(250, "iterations between checkpoints (0: only on SIGTERM)", ge=0)
