"""The robustness study's training regimes: what each step trains on, the attack generator's
state kept in the checkpoint extras (exact resume), and the networks' shapes."""

import pytest
import torch

from strategic.robustness import models as M


def _batch(n=16, side=8):
    g = torch.Generator().manual_seed(0)
    return torch.rand(n, 1, side, side, generator=g), torch.randint(0, 10, (n,), generator=g)


@pytest.mark.parametrize("arch, shape", [("mlp", (1, 8, 8)), ("cnn", (1, 28, 28)), ("cnn", (3, 32, 32))])
def test_nets_and_seeded_init(arch, shape):
    a, b = M.make_net(arch, shape, 32, 10, 3), M.make_net(arch, shape, 32, 10, 3)
    assert a(torch.zeros(2, *shape)).shape == (2, 10)
    assert all(torch.equal(p, q) for p, q in zip(a.parameters(), b.parameters()))
    with pytest.raises(ValueError, match="unknown architecture"):
        M.make_net("resnet", shape, 32, 10, 0)


def test_training_inputs():
    x, y = _batch()
    net = M.make_net("mlp", (1, 8, 8), 32, 10, 0)
    assert torch.equal(M.Classifier(net, 1e-3).inputs(x, y), x)
    adv = M.PGDTraining(net, 1e-3, 0.2, 0.07, 7, torch.Generator().manual_seed(0)).inputs(x, y)
    assert (adv - x).abs().max() <= 0.2 + 1e-6 and not torch.equal(adv, x)
    xc, _ = _batch(side=28)
    canvas_net = M.make_net("mlp", (1, 28, 28), 32, 10, 0)
    wk = M.WorstOfKTraining(canvas_net, 1e-3, 4, 30.0, 3.0, torch.Generator().manual_seed(0))
    assert wk.inputs(xc, y).shape == xc.shape


def test_attack_generator_round_trips_through_checkpoint_extras():
    net = M.make_net("mlp", (1, 8, 8), 8, 10, 0)
    mod = M.PGDTraining(net, 1e-3, 0.2, 0.07, 7, torch.Generator().manual_seed(5))
    torch.rand(3, generator=mod.gen)
    extra = {}
    mod.on_save_checkpoint(extra)
    want = torch.rand(4, generator=mod.gen)
    mod.on_load_checkpoint(extra)
    assert torch.equal(torch.rand(4, generator=mod.gen), want)


def test_batches_cover_the_data_once_per_epoch():
    x, y = torch.arange(10.0).view(10, 1), torch.arange(10)
    b = M.Batches(x, y, 4, torch.Generator().manual_seed(0))
    assert len(b) == 3
    got = torch.cat([yy for _, yy in b])
    assert sorted(got.tolist()) == list(range(10))


@pytest.mark.parametrize("n, shape", [(64, (8, 8)), (784, (28, 28)), (3072, (32, 32, 3))])
def test_figure_images_from_pixel_columns(n, shape):
    """The figures rebuild digits, MNIST and CIFAR-10 images from their p0.. table columns."""
    from strategic.robustness.figures import _pixels
    row = {"label": 1, "pred": 2, "p10": 0.0, **{f"p{j}": j / n for j in range(n)}}
    img = _pixels(row)
    assert img.shape == shape and img.flat[0] == 0.0
