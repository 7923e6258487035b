"""`run_mlp` (variant `mlp`): "local minima are good enough": MLPs on 8×8 digits, every seed
trained at once as one ensemble (`digits.py`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import torch

from strategic.callbacks import EpochProgress
from strategic.contracts import RunContext
from strategic.games import names as N
from strategic.games.config import GamesMLP


def run_mlp(cfg: GamesMLP, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """A1: SGD on MLPs (64→h→h→10) over 8×8 digits, all seeds at once as an ensemble.

    A seed fixes a member's initialisation and its data order; the split is fixed.
    """
    import lightning as L
    from strategic.games import digits

    seeds = [c.seed for c in ctxs]
    data = digits.load_digits_split(cfg.test_fraction)
    net = digits.EnsembleMLP(seeds, 64, cfg.hidden, 10)
    loader = torch.utils.data.DataLoader(
        digits.SeedBatches(data["x_train"], data["y_train"], seeds, cfg.batch_size), batch_size=None)
    history = digits.MemberHistory(data["x_train"], data["y_train"])
    # logger=False: one fit trains every seed, so each seed's curve is logged to its own
    # MLflow run below (one run per seed) rather than through a single Lightning logger.
    trainer = L.Trainer(max_epochs=cfg.epochs, accelerator=ctxs[0].accelerator, devices=1,
                        logger=False, callbacks=[history, EpochProgress("games.mlp", cfg.epochs)],
                        enable_checkpointing=False, enable_progress_bar=False,
                        enable_model_summary=False)
    trainer.fit(digits.EnsembleClassifier(net, cfg.lr, cfg.momentum), loader)
    train_loss, train_acc = digits.evaluate(net, data["x_train"], data["y_train"])
    _, test_acc = digits.evaluate(net, data["x_test"], data["y_test"])
    curves = np.array(history.losses)  # [epochs, S]
    results = []
    for k, ctx in enumerate(ctxs):
        epochs = np.arange(1, len(curves) + 1)
        pd.DataFrame({"epoch": epochs, "loss": curves[:, k]}).to_csv(ctx.out / f"{N.T_MLP_LOSS}.csv", index=False)
        ctx.tracker.log_history({"train/loss": list(zip(epochs.tolist(), curves[:, k].tolist()))})
        results.append({N.MLP_TRAIN_LOSS: float(train_loss[k]), N.MLP_TRAIN_ACC: float(train_acc[k]),
                        N.MLP_TEST_ACC: float(test_acc[k]), N.MLP_EPOCHS: float(cfg.epochs)})
    return results


run_mlp.all_seeds = True  # the CLI passes every seed's context in one call
