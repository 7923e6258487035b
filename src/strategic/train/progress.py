"""One progress line to stderr every ~10 % of a fit's steps or epochs (workflow jobs run
without a progress bar), showing the metric that matters for that fit."""

from __future__ import annotations

import math
import sys

import lightning as L

from strategic.train.history import SEP


class Progress(L.Callback):
    """`  <name>: <unit> i/total <metric> value` every `every` units and at the last one.

    Args:
        name: run name shown first (e.g. 'pricing.baseline seed 0').
        total: steps or epochs of the fit.
        clock: the fit's `Clock` (its unit and position, resume included).
        metric: a logged name; member metrics (`<metric>@k`) are shown as their mean.
        every: units between lines (default: total // 10).
    """

    def __init__(self, name: str, total: int, clock, metric: str, every: int | None = None):
        self.name, self.total, self.clock, self.metric = name, total, clock, metric
        self.every = max(1, every or total // 10)

    def on_train_batch_end(self, trainer, pl_module, outputs, batch, batch_idx):
        if self.clock.unit == "step":
            self._maybe_print(trainer, self.clock.step)

    def on_train_epoch_end(self, trainer, pl_module):
        if self.clock.unit == "epoch":
            self._maybe_print(trainer, self.clock.epoch + 1)

    def _maybe_print(self, trainer, done: int) -> None:
        if done % self.every and done < self.total and not trainer.should_stop:
            return
        print(f"  {self.name}: {self.clock.unit} {done}/{self.total} {self.metric} "
              f"{self.value(trainer.callback_metrics):.3e}", file=sys.stderr, flush=True)

    def value(self, metrics) -> float:
        if self.metric in metrics:
            return float(metrics[self.metric])
        vals = [float(v) for k, v in metrics.items() if k.partition(SEP)[0] == self.metric]
        return sum(vals) / len(vals) if vals else math.nan
