"""C1's certificate: interval arithmetic (strategic.games.intervals), the proven per-cell
Lipschitz bound of f1's field (f1.cell_field_lipschitz) and the zero-free cells
(local_nash.zero_free_cells). A planted zero is never certified away; an unsound bound is."""

import numpy as np
import pytest
import torch

from strategic.games import f1 as F1
from strategic.games import local_nash as LN
from strategic.games import toy_games as TG
from strategic.games.game import F64, zero_sum
from strategic.games.intervals import Interval


def _random_cells(rng, m, box=6.0, width=1.0):
    lo = rng.uniform(-box, box - width, (m, 2))
    return lo, lo + rng.uniform(1e-6, width, (m, 2))


def _inside(rng, lo, hi, k):
    return lo[:, None] + (hi - lo)[:, None] * rng.uniform(0, 1, (len(lo), k, 2))  # [M, k, 2]


def test_interval_operations_enclose_their_images():
    """Every operation's result holds the exact image; even powers know their minimum;
    0.3 (no float equals it) is enclosed; division by an interval holding 0 is refused."""
    rng = np.random.default_rng(0)
    a, b = np.sort(rng.uniform(-3, 3, (2, 500)), 0), np.sort(rng.uniform(-3, 3, (2, 500)), 0)
    x, y = Interval(a[0], a[1]), Interval(b[0], b[1])
    s = rng.uniform(0, 1, (2, 50, 500))
    xs, ys = a[0] + (a[1] - a[0]) * s[0], b[0] + (b[1] - b[0]) * s[1]
    for expr, val in ((x * y - 3 * x / 7, xs * ys - 3 * xs / 7), (x**2 + y**3, xs**2 + ys**3),
                      ((-(x**2) / 100).exp() * (0.3 * y + 2), np.exp(-xs**2 / 100) * (0.3 * ys + 2)),
                      (1 - x, 1 - xs)):
        assert expr.contains(val).all()
    sq = Interval(-1.0, 2.0) ** 2
    assert sq.lo == 0.0 and sq.hi >= 4.0
    c = Interval(0.0) + 0.3
    assert c.lo < 0.3 < c.hi or c.lo <= 0.3 <= c.hi
    with pytest.raises(ZeroDivisionError):
        _ = x / 0.0


def test_f1_second_partials_enclosed_on_random_cells():
    """The interval evaluation of f1's closed-form second partials bounds every sampled
    value on 200 random cells, and the cell bound bounds every sampled difference quotient
    ‖V(z) − V(z')‖/‖z − z'‖ (the quantity the certificate needs)."""
    rng = np.random.default_rng(1)
    lo, hi = _random_cells(rng, 200)
    enc = F1.second_partials(Interval(lo[:, 0], hi[:, 0]), Interval(lo[:, 1], hi[:, 1]))
    z = _inside(rng, lo, hi, 64)
    for e, v in zip(enc, F1.second_partials(z[..., 0], z[..., 1])):
        assert (e.lo[:, None] <= v).all() and (v <= e.hi[:, None]).all()
    lip = F1.cell_field_lipschitz(lo, hi)
    z2 = _inside(rng, lo, hi, 64)
    v1 = F1.field(torch.from_numpy(z)).numpy()
    v2 = F1.field(torch.from_numpy(z2)).numpy()
    quot = np.linalg.norm(v1 - v2, axis=-1) / np.linalg.norm(z - z2, axis=-1)
    assert (quot <= lip[:, None]).all()
    assert (quot.max(1) >= 0.5 * lip).mean() > 0.5   # and not vacuous: mostly within 2x


def _shifted_f1(a):
    """f1(z − a) on [−3, 3]²: its zero (0, 0) moved to a (not a point of any cell grid)."""
    shift = torch.tensor(a, dtype=F64)
    g = zero_sum("f1-shifted", lambda z: F1.value(z - shift), ("min", "max"), (1, 1),
                 (-3.0, -3.0), (3.0, 3.0), field=lambda z: F1.field(z - shift))
    return g, (lambda lo, hi: F1.cell_field_lipschitz(lo - np.asarray(a), hi - np.asarray(a)))


def _covered(cert, a):
    return bool(((cert["centres"] - torch.tensor(a, dtype=F64)).abs().max(1).values
                 <= cert["half_diagonal"] / np.sqrt(2) * (1 + 1e-12)).any())


@pytest.mark.parametrize("a", [(0.1234567, -0.7654321), (-1.9876543, 0.0271828), (2.5, 2.5 + 1e-7)])
def test_a_planted_zero_is_never_certified_zero_free(a):
    """The cell holding a planted zero stays uncertified at every depth; a bound that is not
    a proof (Lip V = 0) certifies it away, so this test can fail."""
    g, lip = _shifted_f1(a)
    for depth in (0, 3, 8):
        assert _covered(LN.zero_free_cells(g, (-3, -3), (3, 3), 30, lip, depth), a)
    wrong = LN.zero_free_cells(g, (-3, -3), (3, 3), 30, LN.constant_lipschitz(0.0), 8)
    assert not _covered(wrong, a)


def test_certificate_isolates_f1s_only_zero():
    """f1 on [−3, 3]²: after 8 refinements (cells of 4e-4) the uncertified cells lie within 1e-2 of (0, 0);
    the proven box bound is at least the sampled max (it bounds it)."""
    g = F1.game(3.0)
    cert = LN.zero_free_cells(g, (-3, -3), (3, 3), 60, F1.cell_field_lipschitz, 8)
    c = cert["centres"]
    assert 0 < len(c) and float(c.norm(dim=1).max()) + cert["half_diagonal"] <= 1e-2
    assert cert["lip_box"] >= LN.field_lipschitz(g, (-3, -3), (3, 3), 101)


def test_certificate_on_a_linear_field():
    """Control game: V = (−x − y, x − y), Lip V = √2 exactly; the uncertified cells shrink
    onto 0, and a box without the zero is certified entirely."""
    lip = LN.constant_lipschitz(np.sqrt(2.0))
    cert = LN.zero_free_cells(TG.control_game(1.0), (-1, -1), (1, 1), 10, lip, 8)
    c = cert["centres"]
    assert 0 < len(c) and c.norm(dim=1).max() + cert["half_diagonal"] <= 0.05
    assert len(LN.zero_free_cells(TG.control_game(3.0), (0.5, 0.5), (3, 3), 10, lip, 8)["centres"]) == 0


def test_own_curvature_bound_bounds_the_sampled_curvature():
    """D2's L_i: the interval bound is ≥ |f_θθ|, |f_ωω| at 10^4 random points of the box and
    within 5 % of the sampled max (tight, not vacuous)."""
    z = torch.from_numpy(np.random.default_rng(2).uniform(-3, 3, (10_000, 2)))
    h_tt, _, h_oo = F1.second_partials(z[:, 0], z[:, 1])
    sampled = np.array([float(h_tt.abs().max()), float(h_oo.abs().max())])
    bound = F1.own_curvature_bound(3.0, 100)
    assert (bound >= sampled).all() and (bound <= 1.05 * sampled).all()
