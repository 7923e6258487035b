"""STON'R (strategic.games.stonr) on f1 and on small games with known answers: exits,
orientation, the corner regression case, and bad input."""

import numpy as np
import pytest
import torch

from strategic.games import stonr as ST
from strategic.games import f1 as F1
from strategic.games.game import F64, residual

f1_field, f1_jacobian = F1.field_float, F1.jacobian_float


def box_residual(x, lo, hi):
    return float(residual(F1.game(hi), torch.as_tensor(x, dtype=F64)[None])[0])


def test_f1_float_field_and_jacobian_match_torch():
    """The plain-float f1 partials equal the torch ones; V = (−∂θ f, ∂ω f), J = diag(−1, 1)∇²f,
    and at 0 the GDA Jacobian [[10, −6], [6, −2]] has the double eigenvalue +4."""
    z = (torch.rand(20, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(0)) - 0.5) * 6
    g, h = F1.grad(z), F1.hessian(z)
    for k in range(len(z)):
        x = z[k].numpy()
        np.testing.assert_allclose(f1_field(x), [-g[k, 0], g[k, 1]], rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(f1_jacobian(x), np.diag([-1.0, 1.0]) @ h[k].numpy(), rtol=1e-13, atol=1e-13)
    j0 = f1_jacobian(np.zeros(2))
    assert np.array_equal(j0, [[10.0, -6.0], [6.0, -2.0]])
    assert np.trace(j0) == 8 and j0[0, 0] * j0[1, 1] - j0[0, 1] * j0[1, 0] == 16   # (λ − 4)²


@pytest.fixture(scope="module")
def f1_run():
    return ST.stonr(f1_field, f1_jacobian, [-3, -3], [3, 3], 1e-2)


def test_stonr_reaches_the_local_nash_of_f1(f1_run):
    r, eps = f1_run, 1e-2
    assert r.converged and r.reason == "converged"
    assert np.linalg.norm(r.x) <= 10 * eps and box_residual(r.x, -3, 3) <= eps
    assert [e[0] for e in r.exits] == ["good", "middling", "good"]     # the reference's path
    assert r.bad_exits_to_first_epoch == 0
    assert r.epochs == [(0, ()), (1, ()), (1, (0,))]
    assert 5_000 < r.steps < 50_000
    assert (np.abs(r.path) <= 3).all() and np.array_equal(r.path[0], [-3, -3])


def test_stonr_path_follows_the_reference_route(f1_run):
    """θ sweeps along ω = −3 to θ = 3; ω rises along θ = 3; the ridge ∂θ f1 = 0 leads to 0."""
    r = f1_run
    first, second, third = (r.path[r.epoch == e] for e in range(3))
    assert np.all(first[:, 1] == -3) and first[-1, 0] == 3
    assert np.all(second[:, 0] == 3) and np.all(np.diff(second[:, 1]) > 0)
    v0 = np.array([f1_field(x)[0] for x in third[1:]])
    assert np.abs(v0).max() <= 1e-2                                   # stays on the ridge


def test_stonr_stops_at_the_corner_of_the_small_box():
    """On [−1, 1]² both players are satisfied at (−1, −1): two good exits, no step."""
    r = ST.stonr(f1_field, f1_jacobian, [-1, -1], [1, 1], 1e-2)
    assert r.converged and r.steps == 0 and np.array_equal(r.x, [-1.0, -1.0])
    assert [e[0] for e in r.exits] == ["good", "good"] and box_residual(r.x, -1, 1) == 0.0


def test_wrong_orientation_gives_a_bad_exit(monkeypatch):
    """With the ridge direction negated, the walk leaves the ridge through the face it came
    from: a bad exit, and the method reports non-convergence instead of cycling silently."""
    orig = ST.ridge_direction
    monkeypatch.setattr(ST, "ridge_direction",
                        lambda jac, i, S: orig(jac, i, S) if not S else -orig(jac, i, S))
    r = ST.stonr(f1_field, f1_jacobian, [-3, -3], [3, 3], 5e-2)
    assert not r.converged and "cycle" in r.reason
    assert "bad" in [e[0] for e in r.exits]


def test_orientation_rule_sign():
    """sign det([J_Sᵀ | d]) = (−1)^|S|; with S = ∅ the direction is e_i."""
    jac = np.array([[2.0, -3.0], [1.0, 5.0]])
    d = ST.ridge_direction(jac, 1, [0])
    assert abs(jac[0] @ d) < 1e-15 and np.linalg.det(np.column_stack([jac[0], d])) < 0
    assert np.array_equal(ST.ridge_direction(jac, 1, []), [0.0, 1.0])
    j3 = np.random.default_rng(0).normal(size=(3, 3))
    d3 = ST.ridge_direction(j3, 2, [0, 1])
    assert np.abs(j3[:2] @ d3).max() < 1e-12
    assert np.linalg.det(np.column_stack([j3[:2].T, d3])) > 0        # (−1)² = +1


@pytest.mark.parametrize("start", [(-1, -1), (1, -1), (-1, 1), (1, 1)])
def test_quadratic_game_from_every_corner(start):
    """f = (θ − a)² − (ω − b)²: the unique local Nash (a, b) is found from any vertex."""
    a, b = 0.3, -0.5
    r = ST.stonr(lambda x: np.array([-2 * (x[0] - a), -2 * (x[1] - b)]),
                 lambda x: np.diag([-2.0, -2.0]), [-1, -1], [1, 1], 1e-2, start=start)
    assert r.converged and np.abs(r.x - [a, b]).max() <= 1e-2


def test_face_solution_is_a_good_exit_without_ridge():
    """f = −θ (θ minimises, wants θ large): θ stops at the face θ = 1, not on a ridge."""
    r = ST.stonr(lambda x: np.array([1.0, 0.0]), lambda x: np.zeros((2, 2)), [-1, -1], [1, 1], 1e-2)
    assert r.converged and np.array_equal(r.x, [1.0, -1.0])
    assert [(k, S) for k, _, _, S, _ in r.exits] == [("good", ()), ("good", ())]


def test_degenerate_ridge_is_flagged():
    """V_θ ≡ 0: θ joins the ridge at once, whose Jacobian row is 0 (no 1-D null space)."""
    r = ST.stonr(lambda x: np.array([0.0, 1.0 - x[1]]), lambda x: np.array([[0.0, 0.0], [0.0, -1.0]]),
                 [-1, -1], [1, 1], 1e-2)
    assert not r.converged and r.reason.startswith("degenerate ridge")


def test_max_steps_is_flagged():
    r = ST.stonr(f1_field, f1_jacobian, [-3, -3], [3, 3], 1e-2, max_steps=100)
    assert not r.converged and r.reason.startswith("max_steps") and r.steps == 100


@pytest.mark.parametrize("kwargs,match", [
    ({"start": [0.0, -3.0]}, "vertex"), ({"start": [4.0, -3.0]}, "vertex"),
    ({"lo": [1, -3], "hi": [1, 3]}, "lo < hi"), ({"eps": 0.0}, "eps"),
])
def test_bad_input_is_an_error(kwargs, match):
    args = {"lo": [-3, -3], "hi": [3, 3], "eps": 1e-2, **kwargs}
    with pytest.raises(ValueError, match=match):
        ST.stonr(f1_field, f1_jacobian, args.pop("lo"), args.pop("hi"), args.pop("eps"), **args)
