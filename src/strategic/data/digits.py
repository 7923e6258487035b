"""scikit-learn's 8×8 digits in [0, 1], one loader for every study (games A1 and E3's
classifier, robustness F1–F4), and the 28×28 canvas the spatial and EOT attacks act on."""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor

CANVAS, DIGIT = 28, 16   # CLAIMS F: the digit upsampled to 16×16, centred on a 28×28 canvas


def load_digits_split(test_fraction: float, split_seed: int = 0) -> dict[str, Tensor]:
    """8×8 digits scaled to [0, 1], a stratified split fixed by `split_seed` (offline data).

    Returns x_train [N, 64] float32, y_train [N] long, x_test, y_test.
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    x, y = load_digits(return_X_y=True)
    x_tr, x_te, y_tr, y_te = train_test_split(x / 16.0, y, test_size=test_fraction,
                                              stratify=y, random_state=split_seed)
    f = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.float32)  # noqa: E731
    g = lambda a: torch.as_tensor(np.asarray(a), dtype=torch.long)  # noqa: E731
    return {"x_train": f(x_tr), "y_train": g(y_tr), "x_test": f(x_te), "y_test": g(y_te)}


def to_canvas(x: Tensor, digit: int = DIGIT, canvas: int = CANVAS) -> Tensor:
    """Flat 8×8 digits [N, 64] -> [N, 1, canvas, canvas]: bilinear upsampling to digit×digit,
    centred on a black canvas; values stay in [0, 1]."""
    import torch.nn.functional as F

    up = F.interpolate(x.reshape(-1, 1, 8, 8), size=(digit, digit), mode="bilinear",
                       align_corners=False).clamp(0, 1)
    lo = (canvas - digit) // 2
    return F.pad(up, (lo, canvas - digit - lo, lo, canvas - digit - lo))
