"""The gans study's random streams: one `torch.Generator` per (seed, purpose, part, index).

torch's CPU generator is mt19937, which keeps only the low 32 bits of its seed, so keys such
as (seed << 40) + (salt << 32) + step collapse to the step: every seed and purpose would draw
the same numbers. The fields are packed injectively into those 32 bits instead: seed (8 bits,
< 256), purpose (4 bits), part (4 bits, e.g. E1's pair), index (16 bits, a step or a block).
"""

from __future__ import annotations

FIELDS = (("seed", 0, 8), ("purpose", 8, 4), ("part", 12, 4), ("index", 16, 16))  # (name, shift, bits)
MAX = {name: (1 << bits) - 1 for name, _, bits in FIELDS}
MAX_SEED, MAX_INDEX = MAX["seed"], MAX["index"]     # config bounds (seeds, iterations)
TRAIN, EVAL, REFERENCE, LP, ESTIMATE = range(5)   # purposes


def key(seed: int, purpose: int, index: int = 0, part: int = 0) -> int:
    """The 32-bit seed of a stream; distinct fields give distinct seeds."""
    values = {"seed": seed, "purpose": purpose, "part": part, "index": index}
    out = 0
    for name, shift, bits in FIELDS:
        v = values[name]
        if not 0 <= v <= MAX[name]:
            raise ValueError(f"gans streams: {name} must be in [0, {MAX[name]}], got {v}")
        out |= v << shift
    return out


def stream(seed: int, purpose: int, index: int = 0, part: int = 0):
    """A fresh CPU `torch.Generator` for the stream (seed, purpose, part, index)."""
    import torch   # lazily: config.py reads the bounds above without importing torch
    return torch.Generator().manual_seed(key(seed, purpose, index, part))
