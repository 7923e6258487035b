"""Attacks and transformations of the robustness study (CLAIMS F): ε-ball and [0, 1]
containment, identity at ε = 0, eval mode restored on error, the affine maps' geometry, the
grid and worst-of-k attacks against explicit loops, and one-line errors for bad budgets."""

import pytest
import torch
from torch import nn

from strategic.robustness import attacks as A
from strategic.robustness import spatial as S
from strategic.robustness import transforms as T


def _net(d_in=64, seed=0):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Flatten(), nn.Linear(d_in, 32), nn.ReLU(), nn.Linear(32, 10))


def _data(n=40, shape=(1, 8, 8), seed=0):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, *shape, generator=g), torch.randint(0, 10, (n,), generator=g)


@pytest.mark.parametrize("norm", ["linf", "l2"])
@pytest.mark.parametrize("targeted", [False, True])
def test_pgd_stays_in_ball_and_box(norm, targeted):
    net, (x, y) = _net(), _data()
    eps = 0.3 if norm == "linf" else 1.5
    adv = A.pgd(net, x, y, eps=eps, step=eps / 4, steps=10, norm=norm, targeted=targeted,
                generator=torch.Generator().manual_seed(1))
    d = (adv - x).flatten(1)
    size = d.abs().max(1).values if norm == "linf" else d.norm(dim=1)
    assert size.max() <= eps + 1e-6 and adv.min() >= 0 and adv.max() <= 1
    assert size.max() > eps / 2   # it moved


def test_pgd_raises_the_loss_and_fgsm_contained():
    net, (x, y) = _net(), _data()
    ce = lambda z: nn.functional.cross_entropy(net(z), y)  # noqa: E731
    adv = A.pgd(net, x, y, eps=0.1, step=0.02, steps=10, generator=torch.Generator().manual_seed(0))
    f = A.fgsm(net, x, y, eps=0.1)
    assert ce(adv) > ce(x) and ce(f) > ce(x)
    assert (f - x).abs().max() <= 0.1 + 1e-6 and 0 <= f.min() and f.max() <= 1


def test_identity_at_zero_eps():
    net, (x, y) = _net(), _data()
    for rand in (True, False):
        adv = A.pgd(net, x, y, eps=0.0, step=0.0, steps=5, rand_init=rand,
                    generator=torch.Generator().manual_seed(0))
        assert torch.equal(adv, x)
    assert torch.equal(A.fgsm(net, x, y, eps=0.0), x)


def test_seeded_generator_reproduces():
    net, (x, y) = _net(), _data()
    run = lambda: A.pgd(net, x, y, eps=0.2, step=0.05, steps=3,  # noqa: E731
                        generator=torch.Generator().manual_seed(7))
    assert torch.equal(run(), run())


class _Boom(nn.Module):
    def forward(self, x):
        raise RuntimeError("boom")


def test_eval_mode_restored_even_on_error():
    net, (x, y) = _net(), _data()
    net.train()
    A.pgd(net, x, y, eps=0.1, step=0.05, steps=2, generator=torch.Generator().manual_seed(0))
    assert net.training
    boom = _Boom().train()
    with pytest.raises(RuntimeError, match="boom"):
        A.pgd(boom, x, y, eps=0.1, step=0.05, steps=2)
    assert boom.training
    assert all(p.grad is None for p in net.parameters())   # input gradients only


@pytest.mark.parametrize("kw, msg", [({"eps": -0.1, "step": 0.0}, "eps must be >= 0"),
                                     ({"eps": 0.1, "step": 0.2}, "step must be in"),
                                     ({"eps": 0.1, "step": 0.05, "norm": "l1"}, "unknown norm")])
def test_bad_budget_is_one_line_error(kw, msg):
    net, (x, y) = _net(), _data()
    with pytest.raises(ValueError, match=msg):
        A.pgd(net, x, y, steps=3, **kw)


def test_affine_geometry():
    """Identity is exact; a +90° rotation is rot90 clockwise as displayed; an integer
    shift is a roll with zero fill; apply_all is transformation-major."""
    x, _ = _data(3, (1, 28, 28))
    z = torch.zeros(1)
    ident = T.affine(z, z, z)
    assert torch.allclose(T.apply(x[:1], ident), x[:1], atol=1e-5)
    rot = T.apply(x[:1], T.affine(torch.tensor([90.0]), z, z))
    assert torch.allclose(rot, torch.rot90(x[:1], -1, dims=(2, 3)), atol=1e-5)
    sh = T.apply(x[:1], T.affine(z, torch.tensor([2.0]), torch.tensor([-1.0])))
    want = torch.zeros_like(x[:1])
    want[..., :27, 2:] = x[:1, ..., 1:, :26]        # 2 px right, 1 px up
    assert torch.allclose(sh, want, atol=1e-5)
    th, params = T.spatial_grid(30, 31, 3, 5)
    assert th.shape == (775, 2, 3) and params.shape == (775, 3)
    both = T.apply_all(x, th[:4])
    assert torch.allclose(both[2 * 3 + 1], T.apply(x[1:2], th[2:3])[0], atol=1e-5)


def test_grid_attack_matches_a_loop_and_worst_of_k_is_the_max():
    net, (x, y) = _net(784), _data(6, (1, 28, 28))
    th, _ = T.spatial_grid(20, 3, 2, 2)
    correct, preds = S.grid_attack(net, x, y, th, chunk=7)   # several forwards
    for t in range(len(th)):
        p = net(T.apply(x, th[t:t + 1].expand(len(x), 2, 3))).argmax(1)
        assert torch.equal(preds[t], p) and torch.equal(correct[t], p == y)
    g1, g2 = torch.Generator().manual_seed(3), torch.Generator().manual_seed(3)
    wk = S.worst_of_k(net, x, y, 5, 30, 3, g1)
    cands = T.apply(x.repeat(5, 1, 1, 1), T.random_spatial(30, 30, 3, g2))
    loss = nn.functional.cross_entropy(net(cands), y.repeat(5), reduction="none").view(5, 6)
    best = cands.view(5, 6, 1, 28, 28)[loss.argmax(0), torch.arange(6)]
    assert torch.allclose(wk, best)


def test_eot_distribution_is_differentiable_and_checks_names():
    dist = T.EOTDistribution()
    x = _data(2, (1, 28, 28))[0].requires_grad_(True)
    out = dist(x, 4, torch.Generator().manual_seed(0))
    assert out.shape == (8, 1, 28, 28)
    out.sum().backward()
    assert x.grad is not None and x.grad.abs().sum() > 0
    none = T.EOTDistribution(kinds=())(x.detach(), 2, torch.Generator().manual_seed(0))
    assert torch.allclose(none, x.detach().repeat(2, 1, 1, 1), atol=1e-5)
    with pytest.raises(ValueError, match="unknown transformation"):
        T.EOTDistribution(kinds=("rotate", "shear"))


def test_eot_pgd_targeted_reaches_target_on_a_linear_model():
    net, (x, _) = _net(784), _data(8, (1, 28, 28))
    target = torch.full((8,), 3)
    adv = A.pgd(net, x, target, eps=0.5, step=0.05, steps=30, targeted=True, rand_init=False,
                generator=torch.Generator().manual_seed(0), transform=T.EOTDistribution(), samples=4)
    assert (A.predict(net, adv) == 3).float().mean() > (A.predict(net, x) == 3).float().mean()
    assert (adv - x).abs().max() <= 0.5 + 1e-6
