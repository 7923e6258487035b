"""Spatial attacks (Engstrom et al., "Exploring the landscape of spatial robustness", ICML'19):
every image under every transformation of a grid (exhaustive), the worst of k random ones,
one random one. Images × transformations go through the model in large batched forwards.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from strategic.robustness import transforms as T
from strategic.robustness.attacks import evaluating


@torch.no_grad()
def grid_attack(model: nn.Module, x: Tensor, y: Tensor, theta: Tensor,
                chunk: int = 8192) -> tuple[Tensor, Tensor]:
    """Exhaustive attack over θ [T, 2, 3]: x [B, C, H, W], y [B] ->
    (correct [T, B] bool: image b classified right under θ_t; the model's predictions [T, B]).
    Grid accuracy = correct.all(0).mean(). `chunk` bounds the images per forward."""
    b = len(x)
    per = max(1, chunk // b)   # transformations per forward
    correct, preds = [], []
    with evaluating(model):
        for i in range(0, len(theta), per):
            th = theta[i:i + per]
            p = model(T.apply_all(x, th)).argmax(1).view(len(th), b)
            preds.append(p)
            correct.append(p == y)
    return torch.cat(correct), torch.cat(preds)


@torch.no_grad()
def worst_of_k(model: nn.Module, x: Tensor, y: Tensor, k: int, max_angle: float,
               max_shift: float, generator: torch.Generator) -> Tensor:
    """For each image, of k random transformations (uniform on the grid's box) the one with
    the highest cross-entropy (Engstrom et al.'s worst-of-k). x [B, C, H, W] -> [B, C, H, W]."""
    b = len(x)
    theta = T.random_spatial(k * b, max_angle, max_shift, generator, x.shape[-1])
    xs = T.apply(x.repeat(k, 1, 1, 1), theta)                    # [k·B, ...] sample-major
    with evaluating(model):
        loss = F.cross_entropy(model(xs), y.repeat(k), reduction="none").view(k, b)
    return xs.view(k, b, *x.shape[1:])[loss.argmax(0), torch.arange(b, device=x.device)]


@torch.no_grad()
def random_transform(x: Tensor, max_angle: float, max_shift: float,
                     generator: torch.Generator) -> Tensor:
    """One random transformation per image (the 'random' attack)."""
    return T.apply(x, T.random_spatial(len(x), max_angle, max_shift, generator, x.shape[-1]))
