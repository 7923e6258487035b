"""Pure best and better responses on a `Game` (claim C3: better-response paths may cycle)."""

from __future__ import annotations

import torch
from torch import Tensor

from strategic.games.game import Game


def best_response(game: Game, z: Tensor, i: int, candidates: Tensor) -> tuple[Tensor, Tensor]:
    """Player i's best response among `candidates` [K, d_i] to each profile's z_{−i}.

    Returns the best candidate [B, d_i] and its gain u_i(best, z_{−i}) − u_i(z) [B] (≤ 0 at a
    pure equilibrium of the candidate set; candidates need not lie in S_i, the caller's set).
    """
    blk, (b, k) = game.block(i), (len(z), len(candidates))
    y = z.unsqueeze(0).repeat(k, 1, 1)  # [K, B, d]
    y[..., blk] = candidates.reshape(k, 1, -1).to(z)
    u = game.utility(y.reshape(k * b, game.d))[:, i].reshape(k, b)
    best = u.argmax(0)
    return candidates.reshape(k, -1).to(z)[best], u.max(0).values - game.utility(z)[:, i]


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
