"""The shared Game interface (strategic.games.game): fields, projections onto players' slices,
the residual's zero sets, the gradient mapping and the Φ_Proj(δ)-regret, against closed forms."""

import math

import numpy as np
import pytest
import torch

from strategic.games import game as G
from strategic.games import better_response as BR
from strategic.games import bilinear, cournot
from strategic.games import f1 as F1
from strategic.games import local_cce as LC
from strategic.games import toy_games as TG

F64 = torch.float64


def _box_points(n, box, seed):
    gen = torch.Generator().manual_seed(seed)
    return (2 * torch.rand(n, 2, generator=gen, dtype=F64) - 1) * box


@pytest.mark.parametrize("make", [F1.game, TG.letcher_game, TG.control_game, cournot.game])
def test_analytic_field_equals_autograd_of_utilities(make):
    """V_i = ∂u_i/∂z_i: the closed-form field equals autograd on the utilities."""
    g = make()
    auto = G.Game(g.name, g.dims, g.utilities, g.lo, g.hi, g.minimises)  # no field_fn
    z = _box_points(50, 3.0, 0).abs() if g.name == "cournot" else _box_points(50, 3.0, 0)
    torch.testing.assert_close(g.field(z), auto.field(z), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("make", [F1.game, TG.letcher_game, TG.control_game])
def test_compiled_kernel_equals_torch_field(make):
    g = make()
    z = _box_points(64, 3.0, 1)
    np.testing.assert_allclose(g.field_numpy(z.numpy()), g.field(z).numpy(), rtol=1e-12, atol=1e-12)


def test_zero_sum_signs_and_f1_jacobian_at_origin():
    """u_θ = −f, u_ω = f; at (0, 0) ∂V/∂z = diag(−1, 1)·∇²f1 = [[10, −6], [6, −2]], eigs (4, 4)."""
    g = F1.game()
    z = _box_points(8, 3.0, 2)
    u = g.utility(z)
    torch.testing.assert_close(u[:, 0], -u[:, 1])
    jac = g.jacobian(torch.zeros(1, 2, dtype=F64))[0]
    torch.testing.assert_close(jac, torch.tensor([[10.0, -6.0], [6.0, -2.0]], dtype=F64))
    eig = torch.linalg.eigvals(jac)
    torch.testing.assert_close(eig.real, torch.tensor([4.0, 4.0], dtype=F64), atol=1e-6, rtol=0)
    bil = bilinear.xy_game(b=1.0)
    torch.testing.assert_close(bil.field(z), torch.stack([-z[:, 1], z[:, 0]], -1))


def test_projection_onto_jointly_constrained_slice():
    """S = {x ∈ [0,1]²: x₁ + x₂ ≤ 1}: player i's slice given x_{−i} is [0, 1 − x_{−i}]."""
    g = TG.share_game()
    y = torch.tensor([[0.9, 0.9], [-0.2, 0.1], [0.3, 0.6]], dtype=F64)
    z = torch.tensor([[0.3, 0.5], [0.0, 0.0], [0.2, 0.2]], dtype=F64)
    expected = torch.tensor([[0.5, 0.7], [0.0, 0.1], [0.3, 0.6]], dtype=F64)
    torch.testing.assert_close(g.project(y, z), expected)


def test_residual_zero_sets():
    """Zero residual ⇔ the diagonal for (x₁−x₂)²; ⇔ the edge x₁+x₂ = 1 on the joint S;
    only (3, 3) for Cournot; ≡ 1 for u(x) = x on ℝ."""
    z = G.grid_points((-1, -1), (1, 1), 21)
    r = G.residual(TG.distance_game(), z)
    assert torch.equal(r == 0, z[:, 0] == z[:, 1])
    assert r[z[:, 0] != z[:, 1]].min() > 0.09  # off-diagonal: at least one grid step h = 0.1

    z = G.grid_points((0, 0), (1, 1), 11)
    inside = z.sum(1) <= 1 + 1e-12
    r = G.residual(TG.share_game(), z)
    assert torch.equal((r <= 1e-12)[inside], ((z.sum(1) - 1).abs() <= 1e-12)[inside])

    z = G.grid_points((0, 0), (9, 9), 10)  # integer points, contains (3, 3)
    r = G.residual(cournot.game(), z)
    assert torch.equal(z[r == 0], torch.tensor([[3.0, 3.0]], dtype=F64))

    x = torch.linspace(-1e3, 1e3, 101, dtype=F64)[:, None]
    assert torch.equal(G.residual(TG.linear_game(), x), torch.ones(101, dtype=F64))


def test_gradient_mapping_is_field_inside_and_clipped_at_the_boundary():
    g = TG.control_game(1.0)
    z = torch.tensor([[0.1, 0.2], [1.0, -1.0]], dtype=F64)  # V = (−x−y, x−y)
    gm = G.gradient_mapping(g, z, 0.1)
    torch.testing.assert_close(gm[0], g.field(z)[0])
    # at (1, −1): V = (0, 2), the step 0.2 up in y stays inside: G = V
    torch.testing.assert_close(gm[1], torch.tensor([0.0, 2.0], dtype=F64))
    gm = G.gradient_mapping(g, torch.tensor([[1.0, 1.0]], dtype=F64), 0.1)  # V = (−2, 0)
    torch.testing.assert_close(gm[0], torch.tensor([-2.0, 0.0], dtype=F64))
    gm = G.gradient_mapping(g, torch.tensor([[-1.0, -0.5]], dtype=F64), 1.0)  # V = (1.5, −0.5)
    torch.testing.assert_close(gm[0], torch.tensor([1.5, -0.5], dtype=F64))
    with pytest.raises(ValueError, match="eta must be > 0"):
        G.gradient_mapping(g, z, 0.0)


def _quadratic(a, b):
    """One player, u(x) = a x − b x²/2 on ℝ: ∇u = a − b x, L = |b|."""
    return G.Game("quad", (1,), lambda z: a * z[..., :1] - b * z[..., :1] ** 2 / 2,
                  (-math.inf,), (math.inf,), (False,))


def test_proj_regret_matches_closed_form():
    """Convex u (b < 0): regret(p, δ) = δ|a − b E x| + |b|δ²/2, the bound with equality; a point
    mass x has δ|a − b x| + |b|δ²/2. Concave u (b > 0) with |a − bEx| ≤ bδ: (a − bEx)²/(2b)."""
    x = torch.tensor([[-0.3], [0.1], [0.5], [0.9]], dtype=F64)
    deltas = [0.05, 0.2]
    reg = LC.proj_regret(_quadratic(0.2, -2.0), x, deltas, n_shifts=5)
    for k, d in enumerate(deltas):
        grad = abs(0.2 + 2.0 * float(x.mean()))
        assert reg["dist"][k, 0].item() == pytest.approx(d * grad + 2.0 * d**2 / 2, rel=1e-12)
        pts = d * (0.2 + 2.0 * x[:, 0]).abs() + 2.0 * d**2 / 2
        torch.testing.assert_close(reg["point"][k], pts, rtol=1e-12, atol=1e-15)
    # concave: E∇u = 0.2 − 2·0.3 = −0.4, optimum v* = −0.2 (a grid point of δ = 0.2, n = 5)
    reg = LC.proj_regret(_quadratic(0.2, 2.0), x, [0.2], n_shifts=5)
    assert reg["dist"][0, 0].item() == pytest.approx(0.4**2 / (2 * 2.0), rel=1e-12)


def test_best_response_on_cournot():
    """u_i = q_i(9 − q₁ − q₂): BR₁(q₂) = (9 − q₂)/2, gain (BR − q₁)² ; zero gain at Nash (3, 3)."""
    g, grid = cournot.game(), torch.linspace(0, 10, 41, dtype=F64)[:, None]  # step 0.25
    z = torch.tensor([[0.0, 1.0], [3.0, 3.0], [5.0, 6.0]], dtype=F64)
    best, gain = BR.best_response(g, z, 0, grid)
    torch.testing.assert_close(best[:, 0], torch.tensor([4.0, 3.0, 1.5], dtype=F64))
    torch.testing.assert_close(gain, torch.tensor([16.0, 0.0, 12.25], dtype=F64))


def test_bad_input_is_a_clear_error():
    with pytest.raises(ValueError, match="one entry per coordinate"):
        G.Game("bad", (1, 1), lambda z: z, (0.0,), (1.0, 1.0), (False, False))
    with pytest.raises(ValueError, match="lo > hi"):
        G.Game("bad", (1,), lambda z: z, (1.0,), (0.0,), (False,))
    two_d = G.Game("2d", (2,), lambda z: z.sum(-1, keepdim=True), (0.0, 0.0), (1.0, 1.0), (False, False))
    with pytest.raises(ValueError, match="one-dimensional"):
        LC.proj_regret(two_d, torch.zeros(3, 2, dtype=F64), [0.1])
    with pytest.raises(ValueError, match="odd"):
        LC.proj_regret(F1.game(), torch.zeros(3, 2, dtype=F64), [0.1], n_shifts=4)



def test_jacobian_of_an_autograd_field_matches_the_closed_form_hessian():
    """A game given only by its utilities (no analytic field) still has a Jacobian: on f1 it is
    diag(−1, +1)·∇²f1 with the closed-form Hessian of F1.hessian."""
    game = F1.game(3.0, analytic=False)
    z = (torch.rand(20, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(0)) - 0.5) * 6
    want = torch.diag(torch.tensor([-1.0, 1.0], dtype=torch.float64)) @ F1.hessian(z)
    assert torch.allclose(game.jacobian(z), want, atol=1e-12)
