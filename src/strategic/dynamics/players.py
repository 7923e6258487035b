"""Players: parameter tensors plus the optimiser that moves them, with snapshot/restore.

A player exposes

    params              list[Tensor]   its tensors (moved in place)
    step(grads)         apply its optimiser to the gradient `grads` (shaped like params)
    snapshot()/restore  save and reload params AND optimiser state (deep copies), so that
                        extragradient's extrapolation leaves e.g. Adam's moments untouched
    optimism            how the optimistic rule treats it: 'gradient' (feed 2g_t − g_{t−1}),
                        'optimiser' (its optimiser is optimistic itself: feed g_t), or None
"""

from __future__ import annotations

import copy
from typing import Protocol, Sequence

import torch
from torch import Tensor

from strategic.dynamics.optim import OptimisticAdam


class Player(Protocol):
    """What the rules call (see the module docstring)."""

    params: list[Tensor]
    optimism: str | None

    def step(self, grads: Sequence[Tensor]) -> None: ...

    def snapshot(self) -> object: ...

    def restore(self, state: object) -> None: ...


def check_lr(lr: float, who: str) -> float:
    """`lr` if positive, else a one-line ValueError naming `who`."""
    if not lr > 0:
        raise ValueError(f"{who}: learning rate must be positive, got {lr}")
    return float(lr)


def _clone(params: Sequence[Tensor]) -> list[Tensor]:
    return [p.detach().clone() for p in params]


def _copy_into(params: Sequence[Tensor], saved: Sequence[Tensor]) -> None:
    with torch.no_grad():
        for p, s in zip(params, saved):
            p.copy_(s)


class SGDPlayer:
    """Plain gradient step p ← p − η g in place, outside autograd (the toy games' fast path).

    A torch optimiser per player costs several times the whole iteration on tiny batched
    tensors (benchmarks/dynamics_speed.py), hence this path.

    Args:
        params: the player's tensors, e.g. one [B, d] tensor of B independent points.
        lr: step size η > 0.
    """

    optimism = "gradient"

    def __init__(self, params: Sequence[Tensor], lr: float):
        self.params, self.lr = list(params), check_lr(lr, "SGDPlayer")

    def step(self, grads: Sequence[Tensor]) -> None:
        with torch.no_grad():
            for p, g in zip(self.params, grads):
                p.sub_(g, alpha=self.lr)

    def snapshot(self) -> list[Tensor]:
        return _clone(self.params)

    def restore(self, state: list[Tensor]) -> None:
        _copy_into(self.params, state)


class OptimizerPlayer:
    """A player moved by any `torch.optim.Optimizer` (e.g. a GAN's generator under Adam).

    `step(grads)` sets each parameter's `.grad` to the given gradient, calls the optimiser's
    `step()` and clears `.grad` again. The snapshot holds deep copies of the parameters and of
    `optimizer.state_dict()` (moments, step counts, param_groups).

    Args:
        optimizer: built over the player's tensors (e.g. `Adam(generator.parameters())`).
    """

    def __init__(self, optimizer: torch.optim.Optimizer):
        self.optimizer = optimizer
        self.params = [p for group in optimizer.param_groups for p in group["params"]]
        if isinstance(optimizer, OptimisticAdam):
            self.optimism = "optimiser"
        elif isinstance(optimizer, torch.optim.SGD):
            self.optimism = "gradient"
        else:
            self.optimism = None

    def step(self, grads: Sequence[Tensor]) -> None:
        for p, g in zip(self.params, grads):
            p.grad = g
        self.optimizer.step()
        for p in self.params:
            p.grad = None

    def snapshot(self) -> tuple[list[Tensor], dict]:
        return _clone(self.params), copy.deepcopy(self.optimizer.state_dict())

    def restore(self, state: tuple[list[Tensor], dict]) -> None:
        params, opt_state = state
        _copy_into(self.params, params)
        # load_state_dict keeps the tensors it is given: copy so `state` can be restored again
        self.optimizer.load_state_dict(copy.deepcopy(opt_state))
