"""Claims A1–D3 of CLAIMS.md (study `games`), in CLAIMS.md order, from the three subject
modules; `check(column)` finds the Check on a metric (figures draw its threshold)."""

from strategic.contracts import Check, Claim
from strategic.games import claims_equilibria, claims_gradient, claims_local

CLAIMS: list[Claim] = sorted(claims_gradient.CLAIMS + claims_equilibria.CLAIMS + claims_local.CLAIMS,
                             key=lambda c: c.id)


def check(column: str, reduce: str | None = None) -> Check:
    """The one Check of the catalogue on metric `column` (and reducer, where several are)."""
    found = [k for c in CLAIMS for k in c.checks
             if k.column == column and (reduce is None or k.reduce == reduce)]
    if len(found) != 1:
        raise KeyError(f"{len(found)} checks on {column!r} (reduce={reduce!r}); need exactly one")
    return found[0]
