"""Limit cycles, profit gain and impulse responses (strategic.pricing.outcomes) on hand-built
strategies whose answers are known."""

import numpy as np
import pytest

from strategic.pricing import env as E
from strategic.pricing import outcomes as O

M = 15
GRID = E.price_grid(M)
TABLE = E.profit_table(GRID)
S1, S2 = np.divmod(np.arange(M * M), M)   # each state's (a1, a2)


def _qarg(sigma1, sigma2):
    """Greedy strategies [1, 2, m²] from two functions of (a1, a2)."""
    return np.stack([sigma1(S1, S2), sigma2(S1, S2)])[None].astype(np.int64)


def test_constant_strategies_reach_a_fixed_point():
    qarg = _qarg(lambda a, b: np.full_like(a, 9), lambda a, b: np.full_like(a, 4))
    lc = O.limit_cycle(qarg, np.array([0]), GRID, TABLE)
    assert lc["length"][0] == 1 and lc["state"][0] == 9 * M + 4
    assert lc["p1"][0] == GRID[9] and lc["p2"][0] == GRID[4] and lc["pi1"][0] == TABLE[0, 9, 4]


def test_alternating_strategies_give_a_two_cycle_and_its_averages():
    """Each firm copies the rival's last price: from (3, 11) play alternates (11, 3), (3, 11)."""
    qarg = _qarg(lambda a, b: b, lambda a, b: a)
    lc = O.limit_cycle(qarg, np.array([3 * M + 11]), GRID, TABLE)
    assert lc["length"][0] == 2
    assert lc["p1"][0] == pytest.approx((GRID[3] + GRID[11]) / 2) == lc["p2"][0]
    assert lc["pi1"][0] == pytest.approx((TABLE[0, 3, 11] + TABLE[0, 11, 3]) / 2)


def test_cycle_length_of_a_rotation_and_vectorised_sessions():
    """Both firms step their price up by one (mod 5 on the lowest five prices): a 5-cycle, entered
    from a transient; a second session with constant strategies in the same call."""
    rot = _qarg(lambda a, b: (a + 1) % 5, lambda a, b: (b + 1) % 5)
    const = _qarg(lambda a, b: np.full_like(a, 2), lambda a, b: np.full_like(a, 2))
    lc = O.limit_cycle(np.concatenate([rot, const]), np.array([14 * M + 14, 0]), GRID, TABLE)
    assert list(lc["length"]) == [5, 1]
    assert lc["p1"][0] == pytest.approx(GRID[:5].mean()) and lc["p1"][1] == GRID[2]


def test_profit_gain_is_zero_at_nash_and_one_at_monopoly():
    assert list(O.profit_gain(np.array([0.2, 0.3, 0.25]), 0.2, 0.3)) == pytest.approx([0, 1, 0.5])


def _grim(high: int, low: int):
    """Play `high` after (high, high), else `low` for one period, then back to `high` after
    (low, low): a one-period punishment."""
    def sigma(a, b):
        return np.where(((a == high) & (b == high)) | ((a == low) & (b == low)), high, low)
    return _qarg(sigma, sigma)


def test_impulse_response_of_a_punishing_strategy():
    """From (12, 12) firm 1 deviates to its best response to 12; both play the low price at
    τ = 2 (punishment), then 12 again; the deviation does not pay."""
    high, low = 12, 0
    qarg = _grim(high, low)
    s0 = np.array([high * M + high])
    ir = O.impulse_response(qarg, s0, TABLE, horizon=15, delta=0.95)
    br = int(E.static_best_response(TABLE, high))
    dev = ir["dev"][0]
    assert dev.shape == (17, 2) and tuple(dev[0]) == (high, high) and tuple(dev[1]) == (br, high)
    assert tuple(dev[2]) == (low, low) and tuple(dev[3]) == (high, high)
    assert np.all(dev[3:] == high) and np.all(ir["path"][0] == high)
    disc = 0.95 ** np.arange(16)
    v_dev = (TABLE[0][dev[1:, 0], dev[1:, 1]] * disc).sum()
    v_path = TABLE[0, high, high] * disc.sum()
    assert ir["gain"][0] == pytest.approx(v_dev / v_path - 1, rel=1e-12) and ir["gain"][0] < 0


def test_impulse_response_without_punishment_pays():
    """Constant strategies ignore the deviation: the rival keeps its price and firm 1 gains."""
    qarg = _qarg(lambda a, b: np.full_like(a, 12), lambda a, b: np.full_like(a, 12))
    ir = O.impulse_response(qarg, np.array([12 * M + 12]), TABLE, horizon=15, delta=0.95)
    assert np.all(ir["dev"][0, 2:] == 12) and ir["dev"][0, 1, 1] == 12
    assert ir["gain"][0] > 0


def test_per_session_shares_expose_what_the_pooled_mean_hides():
    """G2: one rival raising its price still leaves a pooled mean cut >= 0.05, but the
    per-session punish share drops below 1 (CLAIMS.md: reported beside the pooled checks)."""
    from strategic.pricing import experiment
    from strategic.pricing import names as N
    pre, after = 1.8, [1.6, 1.6, 1.6, 1.9]             # three sessions cut by 0.2, one raises
    prices = np.full((4, 4, 2), pre)                   # [session, τ = 0..3, firm]
    prices[:, N.TAU_DEVIATION + 1, 1] = after
    gain = np.array([-0.1, -0.1, -0.1, 0.02])          # and in that one the deviation pays
    m = experiment._impulse_metrics(prices, gain)
    assert m[N.IR_RIVAL_DROP] >= N.PUNISH_CUT          # the pooled check would pass
    assert m[N.IR_PUNISH_SHARE] == 0.75 and m[N.IR_NOT_PAYING_SHARE] == 0.75
    assert list(experiment._rival_cut(prices)) == pytest.approx([0.2, 0.2, 0.2, -0.1])
