"""Plain `nn.Module` generators and critics, and `Stacked`: S independent copies of one module
trained as a single batched model (`torch.func.vmap` of `functional_call` over parameters
stacked along a leading member dimension).

Members share nothing: every parameter of `Stacked` is [S, *shape], the loss of the batch is
the sum of the members' losses and Adam / Optimistic Adam act elementwise, so member s follows
exactly the trajectory the same module would follow alone from its own initialisation
(tests/unit/test_gans.py checks this against a single model trained by the same rule).

A plain MLP (`nn.Sequential` of `nn.Linear`, spectrally normalised or not, and parameter-free
layers such as ReLU) runs as one `torch.baddbmm` per layer instead of through `vmap`: the same
arithmetic, with 15-25 % less time per step on the small digits nets, where vmap's per-op
overhead shows (`benchmarks/gans_speed.py`, item 5). Anything else (custom modules) goes
through `vmap` of `functional_call`.

`relu_mask=True` runs that path's ReLUs as `_ReluMask`, for losses that differentiate an input
gradient again (gradient penalties): autograd's ReLU backward has a zero derivative in the
forward activation that it still materialises and carries back through the whole forward pass.

A Stacked Linear/ReLU MLP (`explicit`) is what `gans.adjoint` writes the GAN gradients out for.
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


_ELEMENTWISE = (nn.ReLU, nn.LeakyReLU, nn.Tanh, nn.Sigmoid, nn.Identity)
LINEAR, SPECTRAL = "linear", "spectral"


def _spectral(layer: nn.Module) -> bool:
    """`layer` is an nn.Linear whose weight is spectrally normalised by torch's
    `parametrizations.spectral_norm` (dim 0, one parametrisation)."""
    from torch.nn.utils import parametrize
    from torch.nn.utils.parametrizations import _SpectralNorm

    if not (isinstance(layer, nn.Linear) and parametrize.is_parametrized(layer, "weight")):
        return False
    chain = layer.parametrizations["weight"]
    return len(chain) == 1 and type(chain[0]) is _SpectralNorm and chain[0].dim == 0


def _mlp_plan(base: nn.Module):
    """[(name, LINEAR | SPECTRAL) for a Linear with bias, (name, layer) for an elementwise
    layer] when `base` is a plain MLP (`nn.Sequential`, no other buffers), else None."""
    if type(base) is not nn.Sequential:
        return None
    plan = []
    for name, layer in base.named_children():
        if isinstance(layer, nn.Linear) and layer.bias is None:
            return None
        if type(layer) is nn.Linear:
            plan.append((name, LINEAR))
        elif _spectral(layer):
            plan.append((name, SPECTRAL))
        elif type(layer) in _ELEMENTWISE:
            plan.append((name, copy.deepcopy(layer).to("cpu")))
        else:
            return None
    return plan


def _masked(g: Tensor, y: Tensor) -> Tensor:
    """g · 1[y > 0] for a ReLU output y held constant (y detached: no gradient flows to it)."""
    return torch.ops.aten.threshold_backward(g, y, 0)


class _ReluMask(torch.autograd.Function):
    """ReLU whose backward g·1[y > 0] holds the mask constant. The same numbers as autograd's
    ReLU (its second derivative is 0 a.e.), but a double backward (a gradient penalty) does
    not send zero tensors back through the forward pass: on E1's GP critic that is 4 of its
    10 [S, 128, 128] batched gemms per step and ~14 % of the step (`benchmarks/gans_speed.py`,
    item 6). First-order and unrolled steps are ~4 % slower with it (a Python backward)."""

    @staticmethod
    def forward(ctx, x: Tensor) -> Tensor:
        y = x.clamp_min(0)
        ctx.save_for_backward(y)
        return y

    @staticmethod
    def backward(ctx, g: Tensor) -> Tensor:
        (y,) = ctx.saved_tensors
        return _masked(g, y.detach())


NARROW = 8   # outputs this narrow run transposed (`_NarrowLinear`, `adjoint.mm`)


class _NarrowLinear(torch.autograd.Function):
    """b + x Wᵀ for a layer with few outputs (the ring generator's 2-D samples), computed as
    (W xᵀ)ᵀ, and its backward as g W and gᵀ x: MKL's batched gemm
    writes an [S, N, 2] or [S, 128, 2] product 2-7x slower than the same numbers as
    [S, 2, N] or [S, 2, 128] here. Gradients come back contiguous."""

    @staticmethod
    def forward(ctx, x: Tensor, w: Tensor, b: Tensor) -> Tensor:
        ctx.save_for_backward(x, w)
        return torch.baddbmm(b.unsqueeze(-1), w, x.transpose(1, 2)).transpose(1, 2)

    @staticmethod
    def backward(ctx, g: Tensor):
        x, w = ctx.saved_tensors
        gx = torch.bmm(g, w) if ctx.needs_input_grad[0] else None          # [S, N, in]
        gw = torch.bmm(g.transpose(1, 2), x) if ctx.needs_input_grad[1] else None
        return gx, gw, g.sum(1) if ctx.needs_input_grad[2] else None


def _linear(x: Tensor, w: Tensor, b: Tensor) -> Tensor:
    """b + x Wᵀ per member, x [S, N, in], w [S, out, in], b [S, out] -> [S, N, out]."""
    if w.shape[1] == 1:   # a scalar head: a broadcast product is faster still
        return (x * w).sum(-1, keepdim=True) + b.unsqueeze(1)
    if w.shape[1] <= NARROW:
        return _NarrowLinear.apply(x, w, b)
    return torch.baddbmm(b.unsqueeze(1), x, w.transpose(1, 2))


def _mangle(name: str) -> str:
    return name.replace(".", "__")


class Stacked(nn.Module):
    """S copies of `nets[0]`'s architecture, parameters stacked [S, ...]; input [S, B, ...].

    Args:
        nets: S modules of one architecture (e.g. each `seeded(build, seed_s)`). The base
            module runs in eval mode: buffers change only where the caller updates them
            (`critics.power_iteration` for spectral normalisation).
        relu_mask: a plain MLP's ReLUs are `_ReluMask` (for gradient penalties).
    """

    def __init__(self, nets: Sequence[nn.Module], relu_mask: bool = False):
        super().__init__()
        params, buffers = stack_module_state(list(nets))
        self.names, self.buffer_names = list(params), list(buffers)
        self.members = len(nets)
        self.stack = nn.ParameterDict({_mangle(k): nn.Parameter(v) for k, v in params.items()})
        for k, v in buffers.items():   # e.g. spectral norm's power-iteration vectors u, v
            self.register_buffer("buf__" + _mangle(k), v.clone())
        base = copy.deepcopy(nets[0]).to("meta").eval()  # architecture only; eval: no in-place
        self._base = [base]        # a list: not registered as a submodule
        self._plan = _mlp_plan(base)
        self.relu_mask = relu_mask

    def stacked(self) -> dict[str, Tensor]:
        """Every parameter and buffer, [S, ...], under the base module's names."""
        out = {k: self.stack[_mangle(k)] for k in self.names}
        out.update({k: getattr(self, "buf__" + _mangle(k)) for k in self.buffer_names})
        return out

    def _weight(self, name: str, kind: str) -> Tensor:
        """Layer `name`'s weight [S, out, in]; spectral: W / σ with σ = uᵀWv, the formula of
        torch's spectral_norm in eval mode (u, v: the buffers `critics.power_iteration` updates)."""
        if kind == LINEAR:
            return self.stack[_mangle(name + ".weight")]
        pre = name + ".parametrizations.weight"
        w = self.stack[_mangle(pre + ".original")]
        u, v = self.buffer(pre + ".0._u"), self.buffer(pre + ".0._v")
        sigma = torch.einsum("so,soi,si->s", u, w, v)
        return w / sigma[:, None, None]

    def buffer(self, name: str) -> Tensor:
        return getattr(self, "buf__" + _mangle(name))

    def forward(self, x: Tensor) -> Tensor:
        """x [S, B, ...] -> [S, B, ...out]: member s runs on x[s]."""
        if self._plan is not None:
            return self._forward_mlp(x)
        base = self._base[0]
        return vmap(lambda p, xs: functional_call(base, p, (xs,)))(self.stacked(), x)

    def _forward_mlp(self, x: Tensor) -> Tensor:
        """The plain-MLP path: h ← b + h Wᵀ per member as one baddbmm, [S, *B, in] -> [S, *B, out]."""
        lead = x.shape[:-1]
        x = x.reshape(lead[0], -1, x.shape[-1])
        for name, layer in self._plan:
            if isinstance(layer, str):
                x = _linear(x, self._weight(name, layer), self.stack[_mangle(name + ".bias")])
            elif self.relu_mask and type(layer) is nn.ReLU:
                x = _ReluMask.apply(x)
            else:
                x = layer(x)
        return x.reshape(*lead, x.shape[-1])

    @property
    def explicit(self) -> bool:
        """A plain MLP of unnormalised Linear layers and ReLUs (what `gans.adjoint` covers)."""
        return self._plan is not None and all(
            kind == LINEAR or type(kind) is nn.ReLU for _, kind in self._plan)

    def linear_names(self) -> list[str]:
        """The mangled names of the Linear layers, first to last (`explicit` stacks)."""
        return [_mangle(name) for name, kind in self._plan if kind == LINEAR]

    def _order(self) -> list[str]:
        """Mangled parameter names in `parameters()` order."""
        return [n.removeprefix("stack.") for n, _ in self.named_parameters()]

    def member(self, s: int, net: nn.Module) -> nn.Module:
        """Copy member s's parameters into `net` (same architecture) and return it."""
        with torch.no_grad():
            for k, p in net.named_parameters():
                p.copy_(self.stack[_mangle(k)][s])
        return net
