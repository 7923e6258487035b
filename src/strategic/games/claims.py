"""Claims A1–D3 of CLAIMS.md (study `games`), in CLAIMS.md order, from the three subject
modules; `check(column)` finds the Check on a metric (figures draw its threshold)."""

from strategic.contracts import Check, Claim, find_check
from strategic.games import claims_equilibria, claims_gradient, claims_local

CLAIMS: list[Claim] = sorted(claims_gradient.CLAIMS + claims_equilibria.CLAIMS + claims_local.CLAIMS,
                             key=lambda c: c.id)


def check(column: str, reduce: str | None = None) -> Check:
    """The one Check of the catalogue on metric `column` (figures read thresholds from it)."""
    return find_check(CLAIMS, column, reduce)
