"""Checkpoint files of `strategic.train.fit`: what a fit needs to continue exactly where it
stopped, stored as tensors and primitive containers only (loads with `weights_only=True`).

Contents: `format`, `key` (the fit's identity: config, seeds, tag, module class and parameter
shapes), `step`, `epoch`, `batch` (batches done in that epoch), `finished`, `module` (state
dict), `extra` (what the module's `on_save_checkpoint(extra)` put there, e.g. the pricing
sessions' arrays), `optimizers`, `schedulers`, `rng` (torch's global RNG after the last
batch), `epoch_rng` and `epoch_gens` (the global RNG and the loader's generators at the start
of the current epoch, so its data order replays).

Written atomically (temporary file, then rename). A file that does not load, or that holds
another fit (other config, seed, tag or network), is DISCARDED with a `StaleCheckpoint`
warning naming the file, and the fit restarts cleanly: a checkpoint is a cache of a
deterministic computation, never an input, so a stale one must not stop a workflow.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import torch

from strategic.safeio import replacing

FORMAT = "strategic.train/1"


class StaleCheckpoint(UserWarning):
    """A checkpoint was unreadable or belonged to another fit and was removed."""


def save(path: Path, ckpt: dict[str, Any]) -> None:
    """`torch.save` under a temporary name, then move into place (never half-written)."""
    with replacing(path) as tmp:
        torch.save({"format": FORMAT, **ckpt}, tmp)


def load(path: Path, key: str) -> dict[str, Any] | None:
    """The checkpoint at `path` if it is this fit's (same `key`); None if there is none.
    An unreadable or foreign file is removed with a `StaleCheckpoint` warning."""
    if not path.is_file():
        return None
    try:
        ckpt = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # truncated or corrupt: any unpickling/zip error
        return _discard(path, f"unreadable ({type(e).__name__})")
    if not isinstance(ckpt, dict) or ckpt.get("format") != FORMAT:
        return _discard(path, "not a strategic.train checkpoint")
    if ckpt.get("key") != key:
        return _discard(path, "written by another config, seed or network")
    return ckpt


def _discard(path: Path, why: str) -> None:
    warnings.warn(f"discarding checkpoint {path}: {why}; training restarts from scratch",
                  StaleCheckpoint, stacklevel=3)
    path.unlink(missing_ok=True)
    return None


def capture(trainer, module, clock, loader, finished: bool) -> dict[str, Any]:
    """Everything needed to continue `module`'s fit after the batches done so far."""
    extra: dict[str, Any] = {}
    module.on_save_checkpoint(extra)
    return {"step": clock.step, "epoch": clock.epoch, "batch": clock.batch,
            "finished": bool(finished),
            "module": {k: v.detach().cpu() for k, v in module.state_dict().items()},
            "extra": extra,
            "optimizers": [o.state_dict() for o in trainer.optimizers],
            "schedulers": [c.scheduler.state_dict() for c in trainer.lr_scheduler_configs],
            "rng": torch.get_rng_state(), **loader.epoch_state()}


def restore_module(module, ckpt: dict[str, Any]) -> None:
    """Parameters, buffers and the module's own state (`on_load_checkpoint(extra)`)."""
    module.load_state_dict(ckpt["module"])
    module.on_load_checkpoint(ckpt["extra"])


def restore_optimizers(trainer, ckpt: dict[str, Any]) -> None:
    """Optimiser and scheduler states (call once the Trainer has built them)."""
    for opt, state in zip(trainer.optimizers, ckpt["optimizers"]):
        opt.load_state_dict(state)
    for cfg, state in zip(trainer.lr_scheduler_configs, ckpt["schedulers"]):
        cfg.scheduler.load_state_dict(state)
