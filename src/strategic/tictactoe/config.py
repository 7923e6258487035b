"""Config of the `tictactoe` study: one dataclass per variant (one Snakemake job each)."""

from __future__ import annotations

from dataclasses import dataclass

from strategic.schema import ConfigError, _f, _seeds


@dataclass
class TttSolver:
    """H1: the exact memoised minimax solver over every reachable position. It is
    deterministic, so it runs once (a seed would not be a replicate)."""
    seeds: list[int] = _seeds([0])

    def __post_init__(self):
        if len(self.seeds) != 1:   # CLAIMS.md, 'Kinds of evidence': seeds here are not replicates
            raise ConfigError(f"tictactoe.solver.seeds: deterministic (no randomness), so "
                              f"exactly one seed, got {self.seeds!r}")


@dataclass
class TttSupervised:
    """H2's supervised regimes: next-move prediction on logged random,
    block-first, mixed and minimax play ("standard training"), and supervised minimax targets
    with the talk board, its symmetric images and a share of the rest held out."""
    seeds: list[int] = _seeds([0, 1, 2])
    hidden: int = _f(128, "MLP width, 27 -> h -> h -> 9 (the same network in every regime)", gt=0)
    lr: float = _f(3e-3, "Adam learning rate (full-batch steps)", gt=0)
    steps: int = _f(400, "full-batch Adam steps per regime", gt=0)
    n_games: int = _f(5000, "logged games per data set (both sides play the data policy)", gt=0)
    mix_weight: float = _f(0.5, "mixed data: share of block-first moves (rest uniform)", ge=0, le=1)
    holdout_fraction: float = _f(0.2, "heldout: share of the other non-terminal positions held "
                                 "out besides the talk board's 8 images (CLAIMS H2: 20 %)", ge=0, le=0.9)
    eval_games: int = _f(1000, "games against the minimax player, half as x, half as o", gt=1)


@dataclass
class TttSelfplay:
    """H2's outcome-trained regime: Q-learning on the results of epsilon-greedy self-play."""
    seeds: list[int] = _seeds([0, 1, 2])
    hidden: int = _f(128, "MLP width (as in the supervised variant)", gt=0)
    lr: float = _f(1e-2, "Adam learning rate at step 0 ...", gt=0)
    lr_end: float = _f(3e-4, "... annealed to this at the last step (cosine)", gt=0)
    steps: int = _f(1000, "training steps; each plays `games` self-play games and updates once", gt=0)
    games: int = _f(256, "self-play games per step, played in parallel from the empty board", gt=0)
    eps_start: float = _f(1.0, "exploration: probability of a random legal move at step 0", ge=0, le=1)
    eps_end: float = _f(0.3, "... at the last step (linear in between)", ge=0, le=1)
    gamma: float = _f(0.9, "discount per ply: a win in k plies is worth gamma^(k-1)", gt=0, le=1)
    score_every: int = _f(50, "steps between the value-rate points of the training curve "
                          "(scored by the solver, never fed back)", gt=0)
    eval_games: int = _f(1000, "games against the minimax player, half as x, half as o", gt=1)


@dataclass
class TttTranscripts:
    """H2, paper-profile extension: a causal transformer trained by next-token prediction on
    game transcripts, prompted with the move orders that reach the talk's board."""
    seeds: list[int] = _seeds([0])
    sources: list[str] = _f(["random", "block", "minimax"], "players whose games are the "
                            "transcripts (one model each)", choices=("random", "block", "minimax"))
    n_games: int = _f(2000, "transcripts per source (both sides play the source player)", gt=0)
    d_model: int = _f(32, "transformer width", gt=0)
    layers: int = _f(1, "causal self-attention blocks", gt=0)
    heads: int = _f(2, "attention heads (must divide d_model)", gt=0)
    steps: int = _f(150, "AdamW steps on minibatches", gt=0)
    batch_size: int = _f(256, "transcripts per minibatch", gt=0)
    lr: float = _f(3e-3, "AdamW learning rate", gt=0)

    def __post_init__(self):
        if self.d_model % self.heads:
            raise ConfigError("tictactoe.transcripts.heads: must divide d_model")
