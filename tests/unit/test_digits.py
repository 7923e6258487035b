"""MLP ensemble on 8×8 digits (strategic.games.digits, claim A1): the ensemble is S
independent networks, its data order is per member, and the split is stratified."""

import lightning as L
import numpy as np
import pytest
import torch
from torch import nn

from strategic.games import digits


def _sequential_copy(net: digits.EnsembleMLP, k: int) -> nn.Sequential:
    """Member k as an ordinary nn.Sequential (weights [S, in, out] transposed into Linear)."""
    layers = []
    for i, (w, b) in enumerate(zip(net.weights, net.biases)):
        lin = nn.Linear(w.shape[1], w.shape[2])
        with torch.no_grad():
            lin.weight.copy_(w[k].T)
            lin.bias.copy_(b[k, 0])
        layers.append(lin)
        if i < len(net.weights) - 1:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def test_member_forward_equals_sequential_mlp():
    """Each member's logits equal an nn.Sequential 64→h→h→10 ReLU MLP with its weights."""
    net = digits.EnsembleMLP([0, 1, 2], 64, 16, 10)
    x = torch.rand(3, 9, 64, generator=torch.Generator().manual_seed(0))
    out = net(x)
    assert out.shape == (3, 9, 10)
    for k in range(3):
        torch.testing.assert_close(out[k], _sequential_copy(net, k)(x[k]), rtol=1e-5, atol=1e-6)


def test_init_is_per_seed_and_bounded():
    """Member s's init depends only on its seed (same in any ensemble), lies in
    [−1/√fan_in, 1/√fan_in], and different seeds differ."""
    both, alone = digits.EnsembleMLP([3, 5], 64, 16, 10), digits.EnsembleMLP([3], 64, 16, 10)
    for pb, pa in zip(both.parameters(), alone.parameters()):
        assert torch.equal(pb[0], pa[0])
        assert not torch.equal(pb[0], pb[1])
    for w, b in zip(both.weights, both.biases):
        bound = w.shape[1] ** -0.5
        assert w.abs().max() <= bound and b.abs().max() <= bound


def _train(seeds, batches, lr=0.2, momentum=0.9):
    net = digits.EnsembleMLP(seeds, 64, 16, 10)
    trainer = L.Trainer(max_epochs=1, accelerator="cpu", devices=1, logger=False,
                        enable_checkpointing=False, enable_progress_bar=False,
                        enable_model_summary=False)
    loader = torch.utils.data.DataLoader(batches, batch_size=None)
    trainer.fit(digits.EnsembleClassifier(net, lr, momentum), loader)
    return net


def test_ensemble_training_is_separable():
    """Training seeds [3, 5] with SGD-momentum for 6 steps gives member 0 exactly the
    parameters of seed [3] trained alone on the same batches (the members share nothing)."""
    gen = torch.Generator().manual_seed(1)
    batches_both, batches_alone = [], []
    for _ in range(6):
        x = torch.rand(2, 12, 64, generator=gen)
        y = torch.randint(0, 10, (2, 12), generator=gen)
        batches_both.append((x, y))
        batches_alone.append((x[:1].clone(), y[:1].clone()))
    both, alone = _train([3, 5], batches_both), _train([3], batches_alone)
    init = digits.EnsembleMLP([3], 64, 16, 10)
    for pb, pa, p0 in zip(both.parameters(), alone.parameters(), init.parameters()):
        assert not torch.equal(pa[0], p0[0])  # training moved the parameters
        torch.testing.assert_close(pb[0], pa[0], rtol=0, atol=0)


def test_member_losses_are_per_member_means():
    """member_losses is each member's mean cross-entropy over its own batch."""
    gen = torch.Generator().manual_seed(2)
    logits = torch.randn(3, 7, 10, generator=gen)
    y = torch.randint(0, 10, (3, 7), generator=gen)
    want = torch.stack([nn.functional.cross_entropy(logits[k], y[k]) for k in range(3)])
    torch.testing.assert_close(digits.member_losses(logits, y), want, rtol=1e-6, atol=0)


def test_seed_batches_cover_every_index_once_per_epoch():
    """SeedBatches yields [S, B, 64] / [S, B] with consistent (x, y) rows; per member every
    training index appears exactly once per epoch; members and epochs are shuffled differently."""
    n, bs, seeds = 50, 16, [0, 7]
    x = torch.arange(n, dtype=torch.float32)[:, None].repeat(1, 64)  # row i encodes index i
    y = torch.arange(n) % 10
    ds = digits.SeedBatches(x, y, seeds, bs)
    assert len(ds) == 4
    epochs = []
    for _ in range(2):
        batches = list(ds)
        assert len(batches) == len(ds)
        for k, (xb, yb) in enumerate(batches):
            b = bs if k < len(batches) - 1 else n - bs * (len(batches) - 1)
            assert xb.shape == (2, b, 64) and yb.shape == (2, b)
            assert torch.equal(yb, xb[..., 0].long() % 10)
        idx = torch.cat([xb[..., 0].long() for xb, _ in batches], dim=1)  # [S, n]
        for s in range(len(seeds)):
            assert torch.equal(idx[s].sort().values, torch.arange(n))
        assert not torch.equal(idx[0], idx[1])
        epochs.append(idx)
    assert not torch.equal(epochs[0], epochs[1])
    again = torch.cat([xb[..., 0].long() for xb, _ in digits.SeedBatches(x, y, seeds, bs)], 1)
    assert torch.equal(again, epochs[0])  # seeded: a fresh dataset replays epoch 1


def _sorted_rows(a: np.ndarray) -> np.ndarray:
    return a[np.lexsort(a.T[::-1])]


def test_load_digits_split_stratified_deterministic_partition():
    """The split is a partition of the 1797 digits scaled to [0, 1], stratified (each class's
    test count within 1 of its share), identical across calls and changed by split_seed."""
    from sklearn.datasets import load_digits

    d1, d2 = digits.load_digits_split(0.25), digits.load_digits_split(0.25)
    for k in d1:
        assert torch.equal(d1[k], d2[k])
    x_all, y_all = load_digits(return_X_y=True)
    n_tr, n_te = len(d1["y_train"]), len(d1["y_test"])
    assert n_tr + n_te == len(y_all) and n_te == int(np.ceil(0.25 * len(y_all)))
    assert d1["x_train"].dtype == torch.float32 and d1["y_train"].dtype == torch.long
    assert float(d1["x_train"].min()) == 0.0 and float(d1["x_train"].max()) == 1.0
    joined = torch.cat([d1["x_train"], d1["x_test"]]).numpy().astype(np.float64)
    np.testing.assert_array_equal(_sorted_rows(joined), _sorted_rows(x_all / 16.0))
    counts_all = np.bincount(y_all, minlength=10)
    counts_te = np.bincount(d1["y_test"].numpy(), minlength=10)
    assert np.all(np.abs(counts_te - 0.25 * counts_all) <= 1.0)
    other = digits.load_digits_split(0.25, split_seed=1)
    assert not torch.equal(other["y_test"], d1["y_test"])


@torch.no_grad()
def test_evaluate_matches_direct_computation():
    """evaluate returns each member's full-data mean cross-entropy and accuracy."""
    gen = torch.Generator().manual_seed(3)
    net = digits.EnsembleMLP([0, 1], 64, 8, 10)
    x, y = torch.rand(30, 64, generator=gen), torch.randint(0, 10, (30,), generator=gen)
    loss, acc = digits.evaluate(net, x, y)
    assert loss.shape == acc.shape == (2,)
    for k in range(2):
        logits = _sequential_copy(net, k)(x)
        assert loss[k] == pytest.approx(float(nn.functional.cross_entropy(logits, y)), rel=1e-5)
        assert acc[k] == pytest.approx(float((logits.argmax(-1) == y).float().mean()), abs=1e-7)
