"""Plain `nn.Module` generators and critics, and `Stacked`: S independent copies of one module
trained as a single batched model (`torch.func.vmap` of `functional_call` over parameters
stacked along a leading member dimension).

Members share nothing: every parameter of `Stacked` is [S, *shape], the loss of the batch is
the sum of the members' losses and Adam / Optimistic Adam act elementwise, so member s follows
exactly the trajectory the same module would follow alone from its own initialisation
(tests/unit/test_gans.py checks this against a single model trained by the same rule).
"""

from __future__ import annotations

import copy
from typing import Sequence

import torch
from torch import Tensor, nn
from torch.func import functional_call, stack_module_state, vmap


def mlp(d_in: int, hidden: int, depth: int, d_out: int, out: nn.Module | None = None) -> nn.Sequential:
    """d_in → hidden (×depth, ReLU) → d_out, nn.Linear's default initialisation."""
    dims = [d_in] + [hidden] * depth
    layers: list[nn.Module] = []
    for a, b in zip(dims[:-1], dims[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    layers.append(nn.Linear(dims[-1], d_out))
    if out is not None:
        layers.append(out)
    return nn.Sequential(*layers)


def seeded(build, seed: int) -> nn.Module:
    """`build()` with torch's default initialisation drawn from `seed` only (global RNG untouched)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return build()


def _mangle(name: str) -> str:
    return name.replace(".", "__")


class Stacked(nn.Module):
    """S copies of `nets[0]`'s architecture, parameters stacked [S, ...]; input [S, B, ...].

    Args:
        nets: S modules of one architecture (e.g. each `seeded(build, seed_s)`). The base
            module runs in eval mode: buffers change only where the caller updates them
            (`critics.power_iteration` for spectral normalisation).
    """

    def __init__(self, nets: Sequence[nn.Module]):
        super().__init__()
        params, buffers = stack_module_state(list(nets))
        self.names, self.buffer_names = list(params), list(buffers)
        self.members = len(nets)
        self.stack = nn.ParameterDict({_mangle(k): nn.Parameter(v) for k, v in params.items()})
        for k, v in buffers.items():   # e.g. spectral norm's power-iteration vectors u, v
            self.register_buffer("buf__" + _mangle(k), v.clone())
        base = copy.deepcopy(nets[0]).to("meta").eval()  # architecture only; eval: no in-place
        self._base = [base]        # a list: not registered as a submodule

    def stacked(self) -> dict[str, Tensor]:
        """Every parameter and buffer, [S, ...], under the base module's names."""
        out = {k: self.stack[_mangle(k)] for k in self.names}
        out.update({k: getattr(self, "buf__" + _mangle(k)) for k in self.buffer_names})
        return out

    def buffer(self, name: str) -> Tensor:
        return getattr(self, "buf__" + _mangle(name))

    def forward(self, x: Tensor) -> Tensor:
        """x [S, B, ...] -> [S, B, ...out]: member s runs on x[s]."""
        base = self._base[0]
        return vmap(lambda p, xs: functional_call(base, p, (xs,)))(self.stacked(), x)

    def member(self, s: int, net: nn.Module) -> nn.Module:
        """Copy member s's parameters into `net` (same architecture) and return it."""
        with torch.no_grad():
            for k, p in net.named_parameters():
                p.copy_(self.stack[_mangle(k)][s])
        return net
