"""Start-up share of a finished workflow run: how much of the jobs' CPU time went into
starting Python and importing libraries rather than into work.

Reads Snakemake's benchmark files (`<results>/benchmarks/**/*.tsv`: each job's CPU time,
process tree included) and the run jobs' own timers (`<results>/<study>/jobs/<job>.json`:
`startup_cpu_s`, the CPU-s the process had used when its work began — interpreter and
imports —, and `work_cpu_s`). Jobs without a timer (aggregation, figures, checks, the
report, the store set-up) are measured here: their start-up is the CPU-s of a process that
only imports what their command imports (the project modules and every library those name),
timed in this process's children.

    /usr/bin/time -f "%U %S" snakemake --cores 2      # the quick reproduction
    python benchmarks/startup_share.py results --total-cpu <user + sys>
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

# What each non-run job's command imports (see strategic/cli.py); {study} is the job's study.
IMPORTS = {
    "aggregate": ["strategic.report.tables"],
    "figures": ["strategic.report.figures", "strategic.{study}.figures"],
    "check_claims": ["strategic.report.claims", "strategic.{study}.claims"],
    "report": ["strategic.report.claims", "strategic.report.render"],
    "mlflow_init": ["strategic.tracking", "mlflow.tracking"],  # init_store imports it inside
}


def import_statement(modules: list[str]) -> str:
    """Python code importing `modules` (what the command imports before it works; the
    report-side commands import their libraries at module level)."""
    return "import " + ", ".join(["strategic.cli", *modules])


def import_cpu(statement: str, repeats: int = 3) -> float:
    """Median CPU-s (user + sys, children) of `python -c <statement>`."""
    import resource
    out = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", statement], check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return sorted(out)[len(out) // 2]


def job_rows(res: Path) -> list[dict]:
    """One row per job: rule kind, name, CPU-s (benchmark) and, for run jobs, their timers."""
    rows = []
    for tsv in sorted((res / "benchmarks").rglob("*.tsv")):
        rec = next(csv.DictReader(tsv.open(), delimiter="\t"))
        study, job = tsv.parent.name, tsv.stem
        timer = res / study / "jobs" / f"{job}.json"
        row = {"job": f"{study}/{job}", "cpu_s": float(rec["cpu_time"]), "wall_s": float(rec["s"])}
        if timer.is_file():  # the job's own process timers are exact; Snakemake samples
            t = json.loads(timer.read_text())
            row.update(kind="run_job", startup_s=t["startup_cpu_s"], work_s=t["work_cpu_s"],
                       cpu_s=max(row["cpu_s"], t["startup_cpu_s"] + t["work_cpu_s"]))
        rows.append(row)
    return rows


def main(res: Path, total_cpu: float | None = None) -> None:
    rows = job_rows(res)
    if not rows:
        sys.exit(f"error: no benchmark files under {res / 'benchmarks'} (run the workflow first)")
    cost: dict[str, float] = {}
    for r in rows:
        if "kind" not in r:
            study, name = r["job"].split("/")
            r["kind"] = name if name in IMPORTS else "other"
            mods = [m.format(study=study) for m in IMPORTS.get(r["kind"], [])]
            key = " ".join(mods)
            if key not in cost:
                cost[key] = import_cpu(import_statement(mods)) if mods else 0.0
            r["startup_s"] = cost[key]
    total = sum(r["cpu_s"] for r in rows)
    startup = sum(r["startup_s"] for r in rows)
    print(f"{'job':34} {'kind':12} {'cpu_s':>7} {'startup_s':>9} {'work_s':>7}")
    for r in sorted(rows, key=lambda r: -r["cpu_s"]):
        work = f"{r['work_s']:7.1f}" if "work_s" in r else "      -"
        print(f"{r['job']:34} {r['kind']:12} {r['cpu_s']:7.1f} {r['startup_s']:9.1f} {work}")
    print(f"\n{len(rows)} jobs: {total:.1f} CPU-s in all, start-up {startup:.1f} CPU-s "
          f"= {100 * startup / total:.1f} % of the jobs' CPU (bar: 15 %)")
    if total_cpu:
        print(f"whole run (Snakemake included): {total_cpu:.1f} CPU-s; start-up "
              f"= {100 * startup / total_cpu:.1f} %")


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results", nargs="?", default="results", help="a finished run's results folder")
    ap.add_argument("--total-cpu", type=float, help="the whole run's CPU-s (user + sys of "
                    "`/usr/bin/time snakemake ...`), to give the share of that too")
    a = ap.parse_args()
    main(Path(a.results), a.total_cpu)
