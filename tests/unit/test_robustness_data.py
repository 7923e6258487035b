"""Data of the robustness study: the MNIST IDX and CIFAR-10 pickle readers on small files the
test writes, the 28×28 canvas, the shared digits loader, and config errors before any job."""

import gzip
import pickle

import numpy as np
import pytest
import torch

from strategic.config import ConfigError, validate
from strategic.data import digits, vision


def _idx(path, arr: np.ndarray):
    head = bytes([0, 0, 0x08, arr.ndim]) + np.asarray(arr.shape, ">i4").tobytes()
    with gzip.open(path, "wb") as f:
        f.write(head + arr.astype(np.uint8).tobytes())


def test_mnist_reader(tmp_path):
    rng = np.random.default_rng(0)
    imgs = {s: rng.integers(0, 256, (n, 28, 28)) for s, n in (("train", 5), ("test", 3))}
    labels = {s: rng.integers(0, 10, len(v)) for s, v in imgs.items()}
    for s, (fi, fl) in vision.MNIST_FILES.items():
        _idx(tmp_path / fi, imgs[s])
        _idx(tmp_path / fl, labels[s])
    x, y = vision.read_mnist(tmp_path, "train")
    assert x.shape == (5, 1, 28, 28) and x.dtype == torch.float32 and y.dtype == torch.int64
    assert torch.allclose(x[:, 0] * 255, torch.as_tensor(imgs["train"], dtype=torch.float32))
    assert y.tolist() == labels["train"].tolist()
    d = vision.load("mnist", tmp_path)   # files present: no download
    assert d["x_test"].shape == (3, 1, 28, 28)
    (tmp_path / "bad.gz").write_bytes(gzip.compress(b"\x00\x00\x0d\x01\x00\x00\x00\x02ab"))
    with pytest.raises(ValueError, match="not an unsigned-byte IDX"):
        vision.read_idx(tmp_path / "bad.gz")


def test_cifar10_reader(tmp_path):
    rng = np.random.default_rng(1)
    folder = tmp_path / vision.CIFAR_DIR
    folder.mkdir()
    want = []
    for name in [*vision.CIFAR_BATCHES["train"], *vision.CIFAR_BATCHES["test"]]:
        data, labels = rng.integers(0, 256, (2, 3072), dtype=np.uint8), list(rng.integers(0, 10, 2))
        want.append((data, labels))
        with open(folder / name, "wb") as f:
            pickle.dump({b"data": data, b"labels": labels}, f)
    x, y = vision.read_cifar10(tmp_path, "train")
    assert x.shape == (10, 3, 32, 32) and y.shape == (10,)
    r, g, b = want[0][0][0].reshape(3, 1024)          # channel-major rows: R, G, B planes
    assert torch.allclose(x[0, 1].flatten() * 255, torch.as_tensor(g, dtype=torch.float32))
    assert vision.read_cifar10(tmp_path, "test")[1].tolist() == want[-1][1]


def test_canvas_and_shared_loader():
    from strategic.games import digits as games_digits
    assert games_digits.load_digits_split is digits.load_digits_split   # one loader
    d = digits.load_digits_split(0.25)
    assert len(d["y_test"]) == 450 and 0 <= d["x_train"].min() and d["x_train"].max() <= 1
    c = digits.to_canvas(d["x_test"][:4])
    assert c.shape == (4, 1, 28, 28) and c.min() >= 0 and c.max() <= 1
    assert c[..., :6, :].abs().sum() == 0 and c[..., 22:, :].abs().sum() == 0   # black border
    assert torch.allclose(c[..., 6:22, 6:22].mean((2, 3)) * 256 / 64,
                          d["x_test"][:4].mean(1, keepdim=True) * 4, atol=0.05)


@pytest.mark.parametrize("slice_, msg", [
    ({"pgd": {"eps": -0.1}}, "robustness.pgd.eps: must be >= 0"),
    ({"pgd": {"step": 0.5}}, "step 0.5 is larger than eps 0.2"),
    ({"pgd": {"attacks": ["pgd", "cw"]}}, "'cw' is not one of"),
    ({"spatial": {"transforms": ["rotate", "shear"]}}, "'shear' is not one of"),
])
def test_bad_config_is_one_line_error(slice_, msg):
    with pytest.raises(ConfigError, match=msg) as e:
        validate({"robustness": slice_})
    assert "\n" not in str(e.value)
