"""Projected gradient play on Games (strategic.games.gradient_play: the shared rules of
strategic.dynamics through the games adapter), checked against closed-form updates of a linear
game field written out by hand."""

import math

import numpy as np
import pytest
import torch

from strategic.dynamics import RULES
from strategic.games import bilinear
from strategic.games.game import zero_sum
from strategic.games.gradient_play import play

F64 = torch.float64
ETA = 0.1
D = 2
# f(x, y) = ½xᵀPx + xᵀAy − ½yᵀQy, x minimises, y maximises: a general linear GDA field
# V(x, y) = (−(Px + Ay), Aᵀx − Qy).
P = torch.tensor([[1.0, 0.3], [0.3, 0.5]], dtype=F64)
Q = torch.tensor([[0.7, -0.2], [-0.2, 0.4]], dtype=F64)
A = torch.tensor([[0.5, -1.2], [2.0, 0.8]], dtype=F64)
INF = (math.inf,) * 2 * D


def f(z):
    x, y = z[..., :D], z[..., D:]
    return (0.5 * (x @ P * x).sum(-1) + (x @ A * y).sum(-1) - 0.5 * (y @ Q * y).sum(-1))


def V(x, y):
    """The GDA field by hand, rows = points: V_x = −(Px + Ay), V_y = Aᵀx − Qy."""
    return -(x @ P.T + y @ A.T), x @ A - y @ Q.T


GAME_AUTO = zero_sum("linear", f, ("min", "max"), (D, D), [-v for v in INF], INF)
GAME_ANALYTIC = zero_sum("linear", f, ("min", "max"), (D, D), [-v for v in INF], INF,
                         field=lambda z: torch.cat(V(z[..., :D], z[..., D:]), -1))
GAMES = {"autograd": GAME_AUTO, "analytic": GAME_ANALYTIC}


def _init(b: int = 4, seed: int = 0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(b, D, generator=gen, dtype=F64), torch.randn(b, D, generator=gen, dtype=F64)


def _run(rule_name, x0, y0, steps, grad_source="autograd"):
    z = play(GAMES[grad_source], torch.cat([x0, y0], -1).numpy(), rule_name, ETA, steps)
    z = torch.from_numpy(z)
    return z[:, :D], z[:, D:]


def _close(got, want):
    for g, w in zip(got, want):
        torch.testing.assert_close(g, w, rtol=1e-13, atol=1e-13)


GRADS = ["autograd", "analytic"]


def test_analytic_game_matches_hand_field():
    """Sanity of the fixture: the autograd field of f with its roles is the hand-written V."""
    x, y = _init()
    z = torch.cat([x, y], -1)
    _close([GAME_AUTO.field(z)], [torch.cat(V(x, y), -1)])
    _close([GAME_ANALYTIC.field(z)], [torch.cat(V(x, y), -1)])


@pytest.mark.parametrize("src", GRADS)
def test_simultaneous_step(src):
    """GDA: z⁺ = z + ηV(z)."""
    x0, y0 = _init()
    vx, vy = V(x0, y0)
    _close(_run("gda", x0, y0, 1, src), [x0 + ETA * vx, y0 + ETA * vy])


@pytest.mark.parametrize("src", GRADS)
def test_alternating_step(src):
    """Alternating GDA: x moves first, then y moves using the new x."""
    x0, y0 = _init()
    x1 = x0 + ETA * V(x0, y0)[0]
    y1 = y0 + ETA * V(x1, y0)[1]
    _close(_run("alt_gda", x0, y0, 1, src), [x1, y1])


@pytest.mark.parametrize("src", GRADS)
def test_optimistic_two_steps(src):
    """OGDA: first step uses g_{−1} = g_0 (plain GDA), second z₂ = z₁ + 2ηV(z₁) − ηV(z₀)."""
    x0, y0 = _init()
    v0 = V(x0, y0)
    x1, y1 = x0 + ETA * v0[0], y0 + ETA * v0[1]
    _close(_run("ogda", x0, y0, 1, src), [x1, y1])
    v1 = V(x1, y1)
    x2 = x1 + 2 * ETA * v1[0] - ETA * v0[0]
    y2 = y1 + 2 * ETA * v1[1] - ETA * v0[1]
    _close(_run("ogda", x0, y0, 2, src), [x2, y2])


@pytest.mark.parametrize("src", GRADS)
def test_extragradient_step(src):
    """EG: z⁺ = z + ηV(z + ηV(z)) (the extrapolation is undone before the real step)."""
    x0, y0 = _init()
    vx, vy = V(x0, y0)
    hx, hy = V(x0 + ETA * vx, y0 + ETA * vy)
    _close(_run("eg", x0, y0, 1, src), [x0 + ETA * hx, y0 + ETA * hy])


def test_unknown_rule_raises():
    """An unknown rule name is a ValueError naming it (the shared registry's message)."""
    x0, y0 = _init()
    with pytest.raises(ValueError, match="sgda"):
        _run("sgda", x0, y0, 1)


def test_extragradient_projects_the_extrapolation():
    """On a box, EG's half step is projected too: z⁺ = Π(z + ηV(Π(z + ηV(z)))) on x·y."""
    g = bilinear.xy_game(b=1.0)
    z0 = np.array([[0.95, 0.9]])
    half = np.clip(z0 + ETA * np.array([[-0.9, 0.95]]), -1, 1)          # V = (−y, x)
    want = np.clip(z0 + ETA * np.array([[-half[0, 1], half[0, 0]]]), -1, 1)
    np.testing.assert_allclose(play(g, z0, "eg", ETA, 1), want, rtol=1e-15)


@pytest.mark.parametrize("rule", sorted(set(RULES) - {"unrolled"}))
def test_batched_points_evolve_independently(rule):
    """A batch of 3 initial points after 7 steps equals each point run alone."""
    x0, y0 = _init(3, seed=5)
    xb, yb = _run(rule, x0, y0, 7)
    for k in range(3):
        xk, yk = _run(rule, x0[k:k + 1], y0[k:k + 1], 7)
        _close([xb[k:k + 1], yb[k:k + 1]], [xk, yk])


@pytest.mark.parametrize("rule,factor", [("gda", math.sqrt(1 + ETA**2)),
                                         ("eg", math.sqrt(1 - ETA**2 + ETA**4))],
                         ids=["gda", "eg"])
def test_play_counts_steps_and_observes_each_once(rule, factor):
    """play on x·y from (1, 1), 50 steps: the norm is exactly √2·factor^50, and the observer
    sees t = 1..50 once each."""
    seen = []
    z = play(bilinear.xy_game(), np.ones((1, 2)), rule, ETA, 50, lambda t, z: seen.append(t))
    assert np.linalg.norm(z) == pytest.approx(math.sqrt(2) * factor**50, rel=1e-12)
    assert seen == list(range(1, 51))
    assert factor == pytest.approx(bilinear.rates(ETA)[rule], rel=1e-15)
