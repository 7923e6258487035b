"""strategic.dynamics rules under SGD: exact bilinear rates, unrolled-k against closed forms,
the batched SGD player against separate runs, the driver, and option errors."""

import math

import pytest
import torch

from strategic.dynamics import (FieldGame, LossGame, OptimizerPlayer, SGDPlayer, iterate,
                                make_rule)

F64 = torch.float64
ETA = 0.1
# f(x, y) = Σ x·y, x minimises (ℓ_0 = f), y maximises (ℓ_1 = −f)
BILINEAR = FieldGame(lambda i, ps: [ps[1][0]] if i == 0 else [-ps[0][0]],
                     lambda i, ps: (1 if i == 0 else -1) * (ps[0][0] * ps[1][0]).sum())


def nonlinear_loss(i, ps):
    """f = Σ sin(x)·y + ½x² − ¼y² (x min, y max), summed over the batch."""
    x, y = ps[0][0], ps[1][0]
    f = (torch.sin(x) * y + 0.5 * x**2 - 0.25 * y**2).sum()
    return f if i == 0 else -f


NONLINEAR = LossGame(nonlinear_loss)


def sgd_pair(x, y, lr=ETA):
    return [SGDPlayer([x], lr), SGDPlayer([y], lr)]


def bilinear_norms(rule: str, steps: int) -> torch.Tensor:
    """‖z_t‖ for t = 0..steps from z_0 = (1, 1), float64."""
    x, y = torch.ones(1, 1, dtype=F64), torch.ones(1, 1, dtype=F64)
    norms = [math.sqrt(2.0)]
    iterate(make_rule(rule), BILINEAR, sgd_pair(x, y), steps,
            lambda t, ps: norms.append(math.hypot(ps[0][0].item(), ps[1][0].item())))
    return torch.tensor(norms, dtype=F64)


def test_gda_grows_by_sqrt_1_plus_eta2_every_step():
    n = bilinear_norms("gda", 300)
    assert torch.allclose(n[1:] / n[:-1], torch.full((300,), math.sqrt(1 + ETA**2), dtype=F64),
                          rtol=0, atol=1e-8)


def test_alternating_stays_bounded():
    n = bilinear_norms("alt_gda", 20_000) / math.sqrt(2.0)
    assert 0.9 <= n.min() and n.max() <= 1.1


def test_extragradient_contracts_by_sqrt_1_minus_eta2_plus_eta4_every_step():
    n = bilinear_norms("eg", 300)
    rate = math.sqrt(1 - ETA**2 + ETA**4)
    assert torch.allclose(n[1:] / n[:-1], torch.full((300,), rate, dtype=F64), rtol=0, atol=1e-8)


def test_optimistic_gda_asymptotic_factor():
    n = bilinear_norms("ogda", 400)
    rate = abs((1 + 2j * ETA + math.sqrt(1 - 4 * ETA**2)) / 2)
    ratios = n[101:] / n[100:-1]  # the other root (|λ₂| ≈ 0.1) has died out by t = 100
    assert (ratios - rate).abs().max() < 1e-6
    assert rate < 1  # converges, unlike GDA


def _run(rule, game, x, y, steps, lr=ETA):
    traj = []
    iterate(rule, game, sgd_pair(x, y, lr), steps,
            lambda t, ps: traj.append(torch.cat([ps[0][0], ps[1][0]], -1).clone()))
    return torch.stack(traj)  # [steps, B, 2d]


def _init(b=3, d=2, seed=0):
    gen = torch.Generator().manual_seed(seed)
    return torch.randn(b, d, generator=gen, dtype=F64), torch.randn(b, d, generator=gen, dtype=F64)


def test_unrolled_k0_equals_simultaneous_gda_exactly():
    for game in (BILINEAR, NONLINEAR):
        x, y = _init()
        gda = _run(make_rule("gda"), game, x.clone(), y.clone(), 40)
        unr = _run(make_rule("unrolled", k=0), game, x.clone(), y.clone(), 40)
        assert torch.equal(gda, unr)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_unrolled_bilinear_closed_form(k):
    """Follower's inner SGD steps: y_k = y + kη_in x, so ∇_x [x·y_k] = y + 2kη_in x."""
    inner = 0.05
    x, y = _init()
    got = _run(make_rule("unrolled", k=k, inner_lr=inner), BILINEAR, x.clone(), y.clone(), 30)
    want = []
    for _ in range(30):
        x, y = x - ETA * (y + 2 * k * inner * x), y + ETA * x
        want.append(torch.cat([x, y], -1))
    assert torch.allclose(got, torch.stack(want), rtol=1e-12, atol=1e-14)
    gda = _run(make_rule("gda"), BILINEAR, *_init(), 30)
    assert (got - gda).abs().max() > 1e-3


class ExplicitNonlinear(LossGame):
    """NONLINEAR with the follower's gradient written out, ∇_y ℓ_1 = −sin(x) + ½y (differentiable
    in x and y), as a game may offer it to the unrolled rule; counts its calls."""

    def __init__(self, answer=True):
        super().__init__(nonlinear_loss)
        self.calls, self.answer = 0, answer

    def differentiable_grad(self, i, ps):
        self.calls += 1
        if not self.answer or i != 1:
            return None
        return [-torch.sin(ps[0][0]) + 0.5 * ps[1][0]]


def test_unrolled_uses_a_games_differentiable_grad_and_falls_back_on_none():
    from strategic.dynamics import unrolled_grad
    x = torch.linspace(-1, 1, 5, dtype=F64).reshape(5, 1)
    y = torch.linspace(0.5, -0.5, 5, dtype=F64).reshape(5, 1)
    ref = unrolled_grad(NONLINEAR, [[x], [y]], 0, 1, 3, 0.2)[0]
    for answer in (True, False):
        game = ExplicitNonlinear(answer)
        got = unrolled_grad(game, [[x], [y]], 0, 1, 3, 0.2)[0]
        assert game.calls == 3 and torch.allclose(got, ref, rtol=0, atol=1e-12)
    k0 = unrolled_grad(NONLINEAR, [[x], [y]], 0, 1, 0, 0.2)[0]
    assert (ref - k0).abs().max() > 1e-3


class ClosedNonlinear(LossGame):
    """NONLINEAR offering the unrolled gradients in closed form (here: autograd's, scaled by
    `scale` so a use shows), or None; counts its calls."""

    def __init__(self, scale):
        super().__init__(nonlinear_loss)
        self.calls, self.scale = 0, scale

    def unrolled_grads(self, params, leader, follower, k, inner_lr):
        from strategic.dynamics.unrolled import _unrolled
        self.calls += 1
        if self.scale is None:
            return None
        lead, first = _unrolled(NONLINEAR, params, leader, follower, k, inner_lr)
        return [self.scale * g for g in lead], first


def test_unrolled_takes_a_games_closed_form_and_falls_back_on_none():
    x, y = _init(seed=4)
    ref = [p.params[0].clone() for p in sgd_pair(x.clone(), y.clone())]
    plain = sgd_pair(x.clone(), y.clone())
    make_rule("unrolled", k=2, inner_lr=0.2).step(NONLINEAR, plain)
    for scale, want in ((None, plain[0].params[0]), (3.0, x - 3 * (x - plain[0].params[0]))):
        game, players = ClosedNonlinear(scale), sgd_pair(x.clone(), y.clone())
        make_rule("unrolled", k=2, inner_lr=0.2).step(game, players)
        assert game.calls == 1
        assert torch.allclose(players[0].params[0], want, rtol=0, atol=1e-12)
        assert torch.equal(players[1].params[0], plain[1].params[0])
    assert not torch.equal(plain[0].params[0], ref[0])


def test_unrolled_follower_steps_with_its_plain_gradient():
    """The follower's step reuses the first inner step's gradient: it must equal its own
    gradient at z_t (a nonlinear game, where the inner steps move the follower)."""
    x, y = _init(seed=2)
    want = y - ETA * NONLINEAR.grad(1, [[x], [y]])[0]
    players = sgd_pair(x.clone(), y.clone())
    make_rule("unrolled", k=3, inner_lr=0.2).step(NONLINEAR, players)
    assert torch.equal(players[1].params[0], want)
    assert not torch.allclose(players[0].params[0], x - ETA * NONLINEAR.grad(0, [[x], [y]])[0])


def test_unrolled_quadratic_closed_form_with_leader_1():
    """f = Σ x·y − ½a y², leader y (max), follower x (min; inner steps x ← x − η_in y), so
    x_k = x − kη_in y and ∇_y[−(x_k·y − ½a y²)] = −x_k + kη_in y + a y."""
    a, k, inner = 0.5, 2, 0.1

    def loss(i, ps):
        x, y = ps[0][0], ps[1][0]
        f = (x * y - 0.5 * a * y**2).sum()
        return f if i == 0 else -f
    x, y = _init(seed=1)
    got = _run(make_rule("unrolled", k=k, inner_lr=inner, leader=1, follower=0),
               LossGame(loss), x.clone(), y.clone(), 25)
    want = []
    for _ in range(25):
        xk = x - k * inner * y
        gy = -xk + k * inner * y + a * y
        x, y = x - ETA * y, y - ETA * gy
        want.append(torch.cat([x, y], -1))
    assert torch.allclose(got, torch.stack(want), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("rule,opts", [("gda", {}), ("alt_gda", {}), ("ogda", {}), ("eg", {}),
                                       ("unrolled", {"k": 2, "inner_lr": 0.05})])
def test_batched_sgd_player_equals_separate_runs(rule, opts):
    x, y = _init(b=4)
    batched = _run(make_rule(rule, **opts), NONLINEAR, x.clone(), y.clone(), 30)
    for b in range(4):
        alone = _run(make_rule(rule, **opts), NONLINEAR, x[b:b + 1].clone(), y[b:b + 1].clone(), 30)
        assert torch.allclose(batched[:, b:b + 1], alone, rtol=1e-12, atol=1e-14)


def test_sgd_player_matches_torch_sgd_player():
    x, y = _init()
    fast = _run(make_rule("eg"), NONLINEAR, x.clone(), y.clone(), 20)
    xs, ys = x.clone(), y.clone()
    players = [OptimizerPlayer(torch.optim.SGD([p], lr=ETA)) for p in (xs, ys)]
    traj = []
    iterate(make_rule("eg"), NONLINEAR, players, 20,
            lambda t, ps: traj.append(torch.cat([ps[0][0], ps[1][0]], -1).clone()))
    assert torch.allclose(fast, torch.stack(traj), rtol=1e-12, atol=1e-14)


def test_iterate_counts_from_start_and_returns_last_observation():
    x, y = _init()
    seen = []
    out = iterate(make_rule("gda"), BILINEAR, sgd_pair(x, y), 5,
                  lambda t, ps: seen.append(t) or ({"t": t} if t % 2 else None), start=10)
    assert seen == [11, 12, 13, 14, 15] and out == {"t": 15}
    assert iterate(make_rule("gda"), BILINEAR, sgd_pair(x, y), 0) is None


@pytest.mark.parametrize("call,message", [
    (lambda: make_rule("sgda"),
     "unknown update rule 'sgda' (known: alt_gda, eg, gda, ogda, unrolled)"),
    (lambda: make_rule("gda", k=1), "rule 'gda': got an unexpected keyword argument 'k'"),
    (lambda: make_rule("unrolled", k=-1), "unrolled: k must be an integer >= 0, got -1"),
    (lambda: make_rule("unrolled", inner_lr=0.0),
     "unrolled inner_lr: learning rate must be positive, got 0.0"),
    (lambda: SGDPlayer([torch.zeros(1)], 0.0),
     "SGDPlayer: learning rate must be positive, got 0.0"),
    (lambda: SGDPlayer([torch.zeros(1)], -0.1),
     "SGDPlayer: learning rate must be positive, got -0.1"),
    (lambda: iterate(make_rule("gda"), BILINEAR, [], -1), "iterate: steps must be >= 0, got -1"),
    (lambda: make_rule("unrolled").step(FieldGame(BILINEAR.grad_fn), sgd_pair(*_init())),
     "this FieldGame has no loss_fn (the unrolled rule needs one)"),
])
def test_bad_options_raise_one_line_errors(call, message):
    with pytest.raises(ValueError) as e:
        call()
    assert str(e.value) == message and "\n" not in message
