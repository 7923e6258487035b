"""Multi-player update rules, written once for toy games and (later) GANs.

Each player i holds a list of tensors and minimises its own loss ℓ_i (a maximiser's loss is
minus its utility). A rule only needs two callables:

    grad(i)       -> list[Tensor]  gradient of ℓ_i w.r.t. player i's tensors at the current point
    step(i, g)    -> None          apply player i's optimiser to the direction g (in place)

and, for extragradient, `snapshot()` / `restore(state)` of all players' tensors. With plain SGD
(`step = p -= lr * g`) the rules are, for the GDA field V = -(∇ℓ_1, ..., ∇ℓ_n):

- simultaneous GDA      z_{t+1} = z_t + ηV(z_t)
- alternating GDA       player i moves using the already-updated players 1..i-1
- optimistic GDA        z_{t+1} = z_t + 2ηV(z_t) − ηV(z_{t−1})   (Daskalakis et al. ICLR'18)
- extragradient         z_{t+½} = z_t + ηV(z_t),  z_{t+1} = z_t + ηV(z_{t+½})  (Korpelevich'76)

Tensors may carry a leading batch dimension of independent initial points: the losses are
summed over it, so one autograd call yields every point's own gradient.
"""

from __future__ import annotations

from typing import Callable, Sequence

import torch
from torch import Tensor

Grads = list[Tensor]
GradFn = Callable[[int], Grads]
StepFn = Callable[[int, Grads], None]

RULES = ("gda", "alt_gda", "ogda", "eg")


class UpdateRule:
    """Stateful wrapper (optimism needs the previous gradients) around one rule name."""

    def __init__(self, name: str, n_players: int):
        if name not in RULES:
            raise ValueError(f"unknown update rule {name!r} (known: {', '.join(RULES)})")
        self.name, self.n = name, n_players
        self._prev: list[Grads] | None = None

    def __call__(self, grad: GradFn, step: StepFn,
                 snapshot: Callable[[], object] | None = None,
                 restore: Callable[[object], None] | None = None) -> None:
        if self.name == "gda":
            simultaneous(self.n, grad, step)
        elif self.name == "alt_gda":
            alternating(self.n, grad, step)
        elif self.name == "ogda":
            self._prev = optimistic(self.n, grad, step, self._prev)
        else:
            if snapshot is None or restore is None:
                raise ValueError("extragradient needs snapshot() and restore()")
            extragradient(self.n, grad, step, snapshot, restore)


def simultaneous(n: int, grad: GradFn, step: StepFn) -> None:
    """All players step from the same point."""
    gs = [grad(i) for i in range(n)]
    for i in range(n):
        step(i, gs[i])


def alternating(n: int, grad: GradFn, step: StepFn) -> None:
    """Players step in turn, each seeing the others' latest move."""
    for i in range(n):
        step(i, grad(i))


def optimistic(n: int, grad: GradFn, step: StepFn, prev: list[Grads] | None) -> list[Grads]:
    """Step along 2 g_t − g_{t−1} (g_{−1} := g_0); returns g_t for the next call."""
    gs = [grad(i) for i in range(n)]
    prev = gs if prev is None else prev
    for i in range(n):
        step(i, [2 * g - gp for g, gp in zip(gs[i], prev[i])])
    return gs


def extragradient(n: int, grad: GradFn, step: StepFn,
                  snapshot: Callable[[], object], restore: Callable[[object], None]) -> None:
    """Extrapolate with the gradients at z_t, then step from z_t with those at z_{t+½}."""
    state = snapshot()
    simultaneous(n, grad, step)
    half = [grad(i) for i in range(n)]
    restore(state)
    for i in range(n):
        step(i, half[i])


def autograd_fn(players: Sequence[Sequence[Tensor]],
                losses: Callable[[int], Tensor]) -> GradFn:
    """`grad(i)` for player tensors that require grad and a loss per player."""
    def grad(i: int) -> Grads:
        return list(torch.autograd.grad(losses(i), list(players[i])))
    return grad


def sgd_step(players: Sequence[Sequence[Tensor]], lr: float) -> StepFn:
    """Plain gradient step p ← p − lr·g, in place and outside autograd."""
    def step(i: int, g: Grads) -> None:
        with torch.no_grad():
            for p, gi in zip(players[i], g):
                p.sub_(lr * gi)
    return step


def param_snapshot(players: Sequence[Sequence[Tensor]]):
    """`snapshot()` and `restore(state)` over the players' tensors."""
    def snapshot():
        return [[p.detach().clone() for p in ps] for ps in players]

    def restore(state) -> None:
        with torch.no_grad():
            for ps, ss in zip(players, state):
                for p, s in zip(ps, ss):
                    p.copy_(s)
    return snapshot, restore
