"""MNIST for the paper profile of E3 (Metz et al. §3.2): download the four gzip IDX files with
urllib (only when they are missing) and parse them with numpy.

IDX format (LeCun et al.): big-endian; magic = 0x00 0x00 <type> <ndim>, type 0x08 = uint8;
then ndim uint32 sizes; then the data, row-major. Images [N, 28, 28], labels [N].
torchvision is not a dependency: this reader is the whole of what its MNIST class does here.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

MIRROR = "https://ossci-datasets.s3.amazonaws.com/mnist/"   # torchvision's first mirror
FILES = {"train_images": "train-images-idx3-ubyte.gz", "train_labels": "train-labels-idx1-ubyte.gz",
         "test_images": "t10k-images-idx3-ubyte.gz", "test_labels": "t10k-labels-idx1-ubyte.gz"}


def read_idx(path: str | Path) -> np.ndarray:
    """An IDX file (gzip-compressed if its name ends in .gz) as a numpy array."""
    path = Path(path)
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as e:
            raise ValueError(f"{path}: not a gzip file ({e})") from None
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] != 0x08:
        raise ValueError(f"{path}: not a uint8 IDX file")
    ndim = raw[3]
    dims = np.frombuffer(raw, dtype=">u4", count=ndim, offset=4).astype(int)
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    if data.size != int(np.prod(dims)):
        raise ValueError(f"{path}: {data.size} values for shape {tuple(dims)}")
    return data.reshape(tuple(dims))


def write_idx(path: str | Path, array: np.ndarray) -> None:
    """Write a uint8 array as a gzip IDX file (tests build small files with it)."""
    a = np.ascontiguousarray(array, dtype=np.uint8)
    head = bytes([0, 0, 0x08, a.ndim]) + np.asarray(a.shape, dtype=">u4").tobytes()
    Path(path).write_bytes(gzip.compress(head + a.tobytes()))


def download(root: str | Path, mirror: str = MIRROR) -> Path:
    """Fetch the missing files into `root` (urllib; written under a temporary name first)."""
    import urllib.request

    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for name in FILES.values():
        dest = root / name
        if not dest.is_file():
            tmp = dest.with_suffix(".part")
            with urllib.request.urlopen(mirror + name, timeout=60) as r:
                tmp.write_bytes(r.read())
            tmp.replace(dest)
    return root


def load(root: str | Path, fetch: bool = True) -> dict[str, np.ndarray]:
    """MNIST from `root` (downloaded first when `fetch` and files are missing):
    x_* [N, 784] float32 in [0, 1], y_* [N] int64."""
    root = download(root) if fetch else Path(root)
    out = {}
    for split in ("train", "test"):
        x = read_idx(root / FILES[f"{split}_images"])
        out[f"x_{split}"] = (x.reshape(len(x), -1) / 255.0).astype(np.float32)
        out[f"y_{split}"] = read_idx(root / FILES[f"{split}_labels"]).astype(np.int64)
    return out
