"""`strategic.train`: the project's one Lightning loop, its progress lines, training curves and
preemption-safe checkpoints (DESIGN §5). Studies keep only their LightningModules' step logic.

    fit(module, ctx, *, steps=None, epochs=None, loader=None, tag="", metric="train/loss",
        key=None, ckpt_every=0, progress_every=None, generators=None, precision=None) -> module
    members(name, values) -> {"name@k": v_k}   per-member metrics of a batched (ensemble) model
    curve(ctx, tag, metric) -> [values]   a fit's logged curve, read back from history.csv
    Preempted(SystemExit)   raised by fit after SIGTERM wrote the checkpoint; exit status 143
    StaleCheckpoint(UserWarning)   a foreign or unreadable checkpoint was discarded

Loop. `steps=N` runs N training steps: without a loader each `training_step(batch, ...)` gets
`batch` = the global step index (use it, not `batch_idx`, which restarts after a resume); with
a loader, N batches cycling through it. `epochs=E` runs E passes over `loader`. Manual
optimisation (game dynamics, pricing sessions; a module may stop early with
`self.trainer.should_stop = True`) and automatic optimisation both work. The accelerator is
`ctx.accelerator`; no progress bar, no model summary, no Lightning checkpointing.

Curves. Modules log only with `self.log`/`self.log_dict` (`train/...`, `val/...`, on_step in
steps mode, on_epoch or from `on_train_epoch_end` in epochs mode). The `History` logger writes
each run's points to MLflow (`ctx.tracker.log_history`, batched) and to
`ctx.out / "history.csv"` (`fit,unit,step,metric,value`); `tag` prefixes names
(`<tag>/train/loss`) so several fits of one run keep separate curves. Step = the global step
index for values logged on a step, the epoch index for values logged at an epoch's end.

Batched seeds. Pass `ctx` as the list of every seed's context (in the model's member order):
a metric logged as `name@k` (build them with `members`) goes to `ctx[k]`'s run as `name`;
one without `@` goes to every run. The checkpoint lives in `ctx[0].out / "ckpt"`.

Checkpoints. `<ctx.out>/ckpt/<tag or 'fit'>.ckpt` every `ckpt_every` steps and on SIGTERM
(the signal sets a flag; the step in progress finishes, the state between steps is saved,
`Preempted` exits the job with 143). A re-run of `fit` with the same `key`, seeds, tag and
network resumes exactly (module, optimisers, schedulers, torch's global RNG, the loader's
generators and position, `on_save_checkpoint` extras) and removes the file on completion. A
foreign or truncated file is discarded with a `StaleCheckpoint` warning (see `checkpoint`).
The runner reopens the seed's MLflow run (run id kept in `<out>/ckpt/mlflow_run.json`).

Process. A fit freezes Python's GC for its duration, and the runner makes glibc malloc keep
freed memory (`process`): on the unrolled ring GAN step both together measured ×1.11 to ×1.35
(`benchmarks/gans_speed.py`, item 4; this VM's speed drifts between runs).
"""

from strategic.train.checkpoint import StaleCheckpoint
from strategic.train.loop import Preempted, fit
from strategic.train.history import curve, members

__all__ = ["fit", "members", "curve", "Preempted", "StaleCheckpoint"]
