"""MNIST and CIFAR-10 for the paper profile: numpy readers of the published files (MNIST's
IDX gzip, CIFAR-10's python pickle batches) behind download functions (urllib only).

torchvision is not a dependency: the CPU torch here has no matching CPU torchvision wheel
(the index's 0.28.0 wheel bundles CUDA libraries), and the two formats take a few lines.
Images come back as float32 [N, C, H, W] in [0, 1], labels as int64 [N].
"""

from __future__ import annotations

import gzip
import os
import pickle
import shutil
import tarfile
import urllib.request
from pathlib import Path

import numpy as np
import torch
from torch import Tensor

MNIST_URL = "https://ossci-datasets.s3.amazonaws.com/mnist/"
MNIST_FILES = {"train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
               "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")}
CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
CIFAR_DIR = "cifar-10-batches-py"
CIFAR_BATCHES = {"train": [f"data_batch_{i}" for i in range(1, 6)], "test": ["test_batch"]}


def read_idx(path: Path) -> np.ndarray:
    """An IDX file (gzip or plain): magic 0x0000 | dtype 0x08 (ubyte) | ndim, then big-endian
    int32 dimensions, then the data (LeCun et al.'s MNIST format)."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    if raw[:2] != b"\0\0" or raw[2] != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    ndim = raw[3]
    dims = np.frombuffer(raw, ">i4", count=ndim, offset=4)
    data = np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} bytes of data for dimensions {dims.tolist()}")
    return data.reshape(dims)


def read_mnist(root: Path, split: str) -> tuple[Tensor, Tensor]:
    """MNIST `split` ('train' | 'test') from the IDX files in `root` -> x [N, 1, 28, 28], y [N]."""
    images, labels = (read_idx(Path(root) / f) for f in MNIST_FILES[split])
    x = torch.as_tensor(images.astype(np.float32) / 255.0).unsqueeze(1)
    return x, torch.as_tensor(labels.astype(np.int64))


def read_cifar10(root: Path, split: str) -> tuple[Tensor, Tensor]:
    """CIFAR-10 `split` from the python pickle batches in `root/cifar-10-batches-py`
    (each a dict with b'data' [n, 3072] uint8, channel-major, and b'labels') -> x [N, 3, 32, 32]."""
    xs, ys = [], []
    for name in CIFAR_BATCHES[split]:
        with open(Path(root) / CIFAR_DIR / name, "rb") as f:
            batch = pickle.load(f, encoding="bytes")
        xs.append(np.asarray(batch[b"data"], dtype=np.uint8).reshape(-1, 3, 32, 32))
        ys.append(np.asarray(batch[b"labels"], dtype=np.int64))
    x = torch.as_tensor(np.concatenate(xs).astype(np.float32) / 255.0)
    return x, torch.as_tensor(np.concatenate(ys))


def _fetch(url: str, dest: Path) -> Path:
    """Download `url` to `dest` once (temporary name, then rename)."""
    if not dest.is_file():
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_suffix(f"{dest.suffix}.{os.getpid()}.part")   # parallel jobs: own file
        urllib.request.urlretrieve(url, tmp)
        tmp.replace(dest)
    return dest


def download_mnist(root: Path, base_url: str = MNIST_URL) -> Path:
    """The four MNIST IDX files into `root` (skipped when present)."""
    for files in MNIST_FILES.values():
        for f in files:
            _fetch(base_url + f, Path(root) / f)
    return Path(root)


def download_cifar10(root: Path, url: str = CIFAR_URL) -> Path:
    """CIFAR-10's python archive into `root`, extracted (skipped when present)."""
    root = Path(root)
    if not (root / CIFAR_DIR / "test_batch").is_file():
        archive = _fetch(url, root / "cifar-10-python.tar.gz")
        tmp = root / f"extract.{os.getpid()}"
        with tarfile.open(archive) as tar:
            tar.extractall(tmp, filter="data")
        (tmp / CIFAR_DIR).replace(root / CIFAR_DIR) if not (root / CIFAR_DIR).exists() else None
        shutil.rmtree(tmp, ignore_errors=True)
    return root


def load(name: str, root: Path) -> dict[str, Tensor]:
    """'mnist' or 'cifar10', downloaded into `root` if missing -> x_train, y_train, x_test, y_test."""
    readers = {"mnist": (download_mnist, read_mnist), "cifar10": (download_cifar10, read_cifar10)}
    download, read = readers[name]
    download(root)
    (x_tr, y_tr), (x_te, y_te) = read(root, "train"), read(root, "test")
    return {"x_train": x_tr, "y_train": y_tr, "x_test": x_te, "y_test": y_te}
