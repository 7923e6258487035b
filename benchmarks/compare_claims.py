"""Compare two finished runs' verdicts check by check (behaviour preserved by a refactor?).

    python benchmarks/compare_claims.py BEFORE_RESULTS AFTER_RESULTS

For every check of `claims.json`: both verdicts, both values, and whether they are equal
(to 1e-9 relative) or else whether the after value lies within the spread of the before
run's per-seed values of that metric (`<study>/tables/runs.csv`), the bar for stochastic
claims. Exits 1 if a verdict differs or a value is neither equal nor within the spread.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pandas as pd

from strategic.registry import study as study_spec  # noqa: F401  (studies must import)
from strategic.report.claims import catalog


def per_seed(res: Path, study: str, variant: str, column: str) -> pd.Series:
    runs = pd.read_csv(res / study / "tables" / "runs.csv")
    sel = runs.loc[runs["variant"] == variant]
    return sel[column].astype(float) if column in sel else pd.Series(dtype=float)


def equal(a: float, b: float) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def compare(before: Path, after: Path) -> int:
    b_doc = {c["id"]: c for c in json.loads((before / "claims.json").read_text())["claims"]}
    a_doc = {c["id"]: c for c in json.loads((after / "claims.json").read_text())["claims"]}
    bad = 0
    for cid in sorted(set(b_doc) | set(a_doc)):
        if cid not in b_doc or cid not in a_doc:
            print(f"{cid}: only in {'after' if cid in a_doc else 'before'}")
            bad += 1
            continue
        b, a = b_doc[cid], a_doc[cid]
        claim = next(c for c in catalog(a["study"]) if c.id == cid)
        checks = {k.metric: k for k in claim.checks}
        flag = "" if a["verdict"] == b["verdict"] else "   <-- verdict changed"
        bad += bool(flag)
        print(f"{cid} {b['verdict']} -> {a['verdict']}{flag}")
        after_checks = {k["metric"]: k for k in a["checks"]}
        for kb in b["checks"]:
            ka = after_checks.get(kb["metric"])
            if ka is None:
                print(f"    {kb['metric'][:70]}: missing after")
                bad += 1
                continue
            vb, va = kb["value"], ka["value"]
            if equal(vb, va):
                print(f"    equal      {va:<12.6g} {kb['metric'][:70]}")
                continue
            chk = checks.get(kb["metric"])
            seeds = per_seed(before, a["study"], chk.variant, chk.column) if chk else pd.Series(dtype=float)
            inside = len(seeds) > 1 and seeds.min() * chk.scale <= va <= seeds.max() * chk.scale
            bad += not inside
            print(f"    {'in spread' if inside else 'DIFFERENT'}  {vb:.6g} -> {va:.6g} "
                  f"(before's seeds: {seeds.min() * chk.scale if len(seeds) else 'n/a':.6g}.."
                  f"{seeds.max() * chk.scale if len(seeds) else 'n/a':.6g}) {kb['metric'][:60]}")
    print("behaviour preserved" if not bad else f"{bad} differences")
    return int(bool(bad))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(compare(Path(sys.argv[1]), Path(sys.argv[2])))
