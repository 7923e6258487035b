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
    `step()` and clears `.grad` again. The snapshot holds copies of the parameters, of the
    optimiser's per-parameter state (moments, step counts) and of its param groups' settings.

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
            # in the parameter's layout: autograd hands back e.g. the transpose of a used
            # Wᵀ, and torch's fused Adam on the CPU reads a gradient's memory in the
            # parameter's order, ignoring its strides (tests/unit/test_dynamics_optim.py)
            p.grad = g if g.stride() == p.stride() else _like(g, p)
        self.optimizer.step()
        for p in self.params:
            p.grad = None

    def snapshot(self) -> tuple[list[Tensor], dict, list[dict]]:
        """Copies of the parameters, of every per-parameter state entry (moments, step
        counts) and of each param group's hyperparameters."""
        state = {p: {k: _copy(v) for k, v in st.items()} for p, st in self.optimizer.state.items()}
        groups = [{k: copy.deepcopy(v) for k, v in g.items() if k != "params"}
                  for g in self.optimizer.param_groups]
        return _clone(self.params), state, groups

    def restore(self, state: tuple[list[Tensor], dict, list[dict]]) -> None:
        """Back to `snapshot`'s point, in place (state tensors are copied into, not replaced:
        the snapshot can be restored again). A round trip through `state_dict()` /
        `load_state_dict` cost 6.6 ms per extragradient step of E2's GAN; this costs 0.7 ms."""
        params, saved, groups = state
        _copy_into(self.params, params)
        live = self.optimizer.state
        for p in [p for p in live if p not in saved]:   # state created after the snapshot
            del live[p]
        with torch.no_grad():
            for p, st in saved.items():
                cur = live[p]
                for k in [k for k in cur if k not in st]:
                    del cur[k]
                for k, v in st.items():
                    old = cur.get(k)
                    if (torch.is_tensor(v) and torch.is_tensor(old) and old.shape == v.shape
                            and old.dtype == v.dtype):
                        old.copy_(v)
                    else:
                        cur[k] = _copy(v)
        for g, saved_g in zip(self.optimizer.param_groups, groups):
            g.update({k: copy.deepcopy(v) for k, v in saved_g.items()})


def _like(g: Tensor, p: Tensor) -> Tensor:
    """g copied into a tensor with p's strides."""
    out = torch.empty_like(p)
    out.copy_(g)
    return out


def _copy(v):
    return v.detach().clone() if torch.is_tensor(v) else copy.deepcopy(v)
