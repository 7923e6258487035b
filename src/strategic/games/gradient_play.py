"""Projected gradient play on a `Game` with the shared update rules (strategic.dynamics).

`play` runs a rule of `strategic.dynamics.RULES` (GDA, alternating GDA, OGDA, EG) with
projected steps z ← Π(z + η·direction), batched over initial points, through the shared
driver `strategic.dynamics.iterate`. This module is only the adapter between the two
interfaces: the stacked profile z [B, d] is one tensor; players are views of their blocks
(`BoxPlayer`, the Player protocol with a projection) and the rules' gradients are −V from the
game's field (its compiled kernel where it has one: a torch op's dispatch would cost more than
the whole step here). Simultaneous rules move the whole profile as one player (identical to
moving every player at once, with one field call per evaluation); alternating GDA moves the
players in turn.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import torch
from torch import Tensor

from strategic.dynamics import FieldGame, iterate, make_rule
from strategic.games.game import Game

Observer = Callable[[int, np.ndarray], object]


class BoxPlayer:
    """One block of the stacked profile, moved by p ← Π_{S_i(z_{−i})}(p − η g) in place.

    The step is `p − (η·g)` (not a fused multiply-add) followed by the game's projection, so
    it is the textbook projected gradient step (DESIGN §5); snapshot/restore copy the block.
    """

    optimism = "gradient"

    def __init__(self, game: Game, z: Tensor, block: slice, lr: float):
        self.game, self.z, self.block, self.lr = game, z, block, lr
        self.params = [z[:, block]]
        lo, hi = game.bounds(z)
        self.lo, self.hi = lo[block], hi[block]
        self.free = bool(torch.isinf(self.lo).all() and torch.isinf(self.hi).all())

    def step(self, grads: Sequence[Tensor]) -> None:
        if self.game.slice_fn is not None:   # jointly constrained: project given the others
            y = self.z.clone()
            y[:, self.block] -= self.lr * grads[0]
            self.z.copy_(self.game.project(y, self.z))
            return
        p = self.params[0]                   # a box: the other blocks are unchanged
        p.sub_(self.lr * grads[0])
        if not self.free:
            torch.clamp(p, self.lo, self.hi, out=p)

    def snapshot(self) -> Tensor:
        return self.params[0].clone()

    def restore(self, state: Tensor) -> None:
        self.params[0].copy_(state)


def field_game(game: Game, z: Tensor, blocks: Sequence[slice]) -> FieldGame:
    """The shared FieldGame of `game` at the live profile z: grad(i) = −V(z)[:, blocks[i]]."""
    view = z.numpy()

    def grad(i: int, params) -> list[Tensor]:
        return [torch.from_numpy(-game.field_numpy(view)[:, blocks[i]])]
    return FieldGame(grad)


def play(game: Game, z0, rule: str, eta: float, steps: int,
         observe: Observer | None = None) -> np.ndarray:
    """`steps` iterations of a `strategic.dynamics` rule on `game` from z0 [B, d]; returns z_T.

    z0 is projected onto S first. observe(t, z_t) is called after every iteration
    t = 1..steps with the live profile (a float64 array [B, d]: copy what you keep).
    """
    if not eta > 0 or steps < 0:
        raise ValueError(f"play: need eta > 0 and steps >= 0, got eta={eta}, steps={steps}")
    with torch.no_grad():
        z = torch.from_numpy(start(game, z0))
        blocks = ([game.block(i) for i in range(game.n)] if rule == "alt_gda"
                  else [slice(None)])
        players = [BoxPlayer(game, z, b, eta) for b in blocks]
        view = z.numpy()
        obs = None if observe is None else (lambda t, params: observe(t, view))
        iterate(make_rule(rule), field_game(game, z, blocks), players, steps, obs)
    return z.numpy().copy()


def start(game: Game, z0) -> np.ndarray:
    """z0 [B, d] projected onto S (a new float64 array)."""
    z0 = torch.as_tensor(np.asarray(z0, dtype=np.float64))
    return game.project(z0, z0).numpy().copy()


def trajectory(game: Game, z0, eta: float, steps: int, rule: str = "gda") -> np.ndarray:
    """Iterates z_0..z_T of `play` (projected GDA by default), as [T + 1, B, d]."""
    xs = np.empty((steps + 1, *np.shape(z0)))
    xs[0] = start(game, z0)

    def record(t, z):
        xs[t] = z
    play(game, z0, rule, eta, steps, record)
    return xs


def stack_games(games: Sequence[Game], name: str = "stack") -> Game:
    """One Game whose batch rows are split evenly among `games`, in order (one call per step).

    The games need the same dims and box and no joint constraint.
    """
    g0, k = games[0], len(games)
    if any(g.dims != g0.dims or g.lo != g0.lo or g.hi != g0.hi or g.slice_fn for g in games):
        raise ValueError("stack_games: games need the same dims and box and no joint constraint")

    def parts(z):
        if len(z) % k:
            raise ValueError(f"stack_games: batch of {len(z)} rows is not divisible by {k} games")
        return zip(games, (z[j * (len(z) // k):(j + 1) * (len(z) // k)] for j in range(k)))

    return Game(name, g0.dims, lambda z: torch.cat([g.utility(p) for g, p in parts(z)]),
                g0.lo, g0.hi, g0.minimises, lambda z: torch.cat([g.field(p) for g, p in parts(z)]),
                kernel=lambda z: np.concatenate([g.field_numpy(p) for g, p in parts(z)]))


def tail_min_field(game: Game, steps: int, frac: float = 0.5) -> tuple[dict, Observer]:
    """An observer keeping min_t ‖V(z_t)‖ per point over frac·steps ≤ t < steps (A3's 'second
    half' of the iterates z_0..z_{T−1})."""
    first = int(frac * steps)
    out: dict[str, np.ndarray] = {"min": None}

    def observe(t: int, z: np.ndarray) -> None:
        if first <= t < steps:
            v = game.field_numpy(z)
            n = np.sqrt((v * v).sum(-1))
            out["min"] = n if out["min"] is None else np.minimum(out["min"], n)
    return out, observe


def alternating_path(game: Game, z0, eta: float, steps: int) -> np.ndarray:
    """Positions after every half-step of alternating GDA from z0 [d] (two players):
    z_0, (x_1, y_0), z_1, (x_2, y_1), ..., z_T, as [2·steps + 1, d] (C3)."""
    xs = trajectory(game, np.asarray(z0, dtype=np.float64).reshape(1, -1), eta, steps,
                    "alt_gda")[:, 0]
    half = xs[:-1].copy()
    half[:, game.block(0)] = xs[1:, game.block(0)]           # player 0 has moved, player 1 not
    out = np.empty((2 * steps + 1, xs.shape[1]))
    out[0::2], out[1::2] = xs, half
    return out
