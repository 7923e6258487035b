"""The human report: claims.json rendered as Markdown (one section per claim)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def _fmt(x: Any) -> str:
    if isinstance(x, list):
        return "[" + ", ".join(_fmt(v) for v in x) + "]"
    if isinstance(x, float):
        return f"{x:.6g}"
    return str(x).replace("|", "\\|")


def evidence(claim: dict[str, Any]) -> str:
    """'exact demonstration' when every check is a certificate, else the count of each kind."""
    kinds = claim.get("kinds", {})
    counts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in kinds.items() if n)
    return f"exact demonstration ({counts})" if claim.get("exact_demonstration") else counts


def markdown(doc: dict[str, Any], report_dir: Path) -> str:
    """Summary table, then per claim: statement, evidence kinds, checks, verdict, nuance, figure."""
    claims = doc["claims"]
    n_pass = sum(c["verdict"] == "PASS" for c in claims)
    lines = [f"# strategic: claims report ({doc['profile']} profile)", "",
             f"git `{doc['git_sha']}` — **{n_pass}/{len(claims)} claims PASS**", "",
             "A **measurement** could come out otherwise with correct code; a **certificate** "
             "verifies exactly what holds by theory or construction (an identity, a stopping "
             "rule, a theorem's bound). A claim whose checks are all certificates is an "
             "*exact demonstration*.", "",
             "| id | claim | study | evidence | verdict |", "|---|---|---|---|---|"]
    lines += [f"| [{c['id']}](#{c['id'].lower()}-{c['name']}) | {c['name']} | {c['study']} | "
              f"{evidence(c)} | **{c['verdict']}** |" for c in claims]
    for c in claims:
        lines += ["", f"## {c['id']} {c['name']}", "", f"> {c['statement']}", "",
                  f"Verdict: **{c['verdict']}** — evidence: {evidence(c)}", "",
                  "| check | kind | value | op | threshold | passed |", "|---|---|---|---|---|---|"]
        lines += [f"| {_fmt(k['metric'])} | {k.get('kind', '?')} | {_fmt(k['value'])} | `{k['op']}` | "
                  f"{_fmt(k['threshold'])} | "
                  f"{'yes' if k['passed'] else '**no**'}{' (' + k['error'] + ')' if k.get('error') else ''} |"
                  for k in c["checks"]]
        if c.get("reported"):
            lines += ["", "Reported beside the checks (no threshold):", "", "| number | value |", "|---|---|"]
            lines += [f"| {_fmt(r['metric'])} | {_fmt(r['value'])}{' (' + r['error'] + ')' if r.get('error') else ''} |"
                      for r in c["reported"]]
        if c.get("nuance"):
            lines += ["", f"**Nuance.** {c['nuance']}"]
        for note in c.get("notes", []):
            lines += ["", f"*Note.* {note}"]
        fig = Path(c["figure"])
        rel = os.path.relpath(fig.resolve(), report_dir.resolve()) if fig.exists() else c["figure"]
        lines += ["", f"![{c['id']}]({rel})"]
    return "\n".join(lines) + "\n"
