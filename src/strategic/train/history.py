"""Training curves: what a module logs with `self.log`/`self.log_dict` goes, per run, to MLflow
(`ctx.tracker.log_history`, batched) and to `ctx.out / "history.csv"` (DESIGN §5, §8).

History step: the global training-step index (0-based) for values logged on a step; the
epoch index (0-based) for values logged at an epoch's end (`on_epoch=True`, or `self.log` in
`on_train_epoch_end`). Both continue across a resume.

Member routing (seeds trained as one batched model): a metric named `<name>@<k>` is member
k's value and goes to `ctxs[k]`'s run as `<name>`; a name without `@` goes to every run.
`members(name, values)` builds such a dict. A fit's `tag` prefixes every name
(`<tag>/<name>`), so several fits in one run keep separate curves.

`history.csv` is long format, one row per point: `fit,unit,step,metric,value` (fit = the tag,
unit = 'step' or 'epoch', metric without the tag); `curve(ctx, tag, metric)` reads one back.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any, Sequence

from lightning.pytorch.loggers import Logger

SEP = "@"
CSV_NAME = "history.csv"
FIELDS = ["fit", "unit", "step", "metric", "value"]


def members(name: str, values) -> dict[str, float]:
    """`{f"{name}@{k}": values[k]}`: one value per member, routed to member k's run."""
    return {f"{name}{SEP}{k}": float(v) for k, v in enumerate(values)}


class Clock:
    """Where a fit is: `step` (training steps done), `epoch`, `batch` (batches done in this
    epoch); `unit` ('step' or 'epoch') is what the fit's length counts."""

    def __init__(self, unit: str):
        self.unit, self.step, self.epoch, self.batch = unit, 0, 0, 0
        self.current = 0          # index of the step that ran last (its logged values' step)
        self.epoch_end = False    # inside an epoch's end: values belong to the epoch

    def point(self) -> tuple[str, int]:
        """(unit, index) of a value logged now."""
        return ("epoch", self.epoch) if self.epoch_end else ("step", self.current)


class History(Logger):
    """Lightning logger writing each run's curves to MLflow and to its `history.csv`.

    Args:
        ctxs: the runs (one per member when seeds train as one batched model).
        tag: the fit's name inside the run ('' for a run's only fit).
        clock: gives the step of every logged point.
        flush_every: buffered points (all runs) that trigger a flush.
    """

    def __init__(self, ctxs: Sequence[Any], tag: str, clock: Clock, flush_every: int = 2000):
        super().__init__()
        self.ctxs, self.tag, self.clock, self.flush_every = list(ctxs), tag, clock, flush_every
        self._buf: list[list[tuple[str, str, int, float]]] = [[] for _ in self.ctxs]
        self._logged: list[dict[str, set[int]] | None] = [None] * len(self.ctxs)

    @property
    def name(self) -> str:
        return "strategic"

    @property
    def version(self) -> str:
        return self.tag or "fit"

    def log_hyperparams(self, params, *args, **kwargs) -> None:
        pass  # the runner logs each run's config as MLflow params

    def log_metrics(self, metrics: dict[str, float], step: int | None = None) -> None:
        unit, s = self.clock.point()
        for key, value in metrics.items():
            if key == "epoch" or not math.isfinite(float(value)):
                continue
            base, _, member = key.partition(SEP)
            for i in ([int(member)] if member else range(len(self.ctxs))):
                self._buf[i].append((base, unit, s, float(value)))
        if sum(map(len, self._buf)) >= self.flush_every:
            self.flush()

    def finalize(self, status: str) -> None:
        self.flush()

    def start(self) -> None:
        """Drop this fit's CSV rows from the clock's position on (all of them on a fresh
        start): the fit writes them again."""
        first = {"step": self.clock.step, "epoch": self.clock.epoch}
        for ctx in self.ctxs:
            _drop_rows(ctx.out / CSV_NAME, self.tag, first)

    def flush(self) -> None:
        """Send the buffered points: batched to MLflow (points a resumed run already holds are
        skipped) and appended to each run's CSV."""
        for i, ctx in enumerate(self.ctxs):
            pts, self._buf[i] = self._buf[i], []
            if not pts:
                continue
            _append_rows(ctx.out / CSV_NAME, [(self.tag, u, s, n, v) for n, u, s, v in pts])
            series: dict[str, list[tuple[int, float]]] = {}
            for name, _, s, v in self._new_points(i, pts):
                series.setdefault(self.mlflow_name(name), []).append((s, v))
            ctx.tracker.log_history(series)

    def mlflow_name(self, name: str) -> str:
        return f"{self.tag}/{name}" if self.tag else name

    def _new_points(self, i: int, pts: list) -> list:
        """On a resumed MLflow run, drop (metric, step) points it already holds."""
        tracker = self.ctxs[i].tracker
        if not getattr(tracker, "resumed", False):
            return pts
        seen = self._logged[i] = self._logged[i] or {}
        for name in {p[0] for p in pts} - set(seen):
            seen[name] = {m.step for m in tracker.metric_history(self.mlflow_name(name))}
        keep = [p for p in pts if p[2] not in seen[p[0]]]
        for p in keep:
            seen[p[0]].add(p[2])
        return keep


def curve(ctx, tag: str, metric: str) -> list[float]:
    """The values fit `tag` logged as `metric` in run `ctx`, in step order (from history.csv,
    so a resumed fit's curve includes the points from before the preemption)."""
    with (ctx.out / CSV_NAME).open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["fit"] == tag and r["metric"] == metric]
    return [float(r["value"]) for r in sorted(rows, key=lambda r: int(r["step"]))]


def _append_rows(path: Path, rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.is_file()
    with path.open("a", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(FIELDS)
        w.writerows(rows)


def _drop_rows(path: Path, tag: str, first: dict[str, int]) -> None:
    """Remove rows of fit `tag` at or after `first[unit]`."""
    if not path.is_file():
        return
    with path.open(newline="") as f:
        rows = list(csv.DictReader(f))
    keep = [r for r in rows if r["fit"] != tag or int(r["step"]) < first[r["unit"]]]
    if len(keep) < len(rows):
        with path.open("w", newline="") as f:
            w = csv.DictWriter(f, FIELDS)
            w.writeheader()
            w.writerows(keep)
