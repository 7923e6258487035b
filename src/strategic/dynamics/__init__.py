"""Multi-player update rules shared by the toy games and the GANs.

Players (players.py) hold tensors and an optimiser with snapshot/restore; a game
(objectives.py) gives each player's loss and gradient; a rule (rules.py, unrolled.py) moves
the players once per `step(game, players)`; `iterate` runs a rule with an observer. Example,
f(x, y) = Σ x·y with x minimising and y maximising, 100 extragradient steps::

    x, y = torch.ones(B, d), torch.ones(B, d)
    game = FieldGame(lambda i, ps: [ps[1][0]] if i == 0 else [-ps[0][0]])
    iterate(make_rule("eg"), game, [SGDPlayer([x], 0.1), SGDPlayer([y], 0.1)], 100)
"""

from strategic.dynamics.objectives import FieldGame, Game, LossGame, ModuleGame, Params
from strategic.dynamics.optim import OptimisticAdam
from strategic.dynamics.players import OptimizerPlayer, Player, SGDPlayer
from strategic.dynamics.registry import RULES, make_rule
from strategic.dynamics.rules import (Alternating, Extragradient, Optimistic, Rule, Simultaneous,
                                      iterate)
from strategic.dynamics.unrolled import Unrolled, unrolled_grad

__all__ = ["Alternating", "Extragradient", "FieldGame", "Game", "LossGame", "ModuleGame",
           "Optimistic", "OptimisticAdam", "OptimizerPlayer", "Params", "Player", "RULES",
           "Rule", "SGDPlayer", "Simultaneous", "Unrolled", "iterate", "make_rule",
           "unrolled_grad"]
