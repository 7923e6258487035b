"""Nonconvex matrix factorisation (strategic.games.factorisation, claim A1)."""

import pytest
import torch

from strategic.games import factorisation as fz

F64 = torch.float64


def test_grad_equals_autograd_of_loss():
    """grad(U) = (UUᵀ − M)U is the autograd gradient of ¼‖UUᵀ − M‖²_F, per batch point."""
    gen = torch.Generator().manual_seed(0)
    m = fz.random_psd(7, 2, gen)
    u = torch.randn(3, 7, 2, generator=gen, dtype=F64, requires_grad=True)
    (g_auto,) = torch.autograd.grad(fz.loss(u, m).sum(), [u])
    torch.testing.assert_close(fz.grad(u.detach(), m), g_auto, rtol=1e-13, atol=1e-13)


def test_loss_value():
    """loss is ¼‖UUᵀ − M‖²_F per point (checked against an explicit Frobenius norm)."""
    gen = torch.Generator().manual_seed(1)
    m = fz.random_psd(5, 2, gen)
    u = torch.randn(2, 5, 2, generator=gen, dtype=F64)
    want = torch.stack([0.25 * torch.linalg.norm(u[b] @ u[b].T - m) ** 2 for b in range(2)])
    torch.testing.assert_close(fz.loss(u, m), want, rtol=1e-13, atol=0)


@pytest.mark.parametrize("n,r", [(20, 3), (10, 1), (6, 6)])
def test_random_psd_is_symmetric_psd_of_rank_r(n, r):
    """random_psd(n, r) is float64, symmetric, PSD, with exactly r nonzero eigenvalues."""
    m = fz.random_psd(n, r, torch.Generator().manual_seed(2))
    assert m.shape == (n, n) and m.dtype == F64
    torch.testing.assert_close(m, m.T, rtol=0, atol=1e-15)
    ev = torch.linalg.eigvalsh(m)
    tol = 1e-12 * ev[-1]
    assert ev.min() >= -tol
    assert int((ev > tol).sum()) == r


def test_random_psd_is_seeded():
    """The same generator seed gives the same matrix, another seed a different one."""
    m1 = fz.random_psd(8, 2, torch.Generator().manual_seed(3))
    m2 = fz.random_psd(8, 2, torch.Generator().manual_seed(3))
    m3 = fz.random_psd(8, 2, torch.Generator().manual_seed(4))
    assert torch.equal(m1, m2) and not torch.equal(m1, m3)


def test_factorise_first_step_is_gd_with_scaled_step():
    """One step of factorise is U − (lr/λ_max(M))·(UUᵀ − M)U, with loss history [l(U0), l(U1)]."""
    gen = torch.Generator().manual_seed(5)
    m = fz.random_psd(6, 2, gen)
    u0 = torch.randn(2, 6, 2, generator=gen, dtype=F64)
    out = fz.factorise(m, u0, lr=0.2, steps=1)
    eta = 0.2 / torch.linalg.eigvalsh(m).max()
    u1 = u0 - eta * (u0 @ u0.mT - m) @ u0
    torch.testing.assert_close(out["u"], u1, rtol=1e-14, atol=1e-15)
    torch.testing.assert_close(out["loss"], torch.stack([fz.loss(u0, m), fz.loss(u1, m)]),
                               rtol=1e-14, atol=0)


def test_factorise_from_small_init_reaches_global_minimum():
    """n=20, r=3, 4 small inits: GD reaches relative error ≤ 1e-6 (all local minima global)
    and the loss never increases beyond float64 rounding."""
    gen = torch.Generator().manual_seed(6)
    m = fz.random_psd(20, 3, gen)
    u0 = 1e-3 * torch.randn(4, 20, 3, generator=gen, dtype=F64)
    out = fz.factorise(m, u0, lr=0.2, steps=800)
    assert out["loss"].shape == (801, 4)
    assert torch.all(out["rel_error"] <= 1e-6)
    rel = torch.linalg.matrix_norm(out["u"] @ out["u"].mT - m) / torch.linalg.matrix_norm(m)
    torch.testing.assert_close(out["rel_error"], rel, rtol=0, atol=0)
    hist = out["loss"]
    floor = (torch.finfo(F64).eps * torch.linalg.matrix_norm(m)) ** 2  # loss rounding floor
    inc = hist[1:] - hist[:-1]
    assert torch.all(inc <= 1e-12 * hist[:-1] + floor), inc.max()
    assert torch.all(hist[-1] < 1e-12 * hist[0])
