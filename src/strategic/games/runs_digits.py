"""`run_mlp` (variant `mlp`): "local minima are good enough": MLPs on 8×8 digits, every seed
trained at once as one ensemble (`digits.py`)."""

from __future__ import annotations

import torch

from strategic.contracts import RunContext
from strategic.games import names as N
from strategic.games.config import GamesMLP


def run_mlp(cfg: GamesMLP, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """SGD on MLPs (64→h→h→10) over 8×8 digits, all seeds at once as an ensemble.

    A seed fixes a member's initialisation and its data order; the split is fixed. Each
    member's training-split loss after every epoch goes to its own run's history
    (`strategic.train`: MLflow and `history.csv`, metric `train/loss`).
    """
    from strategic.games import digits
    from strategic.train import fit

    seeds = [c.seed for c in ctxs]
    data = digits.load_digits_split(cfg.test_fraction)
    net = digits.EnsembleMLP(seeds, 64, cfg.hidden, 10)
    loader = torch.utils.data.DataLoader(
        digits.SeedBatches(data["x_train"], data["y_train"], seeds, cfg.batch_size), batch_size=None)
    module = digits.EnsembleClassifier(net, cfg.lr, cfg.momentum, data["x_train"], data["y_train"])
    fit(module, ctxs, epochs=cfg.epochs, loader=loader, metric="train/mean_loss", key=vars(cfg))
    train_loss, train_acc = digits.evaluate(net, data["x_train"], data["y_train"])
    _, test_acc = digits.evaluate(net, data["x_test"], data["y_test"])
    return [{N.MLP_TRAIN_LOSS: float(train_loss[k]), N.MLP_TRAIN_ACC: float(train_acc[k]),
             N.MLP_TEST_ACC: float(test_acc[k]), N.MLP_EPOCHS: float(cfg.epochs)}
            for k in range(len(ctxs))]
