"""Speed of the C2 and D1 hot loops, as ratios against reference runs in this process.

1. Random scanning (C2): the vectorised stopping time (all squares at once) vs querying one
   vertex at a time and checking the squares around it (same order, same count).
2. Path following (C2): the walker with plain-list colour look-ups (`Oracle.query_one`) vs the
   same walk with numpy-indexed look-ups (`Oracle.query` per corner).
3. STON'R (D1): plain-float f1 partials per step vs the torch `f1_grad` / `f1_hess` on a
   one-point batch (same path, same number of steps).

Usage: python benchmarks/sperner_stonr_speed.py [--n 129] [--eps 0.01]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import torch

from strategic.games import f1 as F1
from strategic.games import sperner, stonr

f1_field, f1_jacobian = F1.field_float, F1.jacobian_float


def scan_sequential(col: np.ndarray, seed: int) -> int:
    """Reference: one query at a time, checking the (up to 4) squares around the new vertex."""
    n = len(col)
    known = np.zeros((n, n), dtype=bool)
    sol = sperner.solution_squares(col)
    for t, v in enumerate(np.random.default_rng(seed).permutation(n * n)):
        x, y = divmod(int(v), n)
        known[x, y] = True
        for sx in (x - 1, x):
            for sy in (y - 1, y):
                if 0 <= sx < n - 1 and 0 <= sy < n - 1 and known[sx:sx + 2, sy:sy + 2].all() and sol[sx, sy]:
                    return t + 1
    raise RuntimeError("no solution")


def walk_numpy(oracle: sperner.Oracle) -> tuple[int, int]:
    """Reference: `path_following` with a numpy look-up per corner."""
    n = oracle.n
    top = oracle.query(np.arange(n), np.full(n, n - 1))
    x0 = next(x for x in range(n - 1) if top[x + 1] == sperner.YELLOW and top[x] == sperner.BLUE)
    x, y, used = x0, n - 2, set()
    while True:
        q = [int(oracle.query(x + dx, y + dy)) for dx, dy in ((0, 0), (1, 0), (1, 1), (0, 1))]
        if (0 in q and 2 in q) or (1 in q and 3 in q):
            return x, y
        k = next(k for k in range(4) if q[k] == 3 and q[(k + 1) % 4] == 2 and (x, y, k) not in used)
        used.add((x, y, k))
        x, y = x + sperner._ACROSS[k][0], y + sperner._ACROSS[k][1]


def torch_field(x: np.ndarray) -> np.ndarray:
    g = F1.grad(torch.from_numpy(x)[None])[0]
    return np.array([-float(g[0]), float(g[1])])


def torch_jacobian(x: np.ndarray) -> np.ndarray:
    return np.diag([-1.0, 1.0]) @ F1.hessian(torch.from_numpy(x)[None])[0].numpy()


def timed(fn, *args):
    t = time.process_time()
    out = fn(*args)
    return time.process_time() - t, out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=129)
    p.add_argument("--eps", type=float, default=1e-2)
    a = p.parse_args()
    torch.set_num_threads(1)
    col = sperner.snake(a.n, np.random.default_rng(0))

    o = sperner.Oracle(col)
    t_vec, _ = timed(sperner.random_scan, o, np.random.default_rng(1))
    t_seq, count = timed(scan_sequential, col, 1)
    assert count == o.queries
    print(f"random scan, N={a.n}: vectorised {t_vec * 1e3:.1f} ms, one query at a time "
          f"{t_seq * 1e3:.0f} ms: x{t_seq / t_vec:.0f} ({count} queries)")

    o1, o2 = sperner.Oracle(col), sperner.Oracle(col)
    t_list, sq1 = timed(sperner.path_following, o1)
    t_np, sq2 = timed(walk_numpy, o2)
    assert sq1 == sq2 and o1.queries == o2.queries
    print(f"path following, N={a.n}: plain lists {t_list * 1e3:.0f} ms, numpy look-ups "
          f"{t_np * 1e3:.0f} ms: x{t_np / t_list:.1f} ({o1.queries} queries)")

    box = ([-3, -3], [3, 3])
    t_f, r_f = timed(stonr.stonr, f1_field, f1_jacobian, *box, a.eps)
    t_t, r_t = timed(stonr.stonr, torch_field, torch_jacobian, *box, a.eps)
    assert r_f.steps == r_t.steps
    print(f"STON'R, eps={a.eps}: plain floats {t_f:.2f} s, torch per step {t_t:.2f} s: "
          f"x{t_t / t_f:.1f} ({r_f.steps} steps, {1e6 * t_f / r_f.steps:.0f} us/step)")


if __name__ == "__main__":
    main()
