"""Toy objectives of claims A1 and A2 (strategic.games.landscapes, bilinear, f1), checked against autograd and
against hand-built linear update maps."""

import math

import numpy as np
import pytest
import torch

from strategic.games import bilinear, landscapes
from strategic.games import f1 as F1
from strategic.games import game as G

F64 = torch.float64


def _points(n: int, seed: int, box: float = 2.0) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    return (2 * torch.rand(n, 2, generator=gen, dtype=F64) - 1) * box


def test_a1_grad_matches_autograd():
    """a1_grad is the autograd gradient of a1_f at random points of [-2, 2]^2."""
    z = _points(64, seed=0).requires_grad_(True)
    (g_auto,) = torch.autograd.grad(landscapes.value(z).sum(), [z])
    torch.testing.assert_close(landscapes.grad(z.detach()), g_auto, rtol=1e-14, atol=1e-14)


def test_a1_hess_min_eig_matches_autograd_hessian():
    """a1_hess_min_eig is the smallest eigenvalue of the autograd Hessian of a1_f."""
    z = _points(32, seed=1)
    lam = landscapes.hess_min_eig(z)
    for k in range(len(z)):
        h = torch.autograd.functional.hessian(lambda p: landscapes.value(p), z[k])
        torch.testing.assert_close(lam[k], torch.linalg.eigvalsh(h)[0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("y", [1.0, -1.0])
def test_a1_minima(y):
    """(0, ±1) are minima: zero gradient, λ_min = min(1, 3·1 − 1) = 1 > 0, f = −1/4."""
    z = torch.tensor([[0.0, y]], dtype=F64)
    assert torch.equal(landscapes.grad(z), torch.zeros(1, 2, dtype=F64))
    assert landscapes.hess_min_eig(z).item() == 1.0
    assert landscapes.value(z).item() == -0.25


def test_a1_origin_is_saddle():
    """(0, 0) is stationary with λ_min(∇²f) = −1: a strict saddle."""
    z = torch.zeros(1, 2, dtype=F64)
    assert torch.equal(landscapes.grad(z), torch.zeros(1, 2, dtype=F64))
    assert landscapes.hess_min_eig(z).item() == -1.0


def test_landscape_game_field_is_minus_grad():
    """The landscape game is plain minimisation of f: its field is −∇f (gradient play is GD)."""
    z = _points(16, seed=2)
    torch.testing.assert_close(landscapes.game().field(z), -landscapes.grad(z), rtol=0, atol=0)


def _games():
    v = torch.tensor([[3.0, 4.0]], dtype=F64)
    return {"bilinear": bilinear.xy_game(2), "wgan": bilinear.linear_wgan(v)}


@pytest.mark.parametrize("name", ["bilinear", "wgan"])
def test_zero_sum_analytic_field_equals_autograd(name):
    """The closed-form field equals autograd on the same f and roles."""
    game = _games()[name]
    auto = G.Game(game.name, game.dims, game.utilities, game.lo, game.hi, game.minimises)
    z = torch.randn(5, 4, generator=torch.Generator().manual_seed(3), dtype=F64)
    torch.testing.assert_close(game.field(z), auto.field(z), rtol=1e-14, atol=1e-14)


def test_zero_sum_sign_convention():
    """Min player descends f, max player ascends it (its utility is f, the min player's −f).

    f = x·y: V = (−y, x).  WGAN u = ⟨w, v − θ⟩: V = (w, v − θ).
    """
    gen = torch.Generator().manual_seed(4)
    x, y = torch.randn(2, 5, 2, generator=gen, dtype=F64)
    xy = bilinear.xy_game(2)
    assert xy.minimises == (True, True, False, False)
    z = torch.cat([x, y], -1)
    torch.testing.assert_close(xy.field(z), torch.cat([-y, x], -1), rtol=0, atol=0)
    torch.testing.assert_close(xy.utility(z)[:, 1], (x * y).sum(-1), rtol=1e-14, atol=0)
    torch.testing.assert_close(xy.utility(z)[:, 0], -(x * y).sum(-1), rtol=1e-14, atol=0)

    v = torch.tensor([[3.0, 4.0]], dtype=F64)
    wgan = bilinear.linear_wgan(v)
    torch.testing.assert_close(wgan.field(z), torch.cat([y, v - x], -1), rtol=0, atol=0)
    # the equilibrium θ = v, w = 0 is stationary for both players
    assert torch.all(wgan.field(torch.cat([v, torch.zeros_like(v)], -1)) == 0)


# ------------------------------------------------------------------ bilinear_rates
J = np.array([[0.0, -1.0], [1.0, 0.0]])  # V(x, y) = (−y, x) = J z for f = x·y, x minimising
I2 = np.eye(2)
ETAS = [0.01, 0.1, 0.25, 0.45]


def _rho(m: np.ndarray) -> float:
    return float(np.abs(np.linalg.eigvals(m)).max())


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_gda(eta):
    """GDA factor = spectral radius of z ↦ (I + ηJ) z."""
    assert bilinear.rates(eta)["gda"] == pytest.approx(_rho(I2 + eta * J), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_eg(eta):
    """EG factor = spectral radius of z ↦ z + ηJ(z + ηJz) = (I + ηJ + η²J²) z."""
    m = I2 + eta * J @ (I2 + eta * J)
    assert bilinear.rates(eta)["eg"] == pytest.approx(_rho(m), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_alt_gda(eta):
    """Alternating GDA: x' = x − ηy, y' = y + ηx' is [[1, −η], [η, 1 − η²]] (det 1, radius 1)."""
    m = np.array([[1.0, -eta], [eta, 1.0 - eta**2]])
    assert np.linalg.det(m) == pytest.approx(1.0, rel=1e-12)
    assert bilinear.rates(eta)["alt_gda"] == pytest.approx(_rho(m), rel=1e-12)


@pytest.mark.parametrize("eta", ETAS)
def test_bilinear_rate_ogda(eta):
    """OGDA factor = largest |eigenvalue| of the 4×4 companion map of
    z_{t+1} = (I + 2ηJ) z_t − ηJ z_{t−1}, and it is < 1 (convergence) for η < 1/2."""
    comp = np.block([[I2 + 2 * eta * J, -eta * J], [I2, np.zeros((2, 2))]])
    rate = bilinear.rates(eta)["ogda"]
    assert rate == pytest.approx(_rho(comp), rel=1e-12)
    assert rate < 1.0


def test_bilinear_rates_closed_forms():
    """The documented closed forms at η = 0.1 (the CLAIMS A2 setting)."""
    r = bilinear.rates(0.1)
    assert r["gda"] == pytest.approx(math.sqrt(1.01), rel=1e-15)
    assert r["eg"] == pytest.approx(math.sqrt(1 - 0.01 + 1e-4), rel=1e-15)
    assert r["eg"] < 1.0 < r["gda"]


# f1 of STON'R -------------------------------------------------------------------------------
def test_f1_grad_and_hessian_match_autograd():
    z = (torch.rand(50, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(3)) - 0.5) * 6
    z.requires_grad_(True)
    g_auto = torch.autograd.grad(F1.value(z).sum(), z, create_graph=True)[0]
    assert torch.allclose(F1.grad(z), g_auto, atol=1e-12)
    h_auto = torch.stack([torch.autograd.grad(g_auto[:, k].sum(), z, retain_graph=True)[0]
                          for k in range(2)], 1)
    assert torch.allclose(F1.hessian(z.detach()), h_auto, atol=1e-11)


def test_f1_at_origin_is_stationary_and_gda_jacobian_has_eigenvalues_4_4():
    """At 0: ∇f1 = 0, ∇²f1 = [[−10, 6], [6, −2]]; the GDA field V = (−∂θ f, ∂ω f) has Jacobian
    [[10, −6], [6, −2]] with the double eigenvalue +4 (a repeller for GDA)."""
    z0 = torch.zeros(1, 2, dtype=torch.float64)
    assert torch.equal(F1.grad(z0), torch.zeros(1, 2, dtype=torch.float64))
    h = F1.hessian(z0)[0]
    assert torch.allclose(h, torch.tensor([[-10.0, 6.0], [6.0, -2.0]], dtype=torch.float64))
    jac = torch.diag(torch.tensor([-1.0, 1.0], dtype=torch.float64)) @ h
    eig = torch.linalg.eigvals(jac)
    assert torch.allclose(eig.real, torch.full((2,), 4.0, dtype=torch.float64), atol=1e-6)
    assert eig.imag.abs().max() < 1e-6
