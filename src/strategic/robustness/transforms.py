"""Differentiable image transformations as batched affine maps (`affine_grid` / `grid_sample`).

A transformation is a 2×3 matrix θ in normalised coordinates ([-1, 1], align_corners=False)
mapping each OUTPUT pixel to the input location it samples: rotating the image by angle a
(degrees; positive turns clockwise as displayed, rows growing downward), scaling by s and translating by (tx, ty) pixels is
θ = [R(a)ᵀ/s | −R(a)ᵀ t/s] with t in normalised units (2·px / size). Bilinear sampling,
zero (black) padding; gradients flow to the image. Engstrom et al. (ICML'19) grid and
Athalye et al. (ICML'18) EOT distribution below.
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import Tensor

TRANSFORMS = ("rotate", "translate", "scale", "noise")   # the EOT distribution's parts


def affine(angle_deg: Tensor, tx: Tensor, ty: Tensor, scale: Tensor | None = None,
           size: int = 28) -> Tensor:
    """θ [T, 2, 3] for rotations (degrees), translations (pixels) and scales, each [T]."""
    a = angle_deg.float() * (math.pi / 180)
    s = torch.ones_like(a) if scale is None else scale.float()
    c, sn = torch.cos(a) / s, torch.sin(a) / s
    u, v = tx.float() * (2 / size), ty.float() * (2 / size)
    row0 = torch.stack([c, sn, -(c * u + sn * v)], -1)
    row1 = torch.stack([-sn, c, -(-sn * u + c * v)], -1)
    return torch.stack([row0, row1], -2)


def apply(x: Tensor, theta: Tensor) -> Tensor:
    """Warp images x [B, C, H, W] by θ [B, 2, 3] (one each) -> [B, C, H, W]."""
    grid = F.affine_grid(theta.to(x.device, x.dtype), list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def apply_all(x: Tensor, theta: Tensor) -> Tensor:
    """Every image under every transformation: x [B, ...], θ [T, 2, 3] -> [T·B, ...]
    (transformation-major: row t·B + b is image b under θ_t), one batched call."""
    t, b = len(theta), len(x)
    return apply(x.repeat(t, *([1] * (x.dim() - 1))), theta.repeat_interleave(b, 0))


def spatial_grid(max_angle: float, n_angles: int, max_shift: float, n_shifts: int,
                 size: int = 28) -> tuple[Tensor, Tensor]:
    """Engstrom et al.'s exhaustive grid: n_angles rotations in ±max_angle × n_shifts² translations
    in ±max_shift px (quick: 31 × 5 × 5 = 775). Returns θ [T, 2, 3] and params [T, 3]
    (angle, tx, ty)."""
    a = torch.linspace(-max_angle, max_angle, n_angles)
    s = torch.linspace(-max_shift, max_shift, n_shifts)
    aa, xx, yy = torch.meshgrid(a, s, s, indexing="ij")
    params = torch.stack([aa.flatten(), xx.flatten(), yy.flatten()], 1)
    return affine(params[:, 0], params[:, 1], params[:, 2], size=size), params


def random_spatial(n: int, max_angle: float, max_shift: float, generator: torch.Generator,
                   size: int = 28) -> Tensor:
    """n transformations uniform on the grid's box (rotation ±max_angle, shifts ±max_shift):
    the random / worst-of-k attack and training draw from it. -> θ [n, 2, 3]."""
    u = torch.rand(n, 3, generator=generator) * 2 - 1
    return affine(u[:, 0] * max_angle, u[:, 1] * max_shift, u[:, 2] * max_shift, size=size)


class EOTDistribution:
    """Athalye et al.'s random transformations: rotation U(±max_angle), translation U(±max_shift)
    px, scale U(scale_lo, scale_hi), then additive Gaussian noise N(0, noise²) (not clipped, so
    the gradient reaches every pixel). `kinds` ⊆ TRANSFORMS selects the parts."""

    def __init__(self, kinds=TRANSFORMS, max_angle=15.0, max_shift=2.0, scale=(0.9, 1.1),
                 noise=0.05, size=28):
        unknown = set(kinds) - set(TRANSFORMS)
        if unknown:
            raise ValueError(f"unknown transformation(s) {sorted(unknown)} (known: {', '.join(TRANSFORMS)})")
        self.kinds, self.max_angle, self.max_shift = set(kinds), max_angle, max_shift
        self.scale, self.noise, self.size = scale, noise, size

    def theta(self, n: int, generator: torch.Generator) -> Tensor:
        """n random affine maps -> θ [n, 2, 3] (identity parts for kinds not selected)."""
        u = torch.rand(n, 4, generator=generator)
        on = lambda k: float(k in self.kinds)  # noqa: E731
        angle = (u[:, 0] * 2 - 1) * self.max_angle * on("rotate")
        shift = (u[:, 1:3] * 2 - 1) * self.max_shift * on("translate")
        lo, hi = self.scale
        scale = 1 + (lo - 1 + u[:, 3] * (hi - lo)) * on("scale")
        return affine(angle, shift[:, 0], shift[:, 1], scale, self.size)

    def __call__(self, x: Tensor, n: int, generator: torch.Generator) -> Tensor:
        """n random transformations of every image: x [B, C, H, W] -> [n·B, C, H, W]
        (sample-major), differentiable in x. Draws on the CPU generator (device-agnostic)."""
        b = len(x)
        out = apply(x.repeat(n, 1, 1, 1), self.theta(n * b, generator))
        if "noise" in self.kinds and self.noise > 0:
            out = out + self.noise * torch.randn(out.shape, generator=generator).to(out.device)
        return out
