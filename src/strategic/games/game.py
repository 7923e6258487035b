"""The one game abstraction of the study: n players with continuous strategies.

A profile z = (z_1, ..., z_n) is stacked as a tensor [B, d] (B independent profiles, player i
owning the coordinates `game.block(i)`). Every player maximises its own utility; for a min-max
f(θ, ω) with θ minimising, u_θ = −f and u_ω = f (CLAIMS.md conventions). The GDA field is
V(z) = (∇_{z_1} u_1, ..., ∇_{z_n} u_n), and player i's feasible set given the others is its
slice S_i(z_{−i}) of the joint strategy set S (a box by default, or jointly constrained).

A min-max objective f with a role per player ('min' or 'max'; one 'min' player is plain
minimisation) is a Game through `zero_sum`; a planar game given by a pointwise field
(x, y) -> (V_x, V_y) gets its torch field from that one expression through `planar_field`,
and its compiled numpy kernel from `planar_rows`, called by a module-level
`numba.njit(cache=True)` function beside the expression (so numba's on-disk cache, stamped
with that file, is reused across jobs and invalidated when the formula changes).

Shared tools: `residual` (first-order local-Nash residual), `gradient_mapping` (Cai et al.'s
projected gradient mapping G_η), `grid_points`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Callable, Sequence

import numpy as np
import torch
from numba.extending import register_jitable
from torch import Tensor


F64 = torch.float64
Field = Callable[[Tensor], Tensor]


@dataclass(frozen=True)
class Game:
    """An n-player game with continuous strategies.

    Attributes:
        name: shown in tables and errors.
        dims: d_i, the number of coordinates of each player.
        utilities: z [B, d] -> [B, n], each player's utility (maximised).
        lo, hi: per-coordinate box bounds (±inf: unbounded).
        minimises: per coordinate, whether its player minimises the underlying f (for tables
            and figures; a zero-sum game from f has u = ∓f).
        field_fn: optional analytic V(z) [B, d]; autograd of `utilities` otherwise.
        slice_fn: optional (y, z) -> [B, d], projecting each block y_i onto S_i(z_{−i});
            clipping to [lo, hi] otherwise. Needed for jointly constrained S.
        kernel: optional compiled numpy V (`planar_rows`) for long sequential loops.
    """
    name: str
    dims: tuple[int, ...]
    utilities: Callable[[Tensor], Tensor]
    lo: tuple[float, ...]
    hi: tuple[float, ...]
    minimises: tuple[bool, ...]
    field_fn: Field | None = None
    slice_fn: Callable[[Tensor, Tensor], Tensor] | None = None
    kernel: Callable[[np.ndarray], np.ndarray] | None = None

    def __post_init__(self):
        d = sum(self.dims)
        if min(self.dims, default=0) < 1 or not (len(self.lo) == len(self.hi) == len(self.minimises) == d):
            raise ValueError(f"game {self.name!r}: lo, hi, minimises need one entry per coordinate "
                             f"({d}) and every player at least one coordinate")
        if any(a > b for a, b in zip(self.lo, self.hi)):
            raise ValueError(f"game {self.name!r}: lo > hi in some coordinate")

    @property
    def n(self) -> int:
        return len(self.dims)

    @property
    def d(self) -> int:
        return sum(self.dims)

    def block(self, i: int) -> slice:
        """Player i's coordinates."""
        start = sum(self.dims[:i])
        return slice(start, start + self.dims[i])

    @cached_property
    def _bounds(self) -> tuple[Tensor, Tensor]:
        return torch.tensor(self.lo, dtype=F64), torch.tensor(self.hi, dtype=F64)

    def bounds(self, like: Tensor) -> tuple[Tensor, Tensor]:
        """lo, hi as tensors of like's dtype and device (cached: `play` calls this every step)."""
        lo, hi = self._bounds
        return lo.to(like), hi.to(like)

    def utility(self, z: Tensor) -> Tensor:
        """[B, d] -> [B, n]."""
        return self.utilities(z)

    def field(self, z: Tensor) -> Tensor:
        """V(z) = (∇_{z_i} u_i)_i, [B, d] (analytic if given, else autograd)."""
        if self.field_fn is not None:
            return self.field_fn(z)
        outer = z.requires_grad  # differentiable when `jacobian` differentiates through it
        with torch.enable_grad():
            z = z if outer else z.detach().requires_grad_(True)
            u = self.utilities(z)
            return torch.cat([torch.autograd.grad(u[:, i].sum(), z, create_graph=outer,
                                                  retain_graph=outer or i < self.n - 1)[0]
                              [:, self.block(i)] for i in range(self.n)], -1)

    def field_numpy(self, z: np.ndarray) -> np.ndarray:
        """V(z) on a float64 numpy array [B, d] (the compiled kernel if there is one)."""
        if self.kernel is not None:
            return self.kernel(z)
        return self.field(torch.from_numpy(z)).numpy()

    def jacobian(self, z: Tensor) -> Tensor:
        """∂V/∂z at every point, [B, d, d] (autograd through `field`; rows are V's coordinates)."""
        with torch.enable_grad():
            z = z.detach().requires_grad_(True)
            v = self.field(z)
            rows = [torch.autograd.grad(v[:, j].sum(), z, retain_graph=j < self.d - 1)[0]
                    for j in range(self.d)]
        return torch.stack(rows, -2)

    def project(self, y: Tensor, z: Tensor | None = None) -> Tensor:
        """Π_{S_i(z_{−i})}(y_i) for every player i, [B, d]; z defaults to y."""
        if self.slice_fn is not None:
            return self.slice_fn(y, y if z is None else z)
        lo, hi = self.bounds(y)
        return torch.clamp(y, lo, hi)


# ------------------------------------------------------------------------- shared tools
def residual(game: Game, z: Tensor) -> Tensor:
    """res(z) = max_i ‖z_i − Π_{S_i(z_{−i})}(z_i + V_i(z))‖ (CLAIMS.md conventions), [B]."""
    step = game.project(z + game.field(z), z) - z
    return torch.stack([step[:, game.block(i)].norm(dim=-1) for i in range(game.n)], -1).amax(-1)


def gradient_mapping(game: Game, z: Tensor, eta: float) -> Tensor:
    """G_η(z) = (Π(z + ηV(z)) − z)/η (Cai-Daskalakis-Luo-Wei-Zheng), [B, d]."""
    if not eta > 0:
        raise ValueError(f"gradient_mapping: eta must be > 0, got {eta}")
    return (game.project(z + eta * game.field(z), z) - z) / eta


def grid_points(lo: Sequence[float], hi: Sequence[float], n: int) -> Tensor:
    """The n × n grid of a 2-D box as [n², 2] (x fastest), float64.

    Points are lo + (hi − lo)·k/(n − 1), so a symmetric box with odd n contains 0 exactly.
    """
    k = torch.arange(n, dtype=F64) / (n - 1)
    xs, ys = lo[0] + (hi[0] - lo[0]) * k, lo[1] + (hi[1] - lo[1]) * k
    yy, xx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([xx.reshape(-1), yy.reshape(-1)], -1)


# ------------------------------------------------------------------------- constructors
def zero_sum(name: str, f: Callable[[Tensor], Tensor], roles: Sequence[str], dims: Sequence[int],
             lo: Sequence[float], hi: Sequence[float], field: Field | None = None,
             kernel: Callable[[np.ndarray], np.ndarray] | None = None) -> Game:
    """f(z) [B, d] -> [B] with a role per player as a Game: u_i = −f ('min') or +f ('max').

    CLAIMS.md conventions: θ minimises, ω maximises; one 'min' player is plain minimisation
    (its field is −∇f, so gradient play is gradient descent).
    """
    dims = tuple(dims)
    if len(roles) != len(dims) or any(r not in ("min", "max") for r in roles):
        raise ValueError(f"game {name!r}: need one role 'min' or 'max' per player, got {roles}")
    signs = torch.tensor([-1.0 if r == "min" else 1.0 for r in roles], dtype=F64)

    def utilities(z: Tensor) -> Tensor:
        return f(z).unsqueeze(-1) * signs.to(z)
    minimises = tuple(r == "min" for r, di in zip(roles, dims) for _ in range(di))
    return Game(name, dims, utilities, tuple(map(float, lo)), tuple(map(float, hi)), minimises,
                field, kernel=kernel)


Pointwise = Callable[[Any, Any], tuple[Any, Any]]


def planar_field(point: Pointwise) -> Field:
    """The torch field [B, 2] of a pointwise planar field (x, y) -> (V_x, V_y)."""
    def field(z: Tensor) -> Tensor:
        return torch.stack(point(z[..., 0], z[..., 1]), -1)
    return field


@register_jitable
def planar_rows(point: Pointwise, z: np.ndarray) -> np.ndarray:
    """The pointwise field (a `register_jitable` function) over the rows of a float64 array
    [B, 2], inside numba code: a kernel is `numba.njit(cache=True)` on a module-level
    `def kernel(z): return planar_rows(point, z)` in the module stating `point`.

    A torch op costs ~5–10 µs of dispatch on these small batches, so a 30-op field would
    dominate a 2·10⁴-step loop; the compiled loop evaluates the same expression in one pass.
    numba stamps its cache with the kernel's file only; `strategic.jitcache` keys the cache
    folder by the source of every numba module, so editing this loop compiles afresh.
    """
    out = np.empty_like(z)
    for k in range(z.shape[0]):
        out[k, 0], out[k, 1] = point(z[k, 0], z[k, 1])
    return out


def box(b: float, d: int = 2) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """lo, hi of the cube [−b, b]^d."""
    return (-b,) * d, (b,) * d
