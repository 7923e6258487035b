"""Unrolled GAN dynamics (Metz, Poole, Pfau, Sohl-Dickstein, "Unrolled GANs", ICLR 2017).

The leader L (the generator in Metz et al.) descends the surrogate loss

    ℓ_L(θ, ω_k(θ)),   ω_0 = ω_t,   ω_{j+1} = ω_j − η_in ∇_ω ℓ_F(θ, ω_j)   (j < k),

differentiating through the k inner follower steps (`create_graph=True`, evaluated with the
game's functional `loss`, i.e. `torch.func.functional_call` for nn.Modules). A game may offer
`differentiable_grad(i, params)`: ∇ℓ_i written out as tensor ops that autograd differentiates
at first order (the same numbers, without autograd's double-backward graph), or None to fall
back to `create_graph`. A game may also offer the whole gradient in closed form,
`unrolled_grads(params, leader, follower, k, inner_lr)` -> (the leader's unrolled gradient, the
follower's gradient at z_t or None when k = 0), or None to use the steps above (a GAN's k
critic steps and their adjoint written out, `gans.adjoint`). The follower F
and any other player take their ordinary gradient at z_t (the follower's is the first inner
step's), and all step simultaneously. k = 0 is simultaneous GDA. The inner steps are plain SGD with step size η_in.
"""

from __future__ import annotations

from typing import Sequence

import torch
from torch import Tensor

from strategic.dynamics.objectives import Game, Params
from strategic.dynamics.players import Player, check_lr
from strategic.dynamics.rules import Rule, point, step_all


def unrolled_grad(game: Game, params: Params, leader: int, follower: int, k: int,
                  inner_lr: float) -> list[Tensor]:
    """∇_θ ℓ_L(θ, ω_k(θ)) at params (see the module docstring); detached, shaped like θ."""
    return _unrolled(game, params, leader, follower, k, inner_lr)[0]


def _unrolled(game: Game, params: Params, leader: int, follower: int, k: int,
              inner_lr: float) -> tuple[list[Tensor], list[Tensor] | None]:
    """(the leader's unrolled gradient, the follower's gradient ∇_ω ℓ_F at params), the
    second taken from the first inner step (None when k = 0): it is the follower's own
    gradient at z_t, so the rule need not compute it again."""
    closed = getattr(game, "unrolled_grads", None)
    out = closed(params, leader, follower, k, inner_lr) if closed is not None else None
    if out is not None:
        return out
    with torch.enable_grad():
        theta = [p.detach().requires_grad_(True) for p in params[leader]]
        omega = [p.detach().requires_grad_(True) for p in params[follower]]
        rest = [[p.detach() for p in ps] for ps in params]

        def at(th, om):
            pt = list(rest)
            pt[leader], pt[follower] = th, om
            return pt
        first, explicit = None, getattr(game, "differentiable_grad", None)
        for _ in range(k):
            pt = at(theta, omega)
            g = explicit(follower, pt) if explicit is not None else None
            if g is None:
                g = torch.autograd.grad(game.loss(follower, pt), omega, create_graph=True)
            if first is None:
                first = [gw.detach() for gw in g]
            omega = [w - inner_lr * gw for w, gw in zip(omega, g)]
        lead = [g.detach() for g in torch.autograd.grad(game.loss(leader, at(theta, omega)),
                                                        theta)]
        return lead, first


class Unrolled(Rule):
    """Unrolled-k dynamics; see the module docstring.

    Args:
        k: inner follower steps (≥ 0; 0 is simultaneous GDA).
        inner_lr: η_in > 0 of the inner steps; defaults to the follower's `lr` (SGDPlayer).
        leader, follower: player indices (default 0 leads, 1 follows).
    """

    name = "unrolled"

    def __init__(self, k: int = 1, inner_lr: float | None = None, leader: int = 0,
                 follower: int = 1):
        if not isinstance(k, int) or k < 0:
            raise ValueError(f"unrolled: k must be an integer >= 0, got {k!r}")
        if leader == follower:
            raise ValueError(f"unrolled: leader and follower must differ, both are {leader}")
        self.k, self.leader, self.follower = k, leader, follower
        self.inner_lr = None if inner_lr is None else check_lr(inner_lr, "unrolled inner_lr")

    def __repr__(self) -> str:
        return f"Unrolled(k={self.k}, inner_lr={self.inner_lr}, leader={self.leader})"

    def _inner_lr(self, players: Sequence[Player]) -> float:
        lr = self.inner_lr or getattr(players[self.follower], "lr", None)
        if lr is None:
            raise ValueError("unrolled: give inner_lr (the follower has no `lr` attribute)")
        return lr

    def step(self, game: Game, players: Sequence[Player]) -> None:
        params = point(players)
        lead, follow = _unrolled(game, params, self.leader, self.follower, self.k,
                                 self._inner_lr(players))
        grads = [lead if i == self.leader else
                 follow if i == self.follower and follow is not None else game.grad(i, params)
                 for i in range(len(players))]
        step_all(players, grads)
