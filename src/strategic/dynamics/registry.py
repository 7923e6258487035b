"""The one registry of update rules: name -> class, and `make_rule(name, **options)`."""

from __future__ import annotations

import inspect

from strategic.dynamics.rules import Alternating, Extragradient, Optimistic, Rule, Simultaneous
from strategic.dynamics.unrolled import Unrolled

RULES: dict[str, type[Rule]] = {cls.name: cls for cls in
                                (Simultaneous, Alternating, Optimistic, Extragradient, Unrolled)}


def make_rule(name: str, **options) -> Rule:
    """A fresh rule by registry name, e.g. `make_rule('unrolled', k=5)`.

    Raises:
        ValueError: unknown name (the message lists the known ones) or bad options.
    """
    if name not in RULES:
        raise ValueError(f"unknown update rule {name!r} (known: {', '.join(sorted(RULES))})")
    cls = RULES[name]
    try:
        inspect.signature(cls).bind(**options)
    except TypeError as e:
        raise ValueError(f"rule {name!r}: {e}") from None
    return cls(**options)
