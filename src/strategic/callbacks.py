"""Lightning callbacks shared by the studies."""

from __future__ import annotations

import sys

import lightning as L


class EpochProgress(L.Callback):
    """One line every ~10 % of the epochs (workflow jobs run without a progress bar)."""

    def __init__(self, name: str, epochs: int, metric: str = "train/mean_loss"):
        self.name, self.epochs, self.metric = name, epochs, metric

    def on_train_epoch_end(self, trainer, pl_module):
        e = trainer.current_epoch + 1
        if e % max(1, self.epochs // 10) == 0 or e == self.epochs:
            value = float(trainer.callback_metrics.get(self.metric, float("nan")))
            print(f"  {self.name}: epoch {e}/{self.epochs} {self.metric} {value:.2e}",
                  file=sys.stderr, flush=True)
