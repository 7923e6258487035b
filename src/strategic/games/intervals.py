"""Interval arithmetic on numpy arrays with outward rounding (claim C1's certificate).

An `Interval` holds arrays lo ≤ hi (one interval per element) and encloses every real value
an expression can take when its variables range over their intervals: each operation returns
an interval containing the exact image of its operands' intervals (the inclusion property,
Moore 1966), so evaluating a closed form like `f1.second_partials` on intervals bounds that
function over a whole box — a proof, not a sample. Floating point: IEEE-754 rounds +, −, ×, /
to nearest, so the exact result lies within half an ulp of the computed one; every result is
widened by one ulp outwards (`np.nextafter`), which keeps the enclosure rigorous. `exp` is
numpy's (glibc: error < 1 ulp) and is widened by 4 ulp. Only the operations the closed forms
use are defined: +, −, × (with intervals or floats), / by a float, integer powers, exp.
"""

from __future__ import annotations

import numpy as np


def _down(x: np.ndarray) -> np.ndarray:
    return np.nextafter(x, -np.inf)


def _up(x: np.ndarray) -> np.ndarray:
    return np.nextafter(x, np.inf)


class Interval:
    """Elementwise intervals [lo, hi] (numpy float64 arrays of one shape)."""

    __array_priority__ = 1000  # `float * Interval` and `ndarray * Interval` come here

    def __init__(self, lo, hi=None):
        self.lo = np.asarray(lo, dtype=np.float64)
        self.hi = self.lo if hi is None else np.asarray(hi, dtype=np.float64)
        if np.any(self.lo > self.hi):
            raise ValueError("Interval: lo > hi")

    @staticmethod
    def _lift(x) -> "Interval":
        """An interval as is; a number as [down(x), up(x)] unless it is an integer (exact), so a
        decimal constant such as 0.3, which no float equals, is enclosed too."""
        if isinstance(x, Interval):
            return x
        x = np.asarray(x, dtype=np.float64)
        exact = x == np.round(x)
        return Interval(np.where(exact, x, _down(x)), np.where(exact, x, _up(x)))

    def __add__(self, other):
        o = self._lift(other)
        return Interval(_down(self.lo + o.lo), _up(self.hi + o.hi))

    __radd__ = __add__

    def __neg__(self):
        return Interval(-self.hi, -self.lo)  # exact

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __rsub__(self, other):
        return self._lift(other) + (-self)

    def __mul__(self, other):
        o = self._lift(other)
        p = np.stack([self.lo * o.lo, self.lo * o.hi, self.hi * o.lo, self.hi * o.hi])
        return Interval(_down(p.min(0)), _up(p.max(0)))

    __rmul__ = __mul__

    def __truediv__(self, other):
        """Division by a number (not an interval) that is not 0: times [1/c] rounded outwards."""
        if isinstance(other, Interval):
            raise TypeError("Interval: division only by a number")
        c = self._lift(other)
        if np.any((c.lo <= 0) & (c.hi >= 0)):
            raise ZeroDivisionError("Interval: division by an interval holding 0")
        return self * Interval(_down(1.0 / c.hi), _up(1.0 / c.lo))

    def __pow__(self, k: int):
        """x^k for an integer k ≥ 1: monotone for odd k; for even k the minimum is 0 when the
        interval holds 0 (tighter than repeated products, which lose the dependency)."""
        if not (isinstance(k, (int, np.integer)) and k >= 1):
            raise TypeError(f"Interval: only integer powers >= 1, got {k!r}")
        a, b = self.lo ** k, self.hi ** k
        lo, hi = (a, b) if k % 2 else (np.minimum(a, b), np.maximum(a, b))
        # a power is at most k − 1 roundings (< 1 ulp for libm's pow): widen by k ulp relative
        rel = k * np.finfo(float).eps
        lo, hi = _down(lo - np.abs(lo) * rel), _up(hi + np.abs(hi) * rel)
        if not k % 2:  # x^k ≥ 0, and 0 is attained when the interval holds 0 (exact)
            lo = np.where((self.lo <= 0) & (self.hi >= 0), 0.0, np.maximum(lo, 0.0))
        return Interval(lo, hi)

    def exp(self) -> "Interval":
        """e^x (monotone), widened by 4 ulp relative for numpy's < 1 ulp error."""
        rel = 4 * np.finfo(float).eps
        a, b = np.exp(self.lo), np.exp(self.hi)
        return Interval(_down(a * (1 - rel)), _up(b * (1 + rel)))

    def mag(self) -> np.ndarray:
        """max |x| over the interval (an upper bound of the magnitude)."""
        return np.maximum(np.abs(self.lo), np.abs(self.hi))

    def contains(self, x) -> np.ndarray:
        x = np.asarray(x, float)
        return (self.lo <= x) & (x <= self.hi)

    def __repr__(self) -> str:
        return f"Interval({self.lo!r}, {self.hi!r})"
