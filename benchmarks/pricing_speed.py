"""Speed of the pricing study's session engine, as ratios against a reference run in this process.

1. Engine (numba, session-major, cached row max/argmax) running `--sessions` baseline sessions
   (α = 0.15, β = 4e-6, δ = 0.95) to convergence, vs the plain per-session Python loop of the
   same update (`strategic.pricing.reference`, bit-identical results) timed on `--loop-periods`
   periods of two sessions. Both in session-periods per CPU-second (one thread), and the ratio.
2. The cost of Calvano et al.'s 1000-session baseline at the measured CPU time per session (about 1.9e9
   session-periods), or measured with `--full`.
3. Optional: numba threads scaling (`--threads 2`), the JIT compile time in a fresh cache
   (`--compile`), and the engine state's memory for `--memory S` sessions.

Usage: python benchmarks/pricing_speed.py [--sessions 100] [--loop-periods 20000] [--full]
       [--threads 2] [--compile] [--memory 10000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np

from strategic.pricing import env as E
from strategic.pricing import reference as R
from strategic.pricing.engine import Sessions

ALPHA, BETA, DELTA, CONV, CAP, BLOCK = 0.15, 4e-6, 0.95, 100_000, 10**9, 1 << 20
TABLE = E.profit_table(E.price_grid(15))
Q0 = E.initial_q(TABLE, DELTA)


def engine(sessions: int, seed: int = 0) -> tuple[int, float, float]:
    """Sessions to convergence; returns (session-periods, CPU s, wall s)."""
    ss = Sessions.start(Q0, np.random.SeedSequence(seed).generate_state(sessions, dtype=np.uint64))
    c, w, n = time.process_time(), time.perf_counter(), 0
    while not ss.done.all():
        n += ss.advance(TABLE, ALPHA, DELTA, BETA, BLOCK, CONV, CAP)
    return n, time.process_time() - c, time.perf_counter() - w


def loop(periods: int) -> tuple[int, float]:
    """The plain Python loop on two sessions from their start; returns (session-periods, CPU s)."""
    ss = Sessions.start(Q0, np.arange(2, dtype=np.uint64))
    table = TABLE.tolist()
    c = time.process_time()
    for k in range(2):
        R.run_session(ss.q[k].tolist(), int(ss.state[k]), 0, 0, int(ss.rng[k]), table, ALPHA,
                      DELTA, BETA, periods, CONV, CAP)
    return 2 * periods, time.process_time() - c


def compile_seconds() -> float:
    """CPU seconds of importing the engine and its first call with an empty numba cache."""
    code = ("import time, numpy as np; c = time.process_time();"
            "from strategic.pricing import env as E; from strategic.pricing.engine import Sessions;"
            "t = E.profit_table(E.price_grid(15));"
            "Sessions.start(E.initial_q(t, .95), np.arange(2, dtype=np.uint64)).advance(t, .15, .95, 4e-6, 1024, 10, 10**9);"
            "print(time.process_time() - c)")
    with tempfile.TemporaryDirectory() as cache:
        out = subprocess.run([sys.executable, "-c", code], env={**os.environ, "NUMBA_CACHE_DIR": cache},
                             capture_output=True, text=True, check=True)
    return float(out.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=100)
    ap.add_argument("--loop-periods", type=int, default=20_000, help="periods per session in the loop")
    ap.add_argument("--full", action="store_true", help="run the 1000-session baseline")
    ap.add_argument("--threads", type=int, default=1, help="also time the engine on this many threads")
    ap.add_argument("--compile", action="store_true", help="measure the JIT compile (fresh cache)")
    ap.add_argument("--memory", type=int, default=0, help="allocate this many sessions' state")
    a = ap.parse_args()
    import numba
    numba.set_num_threads(1)
    engine(2)  # warm-up: load the compiled code from numba's cache
    n_e, c_e, w_e = engine(a.sessions)
    n_l, c_l = loop(a.loop_periods)
    rate_e, rate_l = n_e / c_e, n_l / c_l
    print(f"sessions of Calvano et al.'s baseline, 1 thread ({os.cpu_count()} CPUs, shared machine)")
    print(f"  engine (numba):            {rate_e:12.3e} session-periods/CPU-s  ({a.sessions} sessions "
          f"to convergence, {n_e:.3g} session-periods, {c_e:.1f} CPU-s, {w_e:.1f} s wall, "
          f"{c_e / n_e * 1e9:.0f} ns/period)")
    print(f"  plain Python loop (ref.):  {rate_l:12.3e} session-periods/CPU-s  ({n_l} session-periods, "
          f"{c_l:.1f} CPU-s)")
    print(f"  ratio engine / loop:       {rate_e / rate_l:12.1f}x   (bar: >= 30x)")
    if a.full:
        n, c, w = engine(1000, seed=1)
        print(f"  1000 sessions measured:    {n:.3g} session-periods, {c:.1f} CPU-s, {w:.1f} s wall  (bar: <= 150 CPU-s)")
    else:
        print(f"  1000 sessions estimated:   {c_e * 1000 / a.sessions:.1f} CPU-s "
              f"({n_e * 1000 / a.sessions:.3g} session-periods at the measured periods per session)"
              "  (bar: <= 150 CPU-s)")
    if a.threads > 1:
        numba.set_num_threads(a.threads)
        n_t, c_t, w_t = engine(a.sessions)
        print(f"  {a.threads} numba threads:         {n_t / w_t:12.3e} session-periods/wall-s vs "
              f"{n_e / w_e:.3e} on 1 thread: {w_e / w_t:.2f}x faster")
    if a.compile:
        print(f"  JIT compile + import, fresh cache: {compile_seconds():.1f} CPU-s (paid once: cache=True)")
    if a.memory:
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        ss = Sessions.start(Q0, np.arange(a.memory, dtype=np.uint64))
        ss.advance(TABLE, ALPHA, DELTA, BETA, 1024, CONV, CAP)
        grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        print(f"  state of {a.memory} sessions: {ss.nbytes / 2**20:.0f} MiB of arrays "
              f"({ss.nbytes / a.memory / 1024:.1f} KiB a session); peak RSS grew {grown:.0f} MiB")


if __name__ == "__main__":
    main()
