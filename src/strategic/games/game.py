"""The n-player continuous game interface used by claims A3, C1, C3, D1 and D2.

A profile z = (z_1, ..., z_n) is stacked as a tensor [B, d] (B independent profiles, player i
owning the coordinates `game.block(i)`). Every player maximises its own utility; for a min-max
f(θ, ω) with θ minimising, u_θ = −f and u_ω = f (CLAIMS.md conventions). The GDA field is
V(z) = (∇_{z_1} u_1, ..., ∇_{z_n} u_n), and player i's feasible set given the others is its
slice S_i(z_{−i}) of the joint strategy set S (a box by default, or jointly constrained).

Shared tools: `residual` (first-order local-Nash residual), `gradient_mapping` (Cai et al.'s
projected gradient mapping G_η), `proj_regret` (Φ_Proj(δ)-regret of a sample of profiles).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Sequence

import numpy as np
import torch
from torch import Tensor

from strategic.games import kernels, toys

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
        kernel: optional compiled numpy V (kernels.py) for long sequential loops.
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


def best_response(game: Game, z: Tensor, i: int, candidates: Tensor) -> tuple[Tensor, Tensor]:
    """Player i's best response among `candidates` [K, d_i] to each profile's z_{−i}.

    Returns the best candidate [B, d_i] and its gain u_i(best, z_{−i}) − u_i(z) [B] (≤ 0 at a
    pure equilibrium of the candidate set; candidates need not lie in S_i, the caller's set).
    """
    blk, (b, k) = game.block(i), (len(z), len(candidates))
    y = z.unsqueeze(0).repeat(k, 1, 1)  # [K, B, d]
    y[..., blk] = candidates.reshape(k, 1, -1).to(z)
    u = game.utility(y.reshape(k * b, game.d))[:, i].reshape(k, b)
    best = u.argmax(0)
    return candidates.reshape(k, -1).to(z)[best], u.max(0).values - game.utility(z)[:, i]


def deviation_gains(game: Game, x: Tensor, i: int, v: Tensor) -> Tensor:
    """u_i(Π_i(x_i + v_k), x_{−i}) − u_i(x) for every shift v_k and sample x_t, [K, T].

    x: [T, d] samples; v: [K, d_i] shifts of player i's block.
    """
    blk = game.block(i)
    k, t = len(v), len(x)
    y = x.unsqueeze(0).repeat(k, 1, 1)  # [K, T, d]
    y[..., blk] += v.unsqueeze(1)
    xs = x.unsqueeze(0).expand(k, t, game.d).reshape(k * t, game.d)
    moved = game.project(y.reshape(k * t, game.d), xs)
    return game.utility(moved)[:, i].reshape(k, t) - game.utility(x)[:, i]


def proj_regret(game: Game, samples: Tensor, deltas: Sequence[float], n_shifts: int = 201,
                chunk: int = 200_000) -> dict[str, Tensor]:
    """Φ_Proj(δ)-regret of the empirical distribution p of `samples` and of each sample alone.

    regret_i(p, δ) = max_{‖v‖≤δ} E_p[u_i(Π_i(x_i + v), x_{−i})] − E_p[u_i(x)]  (one v for all x;
    Cai-Daskalakis-Luo-Wei-Zheng's projection family). The max runs over `n_shifts` evenly
    spaced v ∈ [−δ, δ] (v = 0 included, so regrets are ≥ 0); players must be one-dimensional.

    Returns:
        'dist': [len(deltas), n] regret of p per player;
        'point': [len(deltas), T] regret of each sample as a point mass, max over players.
    """
    if any(di != 1 for di in game.dims):
        raise ValueError(f"proj_regret: players of {game.name!r} must be one-dimensional, got dims {game.dims}")
    if n_shifts < 3 or n_shifts % 2 == 0:
        raise ValueError(f"proj_regret: n_shifts must be odd and >= 3 (includes v = 0), got {n_shifts}")
    if any(not dl > 0 for dl in deltas):
        raise ValueError(f"proj_regret: deltas must be > 0, got {list(deltas)}")
    x = samples.reshape(-1, game.d)
    half = n_shifts // 2
    grid = (torch.arange(n_shifts, dtype=x.dtype, device=x.device) - half) / half  # 0 exactly
    per_k = max(1, chunk // len(x))
    dist = torch.zeros(len(deltas), game.n, dtype=x.dtype)
    point = torch.zeros(len(deltas), len(x), dtype=x.dtype)
    for a, delta in enumerate(deltas):
        for i in range(game.n):
            mean_best, point_best = -math.inf, torch.full((len(x),), -math.inf, dtype=x.dtype)
            for vs in (delta * grid).split(per_k):
                g = deviation_gains(game, x, i, vs.unsqueeze(-1))  # [k, T]
                mean_best = max(mean_best, float(g.mean(1).max()))
                point_best = torch.maximum(point_best, g.amax(0))
            dist[a, i] = mean_best
            point[a] = torch.maximum(point[a], point_best)
    return {"dist": dist, "point": point}


def own_curvature(game: Game, z: Tensor) -> Tensor:
    """L_i = max over the points z of ‖∂²u_i/∂z_i²‖₂ (player i's own smoothness), [n]."""
    jac = game.jacobian(z)
    return torch.stack([torch.linalg.matrix_norm(jac[:, game.block(i), game.block(i)], ord=2).max()
                        for i in range(game.n)])


def grid_points(lo: Sequence[float], hi: Sequence[float], n: int) -> Tensor:
    """The n × n grid of a 2-D box as [n², 2] (x fastest), float64.

    Points are lo + (hi − lo)·k/(n − 1), so a symmetric box with odd n contains 0 exactly.
    """
    k = torch.arange(n, dtype=F64) / (n - 1)
    xs, ys = lo[0] + (hi[0] - lo[0]) * k, lo[1] + (hi[1] - lo[1]) * k
    yy, xx = torch.meshgrid(ys, xs, indexing="ij")
    return torch.stack([xx.reshape(-1), yy.reshape(-1)], -1)


# ------------------------------------------------------------------------- constructors
def from_zero_sum(zs: toys.ZeroSumGame, name: str, dims: Sequence[int], lo: Sequence[float],
                  hi: Sequence[float]) -> Game:
    """A ZeroSumGame f(z_1, ..., z_n) with roles as a Game: u_i = −f (min) or +f (max)."""
    dims = tuple(dims)
    signs = torch.tensor([-zs.sign(i) for i in range(len(dims))], dtype=F64)

    def split(z: Tensor) -> list[Tensor]:
        return list(z.split(list(dims), -1))

    def utilities(z: Tensor) -> Tensor:
        return zs.f(split(z)).unsqueeze(-1) * signs.to(z)

    field = None
    if zs.df is not None:
        def field(z: Tensor) -> Tensor:
            ps = split(z)
            return torch.cat([-zs.grad(i, ps) for i in range(len(dims))], -1)
    minimises = tuple(r == "min" for r, di in zip(zs.roles, dims) for _ in range(di))
    return Game(name, dims, utilities, tuple(map(float, lo)), tuple(map(float, hi)), minimises, field)


def _box(b: float, d: int = 2) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return (-b,) * d, (b,) * d


def f1_field(z: Tensor) -> Tensor:
    """GDA field of STON'R's f1 (θ min, ω max): (−∂θ f1, ∂ω f1) from toys.f1_grad."""
    return toys.f1_grad(z) * z.new_tensor([-1.0, 1.0])


def f1_game(box: float = 3.0) -> Game:
    """STON'R's f1 on [−box, box]²; θ minimises, ω maximises (toys.f1)."""
    return Game("f1", (1, 1), lambda z: toys.f1(z).unsqueeze(-1) * z.new_tensor([-1.0, 1.0]),
                *_box(box), (True, False), f1_field, kernel=kernels.f1_field)


def letcher_f(z: Tensor) -> Tensor:
    """Letcher's L(x, y) = xy − x²/2 + y²/2 + x⁴/4 − y⁴/4 (x min, y max), [B]."""
    x, y = z[..., 0], z[..., 1]
    return x * y - x**2 / 2 + y**2 / 2 + x**4 / 4 - y**4 / 4


def letcher_game(box: float = 3.0) -> Game:
    """Letcher et al.'s game: V = (x − y − x³, x + y − y³); the origin repels (eigs 1 ± i)."""
    def field(z):
        x, y = z[..., 0], z[..., 1]
        return torch.stack([x - y - x * x * x, x + y - y * y * y], -1)
    return Game("letcher", (1, 1), lambda z: letcher_f(z).unsqueeze(-1) * z.new_tensor([-1.0, 1.0]),
                *_box(box), (True, False), field, kernel=kernels.letcher_field)


def control_game(box: float = 3.0) -> Game:
    """Positive control f = x²/2 + xy − y²/2 (x min, y max): V = (−x − y, x − y), eigs −1 ± i."""
    def field(z):
        x, y = z[..., 0], z[..., 1]
        return torch.stack([-x - y, x - y], -1)
    f = lambda z: z[..., 0]**2 / 2 + z[..., 0] * z[..., 1] - z[..., 1]**2 / 2  # noqa: E731
    return Game("control", (1, 1), lambda z: f(z).unsqueeze(-1) * z.new_tensor([-1.0, 1.0]),
                *_box(box), (True, False), field, kernel=kernels.control_field)


def bilinear_game(box: float = 1.0) -> Game:
    """f(x, y) = x·y on [−box, box]² (x min, y max), from toys.BILINEAR."""
    return from_zero_sum(toys.BILINEAR, "bilinear", (1, 1), *_box(box))


def distance_game() -> Game:
    """u₁ = −u₂ = (x₁ − x₂)² on [−1, 1]² (player 1 maximises the distance, player 2 minimises)."""
    def utilities(z):
        u = (z[..., 0] - z[..., 1]) ** 2
        return torch.stack([u, -u], -1)
    return Game("distance", (1, 1), utilities, *_box(1.0), (False, True))


def linear_game() -> Game:
    """u(x) = x on ℝ (one player, no constraint): V ≡ 1, no fixed point (S not compact)."""
    return Game("linear", (1,), lambda z: z[..., :1].clone(), (-math.inf,), (math.inf,), (False,))


def share_game() -> Game:
    """u_i = x_i on the jointly constrained S = {x ∈ [0, 1]²: x₁ + x₂ ≤ 1}.

    Player i's slice is S_i(x_{−i}) = [0, 1 − x_{−i}], so every x with x₁ + x₂ = 1 is a
    (generalised) first-order local Nash point.
    """
    def slices(y, z):
        return torch.clamp(y, torch.zeros_like(y), 1 - z.flip(-1))
    return Game("share", (1, 1), lambda z: z.clone(), (0.0, 0.0), (1.0, 1.0), (False, False),
                slice_fn=slices)


def cournot_game(a: float = 10.0, c: float = 1.0, qmax: float = 10.0) -> Game:
    """Cournot duopoly u_i = q_i(a − q₁ − q₂) − c q_i on [0, qmax]²; Nash q_i = (a − c)/3."""
    def utilities(q):
        price = a - q.sum(-1, keepdim=True)
        return q * price - c * q

    def field(q):
        return a - c - q.sum(-1, keepdim=True) - q
    return Game("cournot", (1, 1), utilities, (0.0, 0.0), (qmax, qmax), (False, False), field)
