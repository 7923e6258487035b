"""Update rules of strategic.games.dynamics and the Lightning driver of strategic.games.module,
checked against closed-form updates of a linear game field written out by hand."""

import math

import pytest
import torch

from strategic.games import dynamics, toys
from strategic.games.module import run_dynamics

F64 = torch.float64
ETA = 0.1
D = 2
# f(x, y) = ½xᵀPx + xᵀAy − ½yᵀQy, x minimises, y maximises: a general linear GDA field
# V(x, y) = (−(Px + Ay), Aᵀx − Qy).
P = torch.tensor([[1.0, 0.3], [0.3, 0.5]], dtype=F64)
Q = torch.tensor([[0.7, -0.2], [-0.2, 0.4]], dtype=F64)
A = torch.tensor([[0.5, -1.2], [2.0, 0.8]], dtype=F64)


def f(ps):
    x, y = ps
    return (0.5 * (x @ P * x).sum(-1) + (x @ A * y).sum(-1) - 0.5 * (y @ Q * y).sum(-1))


GAME_AUTO = toys.ZeroSumGame(f, ("min", "max"))
GAME_ANALYTIC = toys.ZeroSumGame(f, ("min", "max"), lambda ps: [ps[0] @ P + ps[1] @ A.T,
                                                                ps[0] @ A - ps[1] @ Q])


def V(x, y):
    """The GDA field by hand, rows = points: V_x = −(Px + Ay), V_y = Aᵀx − Qy."""
    return -(x @ P.T + y @ A.T), x @ A - y @ Q.T


def _init(b: int = 4, seed: int = 0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(b, D, generator=gen, dtype=F64), torch.randn(b, D, generator=gen, dtype=F64)


def _setup(x0, y0, grad_source):
    """Players [[x], [y]] plus grad / step / snapshot / restore callables."""
    x = x0.clone().requires_grad_(True)
    y = y0.clone().requires_grad_(True)
    players = [[x], [y]]
    if grad_source == "autograd":
        grad = dynamics.autograd_fn(players, lambda i: GAME_AUTO.loss(i, [x, y]))
    else:
        grad = lambda i: [GAME_ANALYTIC.grad(i, [x, y])]  # noqa: E731
    step = dynamics.sgd_step(players, ETA)
    snapshot, restore = dynamics.param_snapshot(players)
    return x, y, grad, step, snapshot, restore


def _run(rule_name, x0, y0, steps, grad_source="autograd"):
    x, y, grad, step, snapshot, restore = _setup(x0, y0, grad_source)
    rule = dynamics.UpdateRule(rule_name, 2)
    for _ in range(steps):
        rule(grad, step, snapshot, restore)
    return x.detach(), y.detach()


def _close(got, want):
    for g, w in zip(got, want):
        torch.testing.assert_close(g, w, rtol=1e-13, atol=1e-13)


GRADS = ["autograd", "analytic"]


def test_analytic_game_matches_hand_field():
    """Sanity of the fixture: −grad of each player's loss is the hand-written field V."""
    x, y = _init()
    vx, vy = V(x, y)
    _close([-GAME_ANALYTIC.grad(0, [x, y]), -GAME_ANALYTIC.grad(1, [x, y])], [vx, vy])
    xa, ya = x.clone().requires_grad_(True), y.clone().requires_grad_(True)
    _close([-GAME_AUTO.grad(0, [xa, ya]), -GAME_AUTO.grad(1, [xa, ya])], [vx, vy])


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
    """An unknown rule name is a ValueError naming it."""
    with pytest.raises(ValueError, match="sgda"):
        dynamics.UpdateRule("sgda", 2)


def test_extragradient_needs_snapshot():
    """EG without snapshot/restore is refused rather than silently doing GDA."""
    x0, y0 = _init()
    _, _, grad, step, _, _ = _setup(x0, y0, "autograd")
    with pytest.raises(ValueError):
        dynamics.UpdateRule("eg", 2)(grad, step)


@pytest.mark.parametrize("rule", dynamics.RULES)
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
def test_run_dynamics_counts_steps_across_blocks(rule, factor):
    """run_dynamics on x·y from (1, 1), 50 steps in blocks of 20 (last block 10): the norm is
    exactly √2·factor^50, and the observer sees t = 1..50 once each."""
    init = [torch.ones(1, 1, dtype=F64), torch.ones(1, 1, dtype=F64)]
    seen = []
    x, y = run_dynamics(toys.BILINEAR, init, rule, ETA, steps=50, block=20,
                        observer=lambda t, ps: seen.append(t), logger=None)
    norm = torch.cat([x, y], -1).norm().item()
    assert norm == pytest.approx(math.sqrt(2) * factor**50, rel=1e-12)
    assert seen == list(range(1, 51))
    assert factor == pytest.approx(toys.bilinear_rates(ETA)[rule], rel=1e-15)
