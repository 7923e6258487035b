"""The compiled session engine (strategic.pricing.engine) against the plain Python loop of the
same update (strategic.pricing.reference): identical results bit for bit, plus the engine's
own bookkeeping (cached row max/argmax, convergence, cap, seeding, block independence)."""

import numpy as np
import pytest

from strategic.pricing import env as E
from strategic.pricing import reference as R
from strategic.pricing.engine import Sessions, splitmix64

GRID = E.price_grid(15)
TABLE = E.profit_table(GRID)
Q0 = E.initial_q(TABLE, 0.95)


def _start(seeds, q0=Q0):
    return Sessions.start(q0, np.asarray(seeds, dtype=np.uint64))


def test_splitmix64_matches_the_published_stream():
    """First outputs of splitmix64 from state 0 (Vigna's reference implementation)."""
    x, z1 = splitmix64(np.uint64(0))
    _, z2 = splitmix64(x)
    assert (int(z1), int(z2)) == (0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4)


@pytest.mark.parametrize("beta", [2e-4, 1e-5])
def test_engine_equals_plain_python_loop(beta):
    """Same Q tables, state, period, stability counter and RNG state after 6000 periods, with
    much exploration (β = 1e-5) and mostly greedy play (β = 2e-4)."""
    ss = _start([11, 12])
    before = {k: v.copy() for k, v in ss.arrays().items()}
    ran = ss.advance(TABLE, 0.15, 0.95, beta, 6000, 500, 10**9)
    assert ran == ss.t.sum()
    for k in range(2):
        q = before["q"][k].tolist()
        out = R.run_session(q, int(before["state"][k]), 0, 0, int(before["rng"][k]),
                            TABLE.tolist(), 0.15, 0.95, beta, 6000, 500, 10**9)
        assert out == (ss.state[k], ss.t[k], ss.stable[k], int(ss.rng[k]))
        assert np.array_equal(np.array(q), ss.q[k])
    assert not np.array_equal(ss.q, before["q"])


def test_cached_row_max_and_argmax_match_the_tables():
    ss = _start(range(4))
    ss.advance(TABLE, 0.15, 0.95, 1e-4, 50_000, 10**6, 10**9)
    assert np.array_equal(ss.qmax, ss.q.max(axis=3))
    assert np.array_equal(ss.qarg, ss.q.argmax(axis=3))


def test_block_size_does_not_change_a_session():
    """Blocks that are multiples of 1024 give the same path as one long call."""
    one, many = _start([5, 6]), _start([5, 6])
    one.advance(TABLE, 0.15, 0.95, 1e-4, 16 * 1024, 10**6, 10**9)
    for _ in range(16):
        many.advance(TABLE, 0.15, 0.95, 1e-4, 1024, 10**6, 10**9)
    for k, v in one.arrays().items():
        assert np.array_equal(v, many.arrays()[k]), k


def test_sessions_converge_then_stop_costing_time():
    """With fast exploration decay every session's greedy strategies settle: stable for
    `conv` periods, then `advance` runs no more periods for them."""
    ss = _start(range(6))
    conv = 5000
    while not ss.done.all():
        ss.advance(TABLE, 0.15, 0.95, 1e-3, 8192, conv, 10**9)
    assert np.all(ss.stable == conv) and np.all(ss.t > conv)
    t = ss.t.copy()
    assert ss.advance(TABLE, 0.15, 0.95, 1e-3, 8192, conv, 10**9) == 0
    assert np.array_equal(ss.t, t)


def test_cap_stops_unconverged_sessions():
    ss = _start([1, 2, 3])
    ss.advance(TABLE, 0.15, 0.95, 4e-6, 10**6, 10**9, 3000)
    assert np.all(ss.t == 3000) and ss.done.all() and np.all(ss.stable < 10**9)


def test_sessions_are_reproducible_from_their_seeds_and_independent():
    """A session's path depends on its own seed only (not on the other sessions)."""
    a, b = _start([7, 8, 9]), _start([9, 7])
    a.advance(TABLE, 0.15, 0.95, 1e-4, 20_000, 10**6, 10**9)
    b.advance(TABLE, 0.15, 0.95, 1e-4, 20_000, 10**6, 10**9)
    assert np.array_equal(a.q[2], b.q[0]) and np.array_equal(a.q[0], b.q[1])
    assert not np.array_equal(a.q[0], a.q[1])


def test_per_session_learning_rates():
    """alpha/beta may differ across sessions: a session equals its single-session run."""
    both = _start([3, 3])
    both.advance(TABLE, [0.1, 0.2], 0.95, [1e-4, 2e-4], 8192, 10**6, 10**9)
    solo = _start([3])
    solo.advance(TABLE, 0.2, 0.95, 2e-4, 8192, 10**6, 10**9)
    assert np.array_equal(both.q[1], solo.q[0]) and not np.array_equal(both.q[0], both.q[1])


def test_myopic_learners_value_only_current_profit():
    """δ = 0: after an update Q(s, a) moves toward the period's profit, never above the
    largest profit on the grid."""
    ss = _start([4], E.initial_q(TABLE, 0.0))
    ss.advance(TABLE, 0.15, 0.0, 1e-4, 20_000, 10**6, 10**9)
    assert ss.q.max() <= TABLE.max() + 1e-15 and ss.q.min() >= 0
