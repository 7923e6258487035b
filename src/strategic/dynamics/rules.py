"""Multi-player update rules as objects, and `iterate`, the loop that runs one.

Each rule's `step(game, players)` advances every player once. With SGD players
(p ← p − η g) and V = −(∇_1 ℓ_1, ..., ∇_n ℓ_n):

- `Simultaneous`   z_{t+1} = z_t + ηV(z_t)
- `Alternating`    player i moves using the already-updated players 1..i−1
- `Optimistic`     z_{t+1} = z_t + 2ηV(z_t) − ηV(z_{t−1})  (Daskalakis et al. ICLR'18; V(z_{−1})
                   := V(z_0)); a player whose optimiser is optimistic itself (`OptimisticAdam`)
                   is fed g_t and does its own optimism
- `Extragradient`  z_{t+½} = z_t + ηV(z_t),  z_{t+1} = z_t + ηV(z_{t+½})  (Korpelevich 1976);
                   params and optimiser state are restored before the real step, so under Adam
                   the real step starts from the saved moments with the half-step gradients
- `Unrolled` (unrolled.py)  the leader differentiates through k follower steps (Metz et al.)

Other optimisers replace "p ← p − η g" by their own step on the same gradients.
"""

from __future__ import annotations

from typing import Callable, Sequence

from torch import Tensor

from strategic.dynamics.objectives import Game
from strategic.dynamics.players import Player

Observer = Callable[[int, list[list[Tensor]]], object]


def point(players: Sequence[Player]) -> list[list[Tensor]]:
    """The current point: each player's tensors."""
    return [pl.params for pl in players]


def all_grads(game: Game, players: Sequence[Player]) -> list[list[Tensor]]:
    """Every player's gradient at the same (current) point: `game.grads(params)` where the
    game has it (one evaluation shared by all players), else `game.grad` per player."""
    params = point(players)
    joint = getattr(game, "grads", None)
    if joint is not None:
        return joint(params)
    return [game.grad(i, params) for i in range(len(players))]


def step_all(players: Sequence[Player], grads: Sequence[Sequence[Tensor]]) -> None:
    for pl, g in zip(players, grads):
        pl.step(g)


class Rule:
    """Base class: `step(game, players)` performs one iteration; `reset()` forgets history."""

    name = ""

    def step(self, game: Game, players: Sequence[Player]) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget any history (only the optimistic rule keeps some)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class Simultaneous(Rule):
    """Simultaneous GDA: all players step from the same point."""

    name = "gda"

    def step(self, game: Game, players: Sequence[Player]) -> None:
        step_all(players, all_grads(game, players))


class Alternating(Rule):
    """Alternating (Gauss-Seidel) GDA: players step in turn, each seeing the latest moves."""

    name = "alt_gda"

    def step(self, game: Game, players: Sequence[Player]) -> None:
        params = point(players)
        for i, pl in enumerate(players):
            pl.step(game.grad(i, params))


class Optimistic(Rule):
    """Optimistic GDA: step along 2g_t − g_{t−1}, or g_t for an optimistic optimiser.

    A player with `optimism = None` (e.g. plain Adam) is refused: Adam fed 2g_t − g_{t−1} is
    not Optimistic Adam; give it an `OptimisticAdam` optimiser instead.
    """

    name = "ogda"

    def __init__(self):
        self.prev: list[list[Tensor]] | None = None

    def reset(self) -> None:
        self.prev = None

    def step(self, game: Game, players: Sequence[Player]) -> None:
        for i, pl in enumerate(players):
            if pl.optimism not in ("gradient", "optimiser"):
                raise ValueError(f"ogda: player {i}'s optimiser has no optimistic form; use "
                                 "SGD or OptimisticAdam")
        grads = all_grads(game, players)
        prev = grads if self.prev is None else self.prev
        for pl, g, gp in zip(players, grads, prev):
            pl.step(g if pl.optimism == "optimiser" else [2 * a - b for a, b in zip(g, gp)])
        self.prev = grads


class Extragradient(Rule):
    """Extragradient: extrapolate with g(z_t), then step from the saved z_t with g(z_{t+½})."""

    name = "eg"

    def step(self, game: Game, players: Sequence[Player]) -> None:
        saved = [pl.snapshot() for pl in players]
        step_all(players, all_grads(game, players))
        half = all_grads(game, players)
        for pl, s in zip(players, saved):
            pl.restore(s)
        step_all(players, half)


def iterate(rule: Rule, game: Game, players: Sequence[Player], steps: int,
            observer: Observer | None = None, start: int = 0) -> object:
    """Run `rule` for `steps` iterations, calling `observer(t, params)` after each.

    Args:
        rule, game, players: as for `Rule.step`.
        steps: number of iterations (≥ 0).
        observer: called with t = start+1, ..., start+steps and the players' tensors (live
            tensors: clone what you keep).
        start: iterations already done (so t counts on across calls).

    Returns:
        The last non-None value the observer returned (None without one).
    """
    if steps < 0:
        raise ValueError(f"iterate: steps must be >= 0, got {steps}")
    params, last = point(players), None
    for t in range(start + 1, start + steps + 1):
        rule.step(game, players)
        if observer is not None:
            out = observer(t, params)
            last = last if out is None else out
    return last
