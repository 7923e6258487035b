"""STON'R's f1 (Daskalakis-Golowich-Skoulakis-Zampetakis COLT'23, arXiv 2210.09769), θ min, ω max:

    f1(θ, ω) = g·e,  g = 4θ² − r² − ω⁴/10,  r = ω − 3θ + θ³/20,  e = exp(−(θ² + ω²)/100).

Its only first-order local Nash point on [−3, 3]² is (0, 0), where GDA's Jacobian has the
double eigenvalue 4 (repelling): GDA, OGDA and EG cycle around it (claims A3, C1, C3, D1, D2).

The closed-form partials are written once (`partials`, `second_partials`, pure arithmetic on
floats, numpy, torch or `Interval`s); the torch field, STON'R's float field and Jacobian and the compiled
kernel of the long loops all evaluate them (`register_jitable`: plain Python, and callable from
numba; `exp` dispatches on the argument). The kernel is cached on disk by numba (`cache=True`),
so a job loads it instead of compiling it.
"""

from __future__ import annotations

import math

import numba
import numpy as np
import torch
from numba.extending import overload, register_jitable
from torch import Tensor

from strategic import jitcache
from strategic.games.game import Game, box, planar_rows, zero_sum
from strategic.games.intervals import Interval
from strategic.games.planar_play import planar_play

jitcache.configure()   # numba's cache folder, keyed by the kernels' source: before they are defined


def exp(x):
    """e^x on a torch tensor (differentiable), an `Interval` (an enclosure), an array or a float
    (`math.exp`); numba: `np.exp`."""
    if isinstance(x, Interval):
        return x.exp()
    if isinstance(x, np.ndarray):
        return np.exp(x)
    return torch.exp(x) if isinstance(x, Tensor) else math.exp(x)


@overload(exp)
def _exp_numba(x):
    return lambda x: np.exp(x)


@register_jitable
def _core(th, om):
    """r, ∂θ r, g, ∂θ g, ∂ω g."""
    r = om - 3 * th + th**3 / 20
    r_t = -3 + 3 * th**2 / 20
    g = 4 * th**2 - r**2 - om**4 / 10
    return r, r_t, g, 8 * th - 2 * r * r_t, -2 * r - 0.4 * om**3


@register_jitable
def partials(th, om):
    """(f, f_θ, f_ω) at (θ, ω): f_a = e·(g_a − a·g/50)."""
    _, _, g, g_t, g_o = _core(th, om)
    e = exp(-(th**2 + om**2) / 100)
    return g * e, (g_t - th * g / 50) * e, (g_o - om * g / 50) * e


def second_partials(th, om):
    """(f_θθ, f_θω, f_ωω): f_ab = e·(g_ab − (a g_b + b g_a)/50 − δ_ab g/50 + a b g/2500)."""
    r, r_t, g, g_t, g_o = _core(th, om)
    e = exp(-(th**2 + om**2) / 100)
    g_tt = 8 - 2 * r_t**2 - 2 * r * (0.3 * th)
    g_oo = -2 - 1.2 * om**2
    g_to = -2 * r_t
    return (e * (g_tt - 2 * th * g_t / 50 - g / 50 + th**2 * g / 2500),
            e * (g_to - (th * g_o + om * g_t) / 50 + th * om * g / 2500),
            e * (g_oo - 2 * om * g_o / 50 - g / 50 + om**2 * g / 2500))


def cell_field_lipschitz(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A proven upper bound of Lip(V) on each cell [lo_k, hi_k] of the plane, [M] (lo, hi: [M, 2]).

    Why it is a proof: V = diag(−1, 1)·∇f1 is C¹ and a cell is convex, so for z, z' in it
    ‖V(z) − V(z')‖ ≤ sup_cell ‖∂V/∂z‖₂·‖z − z'‖ (mean-value inequality along the segment).
    ‖∂V/∂z‖₂ ≤ ‖∂V/∂z‖_F = (f_θθ² + 2 f_θω² + f_ωω²)^½, and `second_partials` evaluated in
    interval arithmetic (outward-rounded, `strategic.games.intervals`) encloses every value
    each second partial takes on the cell; the bound uses their largest magnitudes. No point
    of the cell is sampled: the bound holds at all of them.
    """
    th = Interval(np.asarray(lo, float)[:, 0], np.asarray(hi, float)[:, 0])
    om = Interval(np.asarray(lo, float)[:, 1], np.asarray(hi, float)[:, 1])
    h_tt, h_to, h_oo = second_partials(th, om)
    frob2 = h_tt.mag() ** 2 + 2 * h_to.mag() ** 2 + h_oo.mag() ** 2
    return np.sqrt(frob2) * (1 + 1e-12)  # the last roundings (squares, sum, sqrt), outwards


def own_curvature_bound(b: float, n: int = 300) -> np.ndarray:
    """Proven (L_θ, L_ω) ≥ sup over [−b, b]² of |f_θθ|, |f_ωω| (each player's own curvature,
    D2's smoothness bound): the max over an n × n partition of the box of the interval
    enclosures of the closed-form second partials (as in `cell_field_lipschitz`)."""
    edges = np.linspace(-b, b, n + 1)
    lo_t, lo_o = np.meshgrid(edges[:-1], edges[:-1], indexing="ij")
    hi_t, hi_o = np.meshgrid(edges[1:], edges[1:], indexing="ij")
    h_tt, _, h_oo = second_partials(Interval(lo_t.ravel(), hi_t.ravel()), Interval(lo_o.ravel(), hi_o.ravel()))
    return np.array([h_tt.mag().max(), h_oo.mag().max()])


def _torch_partials(z: Tensor) -> tuple[Tensor, Tensor, Tensor]:
    return partials(z[..., 0], z[..., 1])


def value(z: Tensor) -> Tensor:
    """f1 at every point of z [..., 2] -> [...]."""
    return _torch_partials(z)[0]


def grad(z: Tensor) -> Tensor:
    """(∂θ f1, ∂ω f1), [..., 2]; zero at (0, 0)."""
    return torch.stack(_torch_partials(z)[1:], -1)


def hessian(z: Tensor) -> Tensor:
    """Closed-form Hessian [B, 2, 2]; at (0, 0) it is [[−10, 6], [6, −2]]."""
    h_tt, h_to, h_oo = second_partials(z[..., 0], z[..., 1])
    return torch.stack([torch.stack([h_tt, h_to], -1), torch.stack([h_to, h_oo], -1)], -2)


def field(z: Tensor) -> Tensor:
    """GDA field (θ min, ω max): V = (−∂θ f1, ∂ω f1), [B, 2]."""
    return grad(z) * z.new_tensor([-1.0, 1.0])


@register_jitable
def _field_point(th, om):
    """V at one point (compiled in `kernel`)."""
    _, f_t, f_o = partials(th, om)
    return -f_t, f_o


def field_float(x: np.ndarray) -> np.ndarray:
    """V at one point in plain floats (STON'R's sequential steps)."""
    _, f_t, f_o = partials(x[0], x[1])
    return np.array([-f_t, f_o])


def jacobian_float(x: np.ndarray) -> np.ndarray:
    """∂V/∂x = diag(−1, +1)·∇²f1 at one point (closed-form Hessian)."""
    h_tt, h_to, h_oo = second_partials(x[0], x[1])
    return np.array([[-h_tt, -h_to], [h_to, h_oo]])


@numba.njit(cache=True)
def kernel(z: np.ndarray) -> np.ndarray:
    """V on a float64 array [B, 2] (numba: compiled on first use, or loaded from its cache)."""
    return planar_rows(_field_point, z)


@numba.njit(cache=True)
def play_kernel(method, z0, eta, steps, lo, hi, first, keep, every):
    """`planar_play.planar_play` on f1's field (A3's long runs; use `planar_play.run`)."""
    return planar_play(_field_point, method, z0, eta, steps, lo, hi, first, keep, every)


def game(b: float = 3.0, roles: tuple[str, str] = ("min", "max"), analytic: bool = True) -> Game:
    """f1 on [−b, b]² with these roles; `analytic=False` leaves the field to autograd of the
    value (independent of the closed-form partials; D1's Jacobian at 0 uses it)."""
    if not analytic:
        return zero_sum("f1", value, roles, (1, 1), *box(b))
    if roles != ("min", "max"):
        raise ValueError(f"f1.game: the closed-form field is for roles ('min', 'max'), got {roles}")
    return zero_sum("f1", value, roles, (1, 1), *box(b), field=field, kernel=kernel)
