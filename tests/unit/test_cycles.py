"""Gradient play on Games (strategic.games.gradient_play) reproduces the update rules
exactly, and the better-response paths of C3 behave as the mathematics says."""

import math

import numpy as np
import pytest
import torch

from strategic.games import bilinear, cournot, toy_games
from strategic.games import f1 as F1
from strategic.games import gradient_play as cycles
from strategic.games.better_response import pure_better_response_cycle
from strategic.games.game import residual

F64 = torch.float64
FREE = bilinear.xy_game()


@pytest.mark.parametrize("rule", ["gda", "eg", "ogda"])
def test_play_on_xy_has_the_exact_growth_factors(rule):
    """Unconstrained x·y: GDA and EG multiply ‖z‖ by √(1+η²), √(1−η²+η⁴) every step; OGDA
    approaches |(1 + 2iη + √(1−4η²))/2| (bilinear.rates)."""
    eta, steps = 0.1, 400
    norms = []
    cycles.play(FREE, np.array([[1.0, 1.0]]), rule, eta, steps,
                lambda t, z: norms.append(np.linalg.norm(z)))
    ratios = np.array(norms[1:]) / np.array(norms[:-1])
    rate = bilinear.rates(eta)[rule]
    if rule == "ogda":
        assert ratios[-1] == pytest.approx(rate, abs=1e-6)
    else:
        np.testing.assert_allclose(ratios, rate, rtol=1e-13)


def test_alternating_play_moves_players_in_turn():
    """Alternating GDA on x·y (x min, y max): x' = x − ηy, then y' = y + ηx'."""
    eta = 0.1
    z = cycles.play(FREE, np.array([[1.0, 2.0]]), "alt_gda", eta, 1)
    x1 = 1.0 - eta * 2.0
    np.testing.assert_allclose(z, [[x1, 2.0 + eta * x1]], rtol=1e-15)
    halves = cycles.alternating_path(FREE, np.array([1.0, 2.0]), eta, 1)
    np.testing.assert_allclose(halves, [[1.0, 2.0], [x1, 2.0], [x1, 2.0 + eta * x1]], rtol=1e-15)


def test_projection_keeps_iterates_in_the_box_and_control_converges():
    """On [−1, 1]² GDA on x·y spirals out and sticks to the box; the control converges."""
    z = cycles.play(bilinear.xy_game(b=1.0), np.array([[0.5, 0.5]]), "gda", 0.1, 500)
    assert np.abs(z).max() <= 1.0 and np.abs(z).max() == 1.0
    ctl = toy_games.control_game()
    z = cycles.play(ctl, np.array([[2.0, -1.0], [-3.0, 3.0]]), "eg", 0.05, 2000)
    assert residual(ctl, torch.from_numpy(z)).max() <= 1e-8


def test_stacked_games_equal_separate_runs_and_tail_minimum():
    """A stack of games evolves each block as its own game would; tail_min_field tracks min ‖V‖."""
    f1, let = F1.game(), toy_games.letcher_game()
    z0 = np.array([[1.0, 0.5], [0.2, -0.3], [2.0, 1.0], [-0.5, 0.5]])
    stack = cycles.stack_games([f1, let])
    tail, obs = cycles.tail_min_field(stack, 50, 0.5)
    zs = cycles.play(stack, z0, "ogda", 0.01, 50, obs)
    np.testing.assert_array_equal(zs[:2], cycles.play(f1, z0[:2], "ogda", 0.01, 50))
    np.testing.assert_array_equal(zs[2:], cycles.play(let, z0[2:], "ogda", 0.01, 50))
    norms = []
    cycles.play(f1, z0[:2], "ogda", 0.01, 50, lambda t, z: norms.append(np.linalg.norm(f1.field_numpy(z), axis=1)) if 25 <= t < 50 else None)
    np.testing.assert_array_equal(tail["min"][:2], np.min(norms, 0))
    with pytest.raises(ValueError, match="not divisible"):
        stack.field_numpy(z0[:3])


def test_pure_better_responses_on_xy_cycle_through_the_corners():
    """From (1, 1): x → −1, y → −1, x → 1, y → 1, each move gaining exactly 2."""
    grid = torch.linspace(-1, 1, 5, dtype=F64)
    br = pure_better_response_cycle(bilinear.xy_game(b=1.0), grid, torch.tensor([1.0, 1.0], dtype=F64), 10)
    expected = torch.tensor([[1, 1], [-1, 1], [-1, -1], [1, -1], [1, 1]], dtype=F64)
    assert torch.equal(br["path"], expected)
    assert torch.equal(br["gains"], torch.full((4,), 2.0, dtype=F64))


def test_better_responses_stop_at_a_pure_equilibrium():
    """Cournot: at Nash (3, 3) no mover can improve, so the path stops at once; from (0, 0)
    on a fine grid the best-response path ends within a grid step of (3, 3)."""
    grid = torch.linspace(0, 10, 1001, dtype=F64)
    nash = torch.tensor([3.0, 3.0], dtype=F64)
    br = pure_better_response_cycle(cournot.game(), grid, nash, 50)
    assert torch.equal(br["path"], nash[None]) and len(br["gains"]) == 0
    br = pure_better_response_cycle(cournot.game(), grid, torch.zeros(2, dtype=F64), 50)
    assert (br["path"][-1] - nash).abs().max() <= 0.01 + 1e-12 and (br["gains"] > 0).all()


def test_bad_input():
    with pytest.raises(ValueError, match="eta > 0"):
        cycles.play(FREE, np.zeros((1, 2)), "gda", 0.0, 10)
    with pytest.raises(ValueError, match="unknown update rule"):
        cycles.play(FREE, np.zeros((1, 2)), "adam", 0.1, 10)
    with pytest.raises(ValueError, match="same dims and box"):
        cycles.stack_games([F1.game(3.0), F1.game(1.0)])


def test_config_rejects_an_even_better_response_grid():
    from strategic.games.config import GamesCycles
    from strategic.schema import ConfigError, build

    with pytest.raises(ConfigError, match="br_grid: must be odd"):
        build(GamesCycles, {"br_grid": 200}, "games.cycles")
    with pytest.raises(ConfigError, match="lrs: must be <= 0.1"):
        build(GamesCycles, {"lrs": [0.5]}, "games.cycles")
