"""Toy objectives of claims A1 and A2 (strategic.games.toys), checked against autograd and
against hand-built linear update maps."""

import math

import numpy as np
import pytest
import torch

from strategic.games import toys

F64 = torch.float64


def _points(n: int, seed: int, box: float = 2.0) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return (2 * torch.rand(n, 2, generator=gen, dtype=F64) - 1) * box


def test_a1_grad_matches_autograd():
    """a1_grad is the autograd gradient of a1_f at random points of [-2, 2]^2."""
    z = _points(64, seed=0).requires_grad_(True)
    (g_auto,) = torch.autograd.grad(toys.a1_f(z).sum(), [z])
    torch.testing.assert_close(toys.a1_grad(z.detach()), g_auto, rtol=1e-14, atol=1e-14)


def test_a1_hess_min_eig_matches_autograd_hessian():
    """a1_hess_min_eig is the smallest eigenvalue of the autograd Hessian of a1_f."""
    z = _points(32, seed=1)
    lam = toys.a1_hess_min_eig(z)
    for k in range(len(z)):
        h = torch.autograd.functional.hessian(lambda p: toys.a1_f(p), z[k])
        torch.testing.assert_close(lam[k], torch.linalg.eigvalsh(h)[0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("y", [1.0, -1.0])
def test_a1_minima(y):
    """(0, ±1) are minima: zero gradient, λ_min = min(1, 3·1 − 1) = 1 > 0, f = −1/4."""
    z = torch.tensor([[0.0, y]], dtype=F64)
    assert torch.equal(toys.a1_grad(z), torch.zeros(1, 2, dtype=F64))
    assert toys.a1_hess_min_eig(z).item() == 1.0
    assert toys.a1_f(z).item() == -0.25


def test_a1_origin_is_saddle():
    """(0, 0) is stationary with λ_min(∇²f) = −1: a strict saddle."""
    z = torch.zeros(1, 2, dtype=F64)
    assert torch.equal(toys.a1_grad(z), torch.zeros(1, 2, dtype=F64))
    assert toys.a1_hess_min_eig(z).item() == -1.0


def test_a1_game_grad_is_a1_grad():
    """A1_GAME is plain minimisation of a1_f: its player-0 gradient is a1_grad."""
    z = _points(16, seed=2)
    torch.testing.assert_close(toys.A1_GAME.grad(0, [z]), toys.a1_grad(z), rtol=0, atol=0)


def _games():
    v = torch.tensor([[3.0, 4.0]], dtype=F64)
    return {"bilinear": toys.BILINEAR, "wgan": toys.linear_wgan(v)}


@pytest.mark.parametrize("name", ["bilinear", "wgan"])
def test_zero_sum_analytic_grad_equals_autograd(name):
    """Analytic df gives the same per-player gradients as autograd on the same f and roles."""
    game = _games()[name]
    auto = toys.ZeroSumGame(game.f, game.roles)  # no df: autograd path
    gen = torch.Generator().manual_seed(3)
    x = torch.randn(5, 2, generator=gen, dtype=F64, requires_grad=True)
    y = torch.randn(5, 2, generator=gen, dtype=F64, requires_grad=True)
    for i in range(2):
        torch.testing.assert_close(game.grad(i, [x, y]), auto.grad(i, [x, y]),
                                   rtol=1e-14, atol=1e-14)


def test_zero_sum_sign_convention():
    """Min player descends f, max player ascends it (its loss is −f).

    f = x·y: ∇_x ℓ_x = y and ∇_y ℓ_y = −x.  WGAN u = ⟨w, v − θ⟩: ∇_θ ℓ_θ = −w, ∇_w ℓ_w = θ − v.
    """
    gen = torch.Generator().manual_seed(4)
    x, y = torch.randn(2, 5, 2, generator=gen, dtype=F64)
    assert toys.BILINEAR.roles == ("min", "max")
    torch.testing.assert_close(toys.BILINEAR.grad(0, [x, y]), y, rtol=0, atol=0)
    torch.testing.assert_close(toys.BILINEAR.grad(1, [x, y]), -x, rtol=0, atol=0)
    assert toys.BILINEAR.loss(1, [x, y]).item() == pytest.approx(-(x * y).sum().item(), rel=1e-14)

    v = torch.tensor([[3.0, 4.0]], dtype=F64)
    wgan = toys.linear_wgan(v)
    theta, w = x, y
    torch.testing.assert_close(wgan.grad(0, [theta, w]), -w, rtol=0, atol=0)
    torch.testing.assert_close(wgan.grad(1, [theta, w]), theta - v, rtol=1e-15, atol=1e-15)
    # the equilibrium θ = v, w = 0 is stationary for both players
    eq = [v.clone(), torch.zeros_like(v)]
    assert torch.all(wgan.grad(0, eq) == 0) and torch.all(wgan.grad(1, eq) == 0)


# ------------------------------------------------------------------ bilinear_rates
J = np.array([[0.0, -1.0], [1.0, 0.0]])  # V(x, y) = (−y, x) = J z for f = x·y, x minimising
I2 = np.eye(2)
ETAS = [0.01, 0.1, 0.25, 0.45]


def _rho(m: np.ndarray) -> float:
    return float(np.abs(np.linalg.eigvals(m)).max())


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_gda(eta):
    """GDA factor = spectral radius of z ↦ (I + ηJ) z."""
    assert toys.bilinear_rates(eta)["gda"] == pytest.approx(_rho(I2 + eta * J), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_eg(eta):
    """EG factor = spectral radius of z ↦ z + ηJ(z + ηJz) = (I + ηJ + η²J²) z."""
    m = I2 + eta * J @ (I2 + eta * J)
    assert toys.bilinear_rates(eta)["eg"] == pytest.approx(_rho(m), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_alt_gda(eta):
    """Alternating GDA: x' = x − ηy, y' = y + ηx' is [[1, −η], [η, 1 − η²]] (det 1, radius 1)."""
    m = np.array([[1.0, -eta], [eta, 1.0 - eta**2]])
    assert np.linalg.det(m) == pytest.approx(1.0, rel=1e-12)
    assert toys.bilinear_rates(eta)["alt_gda"] == pytest.approx(_rho(m), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_ogda(eta):
    """OGDA factor = largest |eigenvalue| of the 4×4 companion map of
    z_{t+1} = (I + 2ηJ) z_t − ηJ z_{t−1}, and it is < 1 (convergence) for η < 1/2."""
    comp = np.block([[I2 + 2 * eta * J, -eta * J], [I2, np.zeros((2, 2))]])
    rate = toys.bilinear_rates(eta)["ogda"]
    assert rate == pytest.approx(_rho(comp), rel=1e-12)
    assert rate < 1.0


def test_bilinear_rates_closed_forms():
    """The documented closed forms at η = 0.1 (the CLAIMS A2 setting)."""
    r = toys.bilinear_rates(0.1)
    assert r["gda"] == pytest.approx(math.sqrt(1.01), rel=1e-15)
    assert r["eg"] == pytest.approx(math.sqrt(1 - 0.01 + 1e-4), rel=1e-15)
    assert r["eg"] < 1.0 < r["gda"]


# f1 of STON'R -------------------------------------------------------------------------------
def test_f1_grad_and_hessian_match_autograd():
    z = (torch.rand(50, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(3)) - 0.5) * 6
    z.requires_grad_(True)
    g_auto = torch.autograd.grad(toys.f1(z).sum(), z, create_graph=True)[0]
    assert torch.allclose(toys.f1_grad(z), g_auto, atol=1e-12)
    h_auto = torch.stack([torch.autograd.grad(g_auto[:, k].sum(), z, retain_graph=True)[0]
                          for k in range(2)], 1)
    assert torch.allclose(toys.f1_hess(z.detach()), h_auto, atol=1e-11)


def test_f1_at_origin_is_stationary_and_gda_jacobian_has_eigenvalues_4_4():
    """At 0: ∇f1 = 0, ∇²f1 = [[−10, 6], [6, −2]]; the GDA field V = (−∂θ f, ∂ω f) has Jacobian
    [[10, −6], [6, −2]] with the double eigenvalue +4 (a repeller for GDA)."""
    z0 = torch.zeros(1, 2, dtype=torch.float64)
    assert torch.equal(toys.f1_grad(z0), torch.zeros(1, 2, dtype=torch.float64))
    h = toys.f1_hess(z0)[0]
    assert torch.allclose(h, torch.tensor([[-10.0, 6.0], [6.0, -2.0]], dtype=torch.float64))
    jac = torch.diag(torch.tensor([-1.0, 1.0], dtype=torch.float64)) @ h
    eig = torch.linalg.eigvals(jac)
    assert torch.allclose(eig.real, torch.full((2,), 4.0, dtype=torch.float64), atol=1e-6)
    assert eig.imag.abs().max() < 1e-6
