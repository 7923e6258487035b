"""What both variants share: the data, the device, one training call through
`strategic.train.fit`, the model's state dict as a checkpoint and MLflow artifact."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import torch
from torch import Tensor, nn

from strategic import train
from strategic.contracts import RunContext
from strategic.data import digits
from strategic.robustness import models

TEST_FRACTION = 0.25   # CLAIMS F: stratified 75/25 split of the 8×8 digits


def load_data(dataset: str, data_dir: str, canvas: bool = False) -> dict[str, Tensor]:
    """x_train, y_train, x_test, y_test as [N, C, H, W] in [0, 1]. digits: 8×8 images, or the
    16×16 digit on the 28×28 canvas when `canvas`; mnist / cifar10 downloaded to `data_dir`."""
    if dataset != "digits":
        from strategic.data import vision
        return vision.load(dataset, Path(data_dir) / dataset)
    d = digits.load_digits_split(TEST_FRACTION)
    shape = (lambda x: digits.to_canvas(x)) if canvas else (lambda x: x.reshape(-1, 1, 8, 8))
    return {k: shape(v) if k.startswith("x") else v for k, v in d.items()}


def device_of(ctx: RunContext) -> torch.device:
    """Where the attacks run: the GPU when the job trains on one, else the CPU."""
    gpu = ctx.accelerator in ("gpu", "cuda", "auto") and torch.cuda.is_available()
    return torch.device("cuda" if gpu else "cpu")


def train_model(module_cls, cfg, ctx: RunContext, tag: str, data: dict, epochs: int,
                **kw) -> nn.Module:
    """Build the network, train it with `module_cls(net, lr, **kw, generator=...)` for
    `epochs` epochs through `strategic.train.fit` (curves, checkpoints); save the state dict
    to `<out>/models/<tag>.pt` (loads with weights_only=True) and log it as an artifact of
    the seed's MLflow run. Every model of a seed starts from the same initialisation
    (paired comparisons). Returns the network in eval mode on the run's device."""
    x, y = data["x_train"], data["y_train"]
    net = models.make_net(cfg.arch, tuple(x.shape[1:]), cfg.hidden, int(y.max()) + 1, ctx.seed)
    data_gen = torch.Generator().manual_seed(ctx.seed)
    module = module_cls(net, cfg.lr, **kw)
    loader = torch.utils.data.DataLoader(models.Batches(x, y, cfg.batch_size, data_gen),
                                         batch_size=None)
    train.fit(module, ctx, epochs=epochs, loader=loader, tag=tag, key=asdict(cfg),
              generators=[data_gen])
    path = ctx.out / "models" / f"{tag}.pt"
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({k: v.detach().cpu() for k, v in net.state_dict().items()}, path)
    ctx.tracker.log_artifact(path)
    return net.to(device_of(ctx)).eval()


def load_model(path: Path, arch: str, shape: tuple[int, ...], hidden: int, classes: int) -> nn.Module:
    """A network saved by `train_model`, loaded with weights_only=True."""
    net = models.make_net(arch, shape, hidden, classes, 0)
    net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return net.eval()
