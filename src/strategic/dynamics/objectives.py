"""The game interface the update rules call: each player's loss and gradient at a point.

A point is `params`: one list of tensors per player (player i's tensors `params[i]`). Every
player minimises its own loss ℓ_i (a maximiser's loss is minus its utility), so the GDA field
is V = −(∇_1 ℓ_1, ..., ∇_n ℓ_n). A rule needs only

    grad(i, params) -> list[Tensor]   ∇_{params[i]} ℓ_i, detached, shaped like params[i]
    loss(i, params) -> Tensor         ℓ_i as a differentiable function of the explicit tensors

`loss` is the functional form the unrolled rule differentiates through (Metz et al. 2017).
A game may also offer `grads(params) -> [∇_1 ℓ_1, ..., ∇_n ℓ_n]`, every player's gradient at
one point from shared work (a GAN's one pass of D on G(z)); the simultaneous, optimistic and
extragradient rules use it when present. And `differentiable_grad(i, params)`: ∇ℓ_i as explicit
tensor ops that autograd can differentiate once more (or None), which the unrolled rule uses for
its inner steps instead of `create_graph=True`; or `unrolled_grads(params, leader, follower,
k, inner_lr)`, the unrolled rule's gradients in closed form (or None).
Toy games pass a closed-form gradient (`FieldGame`); GANs pass a loss of `nn.Module`s run on
explicit tensors with `torch.func.functional_call` (`ModuleGame`). Tensors may carry a leading
batch dimension of independent points; a loss summed over it gives every point its own gradient.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence

import torch
from torch import Tensor, nn
from torch.func import functional_call

Params = Sequence[Sequence[Tensor]]
LossFn = Callable[[int, Params], Tensor]
GradFn = Callable[[int, Params], list[Tensor]]


class Game(Protocol):
    """What the rules call (see the module docstring)."""

    def grad(self, i: int, params: Params) -> list[Tensor]: ...

    def loss(self, i: int, params: Params) -> Tensor: ...


def _only(params: Params, i: int, mine: Sequence[Tensor]) -> list[list[Tensor]]:
    """params with player i's tensors replaced by `mine` and everyone else's detached."""
    return [list(mine) if j == i else [p.detach() for p in ps] for j, ps in enumerate(params)]


def autograd_grad(loss: LossFn, i: int, params: Params) -> list[Tensor]:
    """∇_{params[i]} loss(i, params) by autograd on leaf copies (no `.grad` is touched)."""
    with torch.enable_grad():
        mine = [p.detach().requires_grad_(True) for p in params[i]]
        return list(torch.autograd.grad(loss(i, _only(params, i, mine)), mine))


def unaliased(grads: Sequence[Tensor], params: Params) -> list[Tensor]:
    """grads, cloning any that shares storage with a parameter (`[ps[1][0]]` for x·y would
    otherwise change under the rules' in-place steps and restores)."""
    mem = {p.untyped_storage().data_ptr() for ps in params for p in ps}
    return [g.clone() if g.untyped_storage().data_ptr() in mem else g for g in grads]


class LossGame:
    """A game given by its losses; gradients by autograd.

    Args:
        loss_fn: (i, params) -> scalar ℓ_i, differentiable in the tensors it is given.
    """

    def __init__(self, loss_fn: LossFn):
        self.loss_fn = loss_fn

    def loss(self, i: int, params: Params) -> Tensor:
        return self.loss_fn(i, params)

    def grad(self, i: int, params: Params) -> list[Tensor]:
        return autograd_grad(self.loss, i, params)


class FieldGame:
    """A game given by a closed-form gradient (the fast path of the toy games).

    Args:
        grad_fn: (i, params) -> ∇_{params[i]} ℓ_i (results sharing a parameter's storage are
            cloned), e.g. for f(x, y) = Σ x·y with x min, y max:
            `lambda i, ps: [ps[1][0]] if i == 0 else [-ps[0][0]]`.
        loss_fn: optional (i, params) -> scalar ℓ_i, needed only by the unrolled rule.
    """

    def __init__(self, grad_fn: GradFn, loss_fn: LossFn | None = None):
        self.grad_fn, self.loss_fn = grad_fn, loss_fn

    def grad(self, i: int, params: Params) -> list[Tensor]:
        return unaliased(self.grad_fn(i, params), params)

    def loss(self, i: int, params: Params) -> Tensor:
        if self.loss_fn is None:
            raise ValueError("this FieldGame has no loss_fn (the unrolled rule needs one)")
        return self.loss_fn(i, params)


class ModuleGame(LossGame):
    """A game between `nn.Module`s (e.g. GAN generator and critic), gradients by autograd.

    `params[j]` lists module j's parameters in `module.parameters()` order (the order of an
    optimiser built from `module.parameters()`); buffers stay the module's own.

    Args:
        modules: one `nn.Module` per player.
        loss_fn: (i, nets) -> scalar ℓ_i, where `nets[j](*args)` runs module j with the
            parameters being evaluated (`torch.func.functional_call`). The minibatch is the
            closure's business (fix it before a rule's step so every evaluation sees it).
    """

    def __init__(self, modules: Sequence[nn.Module], loss_fn: Callable[[int, Sequence], Tensor]):
        super().__init__(self._loss)
        self.modules, self.module_loss = list(modules), loss_fn
        self.names = [[n for n, _ in m.named_parameters()] for m in self.modules]

    def params(self) -> list[list[Tensor]]:
        """The modules' current parameters, one list per player."""
        return [list(m.parameters()) for m in self.modules]

    def _net(self, j: int, tensors: Sequence[Tensor]) -> Callable:
        weights = dict(zip(self.names[j], tensors))
        return lambda *args, **kw: functional_call(self.modules[j], weights, args, kw)

    def _loss(self, i: int, params: Params) -> Tensor:
        return self.module_loss(i, [self._net(j, ps) for j, ps in enumerate(params)])
