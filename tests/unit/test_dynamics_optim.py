"""strategic.dynamics with optimiser state: extragradient under Adam and Optimistic Adam
against hand-written references, snapshot/restore, and nn.Module games (functional_call)."""

import math

import pytest
import torch
from torch import nn

from strategic.dynamics import (LossGame, ModuleGame, OptimisticAdam, OptimizerPlayer,
                                SGDPlayer, iterate, make_rule)

F64 = torch.float64
LR, B1, B2, EPS = 0.05, 0.9, 0.999, 1e-8


def loss(i, ps):
    """f = Σ sin(x)·y + ½x² − ¼y² (x min, y max)."""
    x, y = ps[0][0], ps[1][0]
    f = (torch.sin(x) * y + 0.5 * x**2 - 0.25 * y**2).sum()
    return f if i == 0 else -f


GAME = LossGame(loss)


def grads_by_hand(x, y):
    """(∇_x f, ∇_y (−f)) = (cos(x)·y + x, ½y − sin(x))."""
    return [torch.cos(x) * y + x, 0.5 * y - torch.sin(x)]


def init(seed=0):
    gen = torch.Generator().manual_seed(seed)
    return [torch.randn(3, 2, generator=gen, dtype=F64) for _ in range(2)]


def adam_by_hand(p, m, v, g, t):
    """Kingma & Ba's Adam (bias-corrected moments); returns (p, m, v) after step t."""
    m = B1 * m + (1 - B1) * g
    v = B2 * v + (1 - B2) * g * g
    p = p - LR * (m / (1 - B1**t)) / (torch.sqrt(v / (1 - B2**t)) + EPS)
    return p, m, v


def adam_players(ps, cls=torch.optim.Adam):
    return [OptimizerPlayer(cls([p], lr=LR, betas=(B1, B2), eps=EPS)) for p in ps]


def test_extragradient_under_adam_matches_hand_reference():
    """Half step from (z_t, m_t, v_t) with g(z_t); real step from the SAME (z_t, m_t, v_t) with
    g(z_{t+½}): the moments advance once per iteration."""
    ps = [p.clone() for p in init()]
    players, rule = adam_players(ps), make_rule("eg")
    z, m, v = init(), [torch.zeros(3, 2, dtype=F64)] * 2, [torch.zeros(3, 2, dtype=F64)] * 2
    for t in range(1, 51):
        rule.step(GAME, players)
        half = [adam_by_hand(z[i], m[i], v[i], g, t)[0] for i, g in enumerate(grads_by_hand(*z))]
        new = [adam_by_hand(z[i], m[i], v[i], g, t) for i, g in enumerate(grads_by_hand(*half))]
        z, m, v = (list(a) for a in zip(*new))
        for i, pl in enumerate(players):
            state = pl.optimizer.state[pl.params[0]]
            assert int(state["step"]) == t
            for got, want in ((pl.params[0], z[i]), (state["exp_avg"], m[i]),
                              (state["exp_avg_sq"], v[i])):
                assert torch.allclose(got, want, rtol=1e-10, atol=1e-13), (t, i)


def optimistic_adam_by_hand(steps, z):
    """REFERENCE.md: p ← p − 2·lr_t·m_t/(√v_t+ε) + lr_t·m_{t−1}/(√v_{t−1}+ε); all (z_t)."""
    m, v = [torch.zeros_like(p) for p in z], [torch.zeros_like(p) for p in z]
    out = []
    for t in range(1, steps + 1):
        g = grads_by_hand(*z)
        lr_t = LR * math.sqrt(1 - B2**t) / (1 - B1**t)
        m_new = [B1 * m[i] + (1 - B1) * g[i] for i in range(2)]
        v_new = [B2 * v[i] + (1 - B2) * g[i] ** 2 for i in range(2)]
        z = [z[i] - 2 * lr_t * m_new[i] / (v_new[i].sqrt() + EPS)
             + lr_t * m[i] / (v[i].sqrt() + EPS) for i in range(2)]
        m, v = m_new, v_new
        out.append(torch.cat(z, -1))
    return torch.stack(out)


@pytest.mark.parametrize("rule", ["ogda", "gda"])
def test_optimistic_adam_matches_reference_formula(rule):
    """Optimism is the optimiser's: under 'ogda' it is fed g_t, so 'ogda' and 'gda' agree."""
    ps = [p.clone() for p in init()]
    traj = []
    iterate(make_rule(rule), GAME, adam_players(ps, OptimisticAdam), 60,
            lambda t, q: traj.append(torch.cat([q[0][0], q[1][0]], -1).clone()))
    assert torch.allclose(torch.stack(traj), optimistic_adam_by_hand(60, init()),
                          rtol=1e-10, atol=1e-13)


def test_optimistic_rule_refuses_plain_adam():
    with pytest.raises(ValueError, match="ogda: player 0's optimiser has no optimistic form"):
        make_rule("ogda").step(GAME, adam_players(init()))


def test_optimistic_adam_bad_lr():
    with pytest.raises(ValueError, match="OptimisticAdam: learning rate must be positive, got 0"):
        OptimisticAdam([torch.zeros(1)], lr=0)


def _state(player):
    s = player.optimizer.state[player.params[0]]
    return [player.params[0].clone(), s["exp_avg"].clone(), s["exp_avg_sq"].clone(),
            float(s["step"])]


def test_snapshot_restore_round_trips_optimiser_state():
    players, rule = adam_players(init()), make_rule("gda")
    iterate(rule, GAME, players, 3)
    saved, before = [pl.snapshot() for pl in players], [_state(pl) for pl in players]
    iterate(rule, GAME, players, 4)
    after_a = [_state(pl) for pl in players]
    for _ in range(2):  # a snapshot can be restored more than once
        for pl, s in zip(players, saved):
            pl.restore(s)
        for pl, want in zip(players, before):
            got = _state(pl)
            assert all(torch.equal(a, b) for a, b in zip(got[:3], want[:3])) and got[3] == want[3]
        iterate(rule, GAME, players, 4)
        for pl, want in zip(players, after_a):
            assert all(torch.equal(a, b) for a, b in zip(_state(pl)[:3], want[:3]))


def test_snapshot_before_the_first_step_restores_a_fresh_optimiser():
    """A snapshot taken with no optimiser state yet: restoring it drops the state created
    since, so the next steps equal those of a fresh optimiser (Adam's bias correction
    restarts), also for the fused Adam and for Optimistic Adam; a param group's lr changed
    after the snapshot comes back too."""
    for make in (lambda ps: torch.optim.Adam(ps, lr=0.1, fused=True),
                 lambda ps: OptimisticAdam(ps, lr=0.1)):
        x0 = torch.tensor([[0.3, -0.2]])
        fresh = OptimizerPlayer(make([x0.clone()]))
        player = OptimizerPlayer(make([x0.clone()]))
        saved = player.snapshot()
        for _ in range(3):
            player.step([torch.tensor([[1.0, 2.0]])])
        player.optimizer.param_groups[0]["lr"] = 0.5
        player.restore(saved)
        assert player.optimizer.param_groups[0]["lr"] == 0.1
        for g in ([[0.5, -1.0]], [[2.0, 0.1]]):
            player.step([torch.tensor(g)])
            fresh.step([torch.tensor(g)])
        assert torch.equal(player.params[0], fresh.params[0])
        assert not torch.equal(player.params[0], x0)


def test_a_transposed_gradient_steps_fused_adam_like_the_for_loop_adam():
    """torch's fused CPU Adam reads .grad's memory in the parameter's order: the player hands
    it gradients in the parameter's layout (autograd returns e.g. the transpose of Wᵀ's)."""
    x0, g = torch.randn(4, 6), torch.randn(6, 4).t()
    assert not g.is_contiguous()
    steps = {}
    for fused in (False, True):
        player = OptimizerPlayer(torch.optim.Adam([x0.clone()], lr=1e-3, fused=fused))
        player.step([g])
        steps[fused] = player.params[0] - x0
    assert torch.allclose(steps[True], steps[False], atol=1e-9)
    assert torch.allclose(steps[False], -1e-3 * g.sign(), rtol=1e-3)


def test_sgd_player_snapshot_is_a_copy():
    p = torch.ones(2, 3)
    pl = SGDPlayer([p], 0.5)
    s = pl.snapshot()
    pl.step([torch.ones(2, 3)])
    assert torch.equal(p, torch.full((2, 3), 0.5)) and torch.equal(s[0], torch.ones(2, 3))
    pl.restore(s)
    assert torch.equal(p, torch.ones(2, 3))


def _wgan(seed=0):
    """Linear generator G(z) = Wz + b and critic D(x) = ⟨a, x⟩ on fixed noise and data."""
    gen = torch.Generator().manual_seed(seed)
    g, d = nn.Linear(1, 2).double(), nn.Linear(2, 1, bias=False).double()
    with torch.no_grad():
        for p in [*g.parameters(), *d.parameters()]:
            p.copy_(torch.randn(p.shape, generator=gen, dtype=F64))
    noise = torch.randn(16, 1, generator=gen, dtype=F64)
    real = torch.randn(16, 2, generator=gen, dtype=F64) + 2.0

    def loss_fn(i, nets):
        gen_net, critic = nets
        fake = critic(gen_net(noise)).mean()
        return -fake if i == 0 else fake - critic(real).mean()
    return g, d, ModuleGame([g, d], loss_fn), noise, real


def test_module_game_grad_equals_backward():
    g, d, game, noise, real = _wgan()
    got = game.grad(1, game.params())
    (d(g(noise)).mean() - d(real).mean()).backward()
    assert all(torch.allclose(a, p.grad, rtol=1e-12) for a, p in zip(got, d.parameters()))


def test_unrolled_on_modules_k0_is_gda_and_k2_differs():
    trajs = {}
    for name, opts in [("gda", {}), ("unrolled", {"k": 0, "inner_lr": 0.1}),
                       ("unrolled", {"k": 2, "inner_lr": 0.1})]:
        g, d, game, *_ = _wgan()
        players = [OptimizerPlayer(torch.optim.Adam(m.parameters(), lr=0.01)) for m in (g, d)]
        iterate(make_rule(name, **opts), game, players, 10)
        trajs[f"{name}{opts.get('k', '')}"] = torch.cat([p.detach().flatten() for p in
                                                        [*g.parameters(), *d.parameters()]])
    assert torch.equal(trajs["gda"], trajs["unrolled0"])
    assert (trajs["gda"] - trajs["unrolled2"]).abs().max() > 1e-6


def test_extragradient_on_modules_advances_adam_once_per_iteration():
    g, d, game, *_ = _wgan()
    players = [OptimizerPlayer(torch.optim.Adam(m.parameters(), lr=0.01)) for m in (g, d)]
    iterate(make_rule("eg"), game, players, 7)
    for pl in players:
        assert all(int(pl.optimizer.state[p]["step"]) == 7 for p in pl.params)
        assert all(p.grad is None for p in pl.params)
