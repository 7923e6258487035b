"""Gradient play and better-response paths on `Game`s (claims A3, C3, D2).

`play` runs an update rule of `dynamics.py` (GDA, alternating GDA, OGDA, EG) with projected
steps z ← Π(z + η·direction), batched over initial points, on float64 numpy arrays with the
game's compiled field (a torch op's dispatch would cost more than the whole step here).
Simultaneous rules move the stacked profile as one block (identical to moving every player at
once); alternating GDA moves the players in turn.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import torch

from strategic.games.dynamics import UpdateRule
from strategic.games.game import Game, best_response

Observer = Callable[[int, np.ndarray, np.ndarray], None]


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


def play(game: Game, z0, rule: str, eta: float, steps: int, observe: Observer | None = None,
         every_call: bool = False) -> np.ndarray:
    """`steps` iterations of a `dynamics.RULES` rule on `game` from z0 [B, d]; returns z_T.

    observe(t, z, V(z)) is called at every iterate z_t, t = 0..steps−1, with the field that the
    rule evaluates there anyway (no extra field call); with every_call=True, at every field
    evaluation (for alternating GDA: z_t and the half-step after player 1 moved).
    """
    if not eta > 0 or steps < 0:
        raise ValueError(f"play: need eta > 0 and steps >= 0, got eta={eta}, steps={steps}")
    lo, hi = np.array(game.lo), np.array(game.hi)
    box = game.slice_fn is None

    def project(y: np.ndarray, z: np.ndarray) -> np.ndarray:
        if box:
            return np.clip(y, lo, hi)
        return game.project(torch.from_numpy(y), torch.from_numpy(z)).numpy()

    z0 = np.asarray(z0, dtype=np.float64)
    z = project(z0, z0).copy()
    blocks = [game.block(i) for i in range(game.n)] if rule == "alt_gda" else [slice(None)]
    state = {"t": 0, "fresh": False}

    def grad(i: int) -> list[np.ndarray]:
        v = game.field_numpy(z)
        if observe is not None and (state["fresh"] or every_call):
            observe(state["t"], z, v)
        state["fresh"] = False
        return [-v[:, blocks[i]]]

    def step(i: int, g: list[np.ndarray]) -> None:
        y = z.copy()
        y[:, blocks[i]] -= eta * g[0]
        z[:] = project(y, z)

    update = UpdateRule(rule, len(blocks))
    for t in range(steps):
        state["t"], state["fresh"] = t, True
        update(grad, step, z.copy, lambda s: np.copyto(z, s))
    return z


def tail_min_field(steps: int, frac: float = 0.5) -> tuple[dict, Observer]:
    """An observer keeping min_t ‖V(z_t)‖ per point over t ≥ frac·steps (A3's 'second half')."""
    start = int(frac * steps)
    out: dict[str, np.ndarray] = {"min": None}

    def observe(t: int, z: np.ndarray, v: np.ndarray) -> None:
        if t >= start:
            n = np.sqrt((v * v).sum(-1))
            out["min"] = n if out["min"] is None else np.minimum(out["min"], n)
    return out, observe


def alternating_path(game: Game, z0, eta: float, steps: int) -> np.ndarray:
    """Positions after every half-step of alternating GDA from z0 [d]: [2·steps + 1, d] (C3)."""
    halves: list[np.ndarray] = []
    z = play(game, np.asarray(z0, dtype=np.float64).reshape(1, -1), "alt_gda", eta, steps,
             lambda t, z, v: halves.append(z.copy()), every_call=True)
    return np.concatenate(halves + [z])


def pure_better_response_cycle(game: Game, grid: torch.Tensor, start: torch.Tensor,
                               max_moves: int) -> dict[str, torch.Tensor]:
    """Players 1, 2, 1, ... switch to a best response on `grid` (two 1-D players).

    Stops when the profile is back at `start`, when the mover cannot improve, or after
    `max_moves`. Returns the path [m + 1, 2] and every move's gain for its mover [m].
    """
    if game.dims != (1, 1):
        raise ValueError(f"pure_better_response_cycle: needs two 1-D players, got {game.dims}")
    z = start.reshape(1, 2).clone()
    path, gains = [z], []
    for m in range(max_moves):
        i = m % 2
        best, gain = best_response(game, z, i, grid[:, None])
        if not gain[0] > 0:
            break
        z = z.clone()
        z[:, i] = best[:, 0]
        path.append(z)
        gains.append(gain[0])
        if torch.equal(z, path[0]):
            break
    return {"path": torch.cat(path), "gains": torch.stack(gains) if gains else torch.zeros(0)}
