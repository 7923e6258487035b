"""The 8-Gaussian ring (Metz et al. ICLR'17 §3.1) and its mode metrics (REFERENCE.md, "Ring GAN
metrics"; VEEGAN/PacGAN conventions).

Centres c_k = r·(cos 2πk/K, sin 2πk/K), k = 0..K−1 (K distinct angles: `linspace` with its
end point would give K−1), each an isotropic Gaussian of s.d. σ. A generator sample is assigned
to its nearest centre; with h the histogram of assignments (shares),
    effective modes = exp(−Σ h_k log h_k),   covered = #{k : h_k ≥ 1 %},
    quality = share of samples within 3σ of their centre,   dominant = argmax_k h_k.
"""

from __future__ import annotations

import math

import torch
from torch import Tensor

COVER_SHARE = 0.01   # a mode is covered with >= 1 % of the samples
QUALITY_SIGMAS = 3.0  # "high quality": within 3 sigma of the nearest centre


def centres(k: int = 8, radius: float = 2.0) -> Tensor:
    """[k, 2] centres on the circle, k distinct angles 2πj/k."""
    ang = torch.arange(k, dtype=torch.float64) * (2 * math.pi / k)
    return (radius * torch.stack([ang.cos(), ang.sin()], 1)).float()


def sample(n: int, gen: torch.Generator, sigma: float = 0.02, k: int = 8,
           radius: float = 2.0) -> Tensor:
    """n points of the mixture (uniform over the k modes), [n, 2]."""
    idx = torch.randint(k, (n,), generator=gen)
    return centres(k, radius)[idx] + sigma * torch.randn(n, 2, generator=gen)


def mode_metrics(x: Tensor, sigma: float = 0.02, k: int = 8, radius: float = 2.0) -> dict[str, Tensor]:
    """Per-member metrics of samples x [S, n, 2]: each value [S] (see the module docstring)."""
    c = centres(k, radius).to(x)
    d = torch.cdist(x, c.expand(len(x), k, 2))             # [S, n, k]
    near, idx = d.min(-1)                                  # [S, n]
    h = torch.nn.functional.one_hot(idx, k).float().mean(1)  # [S, k]
    ent = -(h * torch.log(h.clamp_min(1e-12))).sum(1)
    return {"eff_modes": ent.exp(), "covered": (h >= COVER_SHARE).sum(1).float(),
            "quality": (near <= QUALITY_SIGMAS * sigma).float().mean(1),
            "dominant": h.argmax(1).float()}


def hop_rate(dominant: Tensor | list, after_index: int) -> float:
    """Share of consecutive checkpoints (from `after_index` on) where the dominant mode changes."""
    d = torch.as_tensor(dominant)[after_index:]
    if len(d) < 2:
        return float("nan")
    return float((d[1:] != d[:-1]).float().mean())
