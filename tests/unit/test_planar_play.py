"""The compiled A3 loop (strategic.games.planar_play) against the shared update rules run by
`gradient_play.play`, and A3's measurement (min ‖V‖ over the second half) on a game that
converges, where it must fail."""

import numpy as np
import pytest

from strategic.games import f1, planar_play as PP, toy_games
from strategic.games.gradient_play import play, tail_min_field

GAMES = {"f1": (f1.game, f1.play_kernel), "letcher": (toy_games.letcher_game, toy_games.letcher_play_kernel),
         "control": (toy_games.control_game, toy_games.control_play_kernel)}


@pytest.mark.parametrize("name", list(GAMES))
@pytest.mark.parametrize("rule", ["gda", "ogda", "eg"])
def test_compiled_loop_equals_the_shared_rules_bitwise(name, rule):
    """Same iterates, tail minima and records as `play` + `tail_min_field`, to the last bit,
    from inits some of which start outside the box (both clip them first)."""
    make, kernel = GAMES[name]
    g, steps, every = make(3.0), 300, 40
    z0 = np.random.default_rng(0).uniform(-3.5, 3.5, (7, 2))
    tail, track = tail_min_field(g, steps, 0.5)
    rec = []

    def observe(t, z):
        track(t, z)
        if t % every == 0 and t < steps:
            rec.append(z[[1, 4]].copy())
    z = play(g, z0, rule, 0.01, steps, observe)
    out = PP.run(kernel, g.lo, g.hi, z0, rule, 0.01, steps, 0.5, [1, 4], every)
    assert np.array_equal(out["z"], z) and np.array_equal(out["tail_min"], tail["min"])
    assert np.array_equal(out["records"], np.array(rec))


def test_a3_measurement_fails_on_a_convergent_game():
    """On the control (eigenvalues −1 ± i) every method's min ‖V‖ over the second half is far
    below A3's 0.5 (so the check can fail); on f1 at η = 1e-3 it stays above it."""
    z0 = np.random.default_rng(1).uniform(-3, 3, (20, 2))
    for rule in ("gda", "ogda", "eg"):
        ctrl = PP.run(toy_games.control_play_kernel, (-3, -3), (3, 3), z0, rule, 1e-2, 2000)
        assert ctrl["tail_min"].max() < 1e-3
    cyc = PP.run(f1.play_kernel, (-3, -3), (3, 3), z0, "gda", 1e-3, 20_000)
    assert cyc["tail_min"].min() >= 0.5


def test_bad_input():
    with pytest.raises(ValueError, match="rule must be one of"):
        PP.run(f1.play_kernel, (-3, -3), (3, 3), np.zeros((1, 2)), "alt_gda", 0.1, 10)
    with pytest.raises(ValueError, match="need eta > 0"):
        PP.run(f1.play_kernel, (-3, -3), (3, 3), np.zeros((1, 2)), "gda", 0.0, 10)
