"""Our PGD against the `torchattacks` package (installed without its dependencies; used only
here and in benchmarks/, never for the study's results): same model, same seed, robust
accuracy within 1 point (CLAIMS F, REFERENCE.md "PGD settings": the same loop)."""

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from strategic.data.digits import load_digits_split
from strategic.robustness import attacks as A

torchattacks = pytest.importorskip("torchattacks")


@pytest.fixture(scope="module")
def model_and_data():
    """A standard MLP on the 8×8 digits (plain loop, a second of CPU) and the test split."""
    d = load_digits_split(0.25)
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(net.parameters(), lr=3e-3)
    g = torch.Generator().manual_seed(0)
    x_tr, y_tr = d["x_train"].view(-1, 1, 8, 8), d["y_train"]
    for _ in range(15):
        for idx in torch.randperm(len(y_tr), generator=g).split(64):
            opt.zero_grad()
            F.cross_entropy(net(x_tr[idx]), y_tr[idx]).backward()
            opt.step()
    return net.eval(), d["x_test"].view(-1, 1, 8, 8), d["y_test"]


def _theirs(net, x, y, eps, step, steps, random_start, seed):
    torch.manual_seed(seed)   # torchattacks draws its random start from the global RNG
    atk = torchattacks.PGD(net, eps=eps, alpha=step, steps=steps, random_start=random_start)
    return atk(x, y)


@pytest.mark.parametrize("eps", [0.03, 0.06, 0.1])
def test_robust_accuracy_matches_torchattacks(model_and_data, eps):
    net, x, y = model_and_data
    ours = A.pgd(net, x, y, eps=eps, step=eps / 8, steps=40, generator=torch.Generator().manual_seed(0))
    theirs = _theirs(net, x, y, eps, eps / 8, 40, True, 0)
    a, b = A.accuracy(net, ours, y), A.accuracy(net, theirs, y)
    assert 0.02 < b < 0.98, "pick ε where the robust accuracy is informative"
    assert abs(a - b) <= 0.01, f"ε={eps}: ours {a:.4f} vs torchattacks {b:.4f}"


def test_same_iterates_without_random_start(model_and_data):
    """From x (no random start) both loops are the same deterministic map."""
    net, x, y = model_and_data
    ours = A.pgd(net, x, y, eps=0.06, step=0.01, steps=10, rand_init=False)
    theirs = _theirs(net, x, y, 0.06, 0.01, 10, False, 0)
    assert (ours - theirs).abs().max() < 1e-5
    assert torch.equal(A.predict(net, ours), A.predict(net, theirs))
