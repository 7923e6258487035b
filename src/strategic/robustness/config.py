"""Config of the `robustness` study (CLAIMS F1–F4): one dataclass per variant; defaults are
the quick profile (8×8 digits, CPU). Bad budgets, unknown attacks or transformations are
one-line `ConfigError`s at validation, before any job runs."""

from __future__ import annotations

from dataclasses import dataclass

from strategic.schema import ConfigError, _f, _seeds

DATASETS = ("digits", "mnist", "cifar10")
ATTACKS = ("fgsm", "pgd", "pgd_long", "pgd_fixed_start")
TRANSFORMS = ("rotate", "translate", "scale", "noise")


def _budget(prefix: str, eps: float, step: float) -> None:
    if eps < 0:
        raise ConfigError(f"{prefix}: eps must be >= 0, got {eps}")
    if step > eps:
        raise ConfigError(f"{prefix}: step {step} is larger than eps {eps}")


@dataclass
class RobPGD:
    """F1, F2: a standard and a PGD-trained classifier, every attack on both (one job)."""
    seeds: list[int] = _seeds([0, 1, 2])
    dataset: str = _f("digits", "digits (8×8, offline) | mnist | cifar10 (paper, downloaded)",
                      choices=DATASETS)
    data_dir: str = _f("data", "where mnist/cifar10 are downloaded (relative to the working dir)")
    arch: str = _f("mlp", "mlp (flatten → h → h → 10) | cnn (Madry's MNIST network)",
                   choices=("mlp", "cnn"))
    hidden: int = _f(256, "MLP width / CNN fully-connected width", gt=0)
    lr: float = _f(1e-3, "Adam learning rate", gt=0)
    batch_size: int = _f(64, "minibatch size", gt=0)
    epochs: int = _f(30, "standard training epochs (test accuracy ~98 % on digits)", gt=0)
    adv_epochs: int = _f(100, "PGD-training epochs (robust accuracy still rising at 60)", gt=0)
    train_eps: float = _f(0.2, "ε of PGD training (the attack's ε)", ge=0)
    train_step: float = _f(0.0714, "PGD-training step: Madry's 2.5·ε/steps", ge=0)
    train_steps: int = _f(7, "CLAIMS F2: 7-step PGD training", gt=0)
    eps: float = _f(0.2, "CLAIMS F1: attack ε = 0.2 (ℓ∞)", ge=0)
    step: float = _f(0.025, "CLAIMS F1: step ε/8", ge=0)
    steps: int = _f(40, "CLAIMS F1: PGD-40", gt=0)
    long_steps: int = _f(100, "CLAIMS F2: the 100-step PGD of the gradient-masking check", gt=0)
    eps_sweep: list[float] = _f([0.0, 0.05, 0.1, 0.2, 0.3], "CLAIMS F2: ε of the monotonicity "
                                "check (PGD-`steps`, step ε·step/eps)", ge=0)
    attacks: list[str] = _f(list(ATTACKS), "attacks evaluated on both models", choices=ATTACKS)
    n_test: int = _f(0, "test images attacked (0: the whole test split)", ge=0)
    eval_batch: int = _f(1000, "images per attack batch", gt=0)
    n_examples: int = _f(10, "clean/adversarial pairs kept for the figure", ge=0)

    def __post_init__(self):
        _budget("robustness.pgd", self.eps, self.step)
        _budget("robustness.pgd (training)", self.train_eps, self.train_step)


@dataclass
class RobSpatial:
    """F3, F4: on the 28×28 canvas, a standard and a worst-of-k trained classifier; EOT on the
    standard one, the spatial attacks on both (one job)."""
    seeds: list[int] = _seeds([0, 1, 2])
    dataset: str = _f("digits", "digits (16×16 on a 28×28 canvas) | mnist (paper)",
                      choices=("digits", "mnist"))
    data_dir: str = _f("data", "where mnist is downloaded")
    arch: str = _f("mlp", "mlp | cnn", choices=("mlp", "cnn"))
    hidden: int = _f(256, "MLP width / CNN fully-connected width", gt=0)
    lr: float = _f(1e-3, "Adam learning rate", gt=0)
    batch_size: int = _f(64, "minibatch size", gt=0)
    epochs: int = _f(20, "standard training epochs", gt=0)
    worst_epochs: int = _f(40, "worst-of-k training epochs (grid accuracy ~0.4 at 40 on digits)", gt=0)
    k: int = _f(10, "CLAIMS F4: worst-of-10 training and attack", gt=0)
    max_angle: float = _f(30.0, "CLAIMS F4: rotations in ±30°", ge=0)
    n_angles: int = _f(31, "CLAIMS F4: 31 rotations", gt=0)
    max_shift: float = _f(3.0, "CLAIMS F4: translations in ±3 px", ge=0)
    n_shifts: int = _f(5, "CLAIMS F4: 5×5 translations", gt=0)
    n_test: int = _f(200, "CLAIMS F3/F4 quick: 200 test images", gt=0)
    chunk: int = _f(8192, "images × transformations per forward pass of the grid attack", gt=0)
    eot_eps: list[float] = _f([0.1, 0.2, 0.3], "CLAIMS F3: ε of the EOT attacks (the check is at "
                              "0.3; the sweep draws the figure, ~16 CPU-s per ε and seed)", ge=0)
    eot_steps: int = _f(100, "CLAIMS F3: 100 steps of ε/10", gt=0)
    eot_samples: int = _f(16, "CLAIMS F3: 16 transformations per EOT step", gt=0)
    eot_eval: int = _f(50, "CLAIMS F3: target rate over 50 fresh transformations", gt=0)
    transforms: list[str] = _f(list(TRANSFORMS), "EOT distribution: rotation ±15°, translation "
                               "±2 px, scale 0.9–1.1, Gaussian noise σ 0.05", choices=TRANSFORMS)
    eot_angle: float = _f(15.0, "CLAIMS F3: rotation ±15°", ge=0)
    eot_shift: float = _f(2.0, "CLAIMS F3: translation ±2 px", ge=0)
    eot_scale: list[float] = _f([0.9, 1.1], "CLAIMS F3: scale range", gt=0)
    eot_noise: float = _f(0.05, "CLAIMS F3: noise σ", ge=0)
    n_gallery: int = _f(12, "misclassified rotated digits kept for the figure", ge=0)

    def __post_init__(self):
        if len(self.eot_scale) != 2 or self.eot_scale[0] > self.eot_scale[1]:
            raise ConfigError(f"robustness.spatial.eot_scale: expected [lo, hi], got {self.eot_scale}")
