"""CLAIMS H2, last paragraph: a small causal transformer trained by next-token prediction on
game transcripts (of random, block-first or minimax players), prompted with the move orders
that reach the talk's board. Transcripts of optimal play never reach that board (o would
have blocked x's 0-_-2 threat), so imitating even an optimal player says nothing there.

A transcript is [BOS, m_1, ..., m_k, PAD, ...] (10 tokens; moves are cells 0..8); the model
predicts each next move, with cells already played masked (illegal moves).
"""

from __future__ import annotations

import itertools

import lightning as L
import numpy as np
import torch
from torch import Tensor, nn

from strategic.tictactoe import policies as P
from strategic.tictactoe.module import NEG
from strategic.tictactoe.positions import Positions

BOS, PAD = 9, 10
# x played 0 and 2, o played 3 and 4, in either order each: x| |x / o|o| / | |, x to move
TALK_PROMPTS = [[BOS, x1, o1, x2, o2] for x1, x2 in itertools.permutations((0, 2))
                for o1, o2 in itertools.permutations((3, 4))]


def transcripts(pos: Positions, policy: np.ndarray, n_games: int, rng: np.random.Generator) -> Tensor:
    """Self-play games of `policy` as token sequences [G, 10]."""
    moves = np.full((n_games, 9), PAD, dtype=np.int64)
    P.play_games(pos, policy, policy, n_games, rng, moves=moves)
    return torch.as_tensor(np.concatenate([np.full((n_games, 1), BOS), moves], axis=1))


def reaches_talk_board(tokens: Tensor) -> Tensor:
    """[G] bool: the first four moves are x on {0, 2} and o on {3, 4}, in any order."""
    x, o = tokens[:, [1, 3]].sort(1).values, tokens[:, [2, 4]].sort(1).values
    return (x == torch.tensor([0, 2])).all(1) & (o == torch.tensor([3, 4])).all(1)


class CausalTransformer(nn.Module):
    """Token + position embeddings, `layers` pre-norm causal self-attention blocks, a 9-way
    move head; cells already in the prefix are masked. tokens [B, T] -> logits [B, T, 9]."""

    def __init__(self, d_model: int, layers: int, heads: int, seed: int):
        super().__init__()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.tok, self.pos = nn.Embedding(PAD + 1, d_model), nn.Embedding(10, d_model)
            block = nn.TransformerEncoderLayer(d_model, heads, 4 * d_model, dropout=0.0,
                                               batch_first=True, norm_first=True)
            self.blocks = nn.TransformerEncoder(block, layers, enable_nested_tensor=False)
            self.head = nn.Linear(d_model, 9)

    def forward(self, tokens: Tensor) -> Tensor:
        t = tokens.shape[1]
        h = self.tok(tokens) + self.pos(torch.arange(t, device=tokens.device))
        causal = nn.Transformer.generate_square_subsequent_mask(t, device=tokens.device)
        h = self.blocks(h, mask=causal, is_causal=True)
        is_move = tokens < 9
        played = (nn.functional.one_hot(tokens.clamp(max=8), 9) * is_move[..., None]).cumsum(1) > 0
        return self.head(h).masked_fill(played, NEG)


class NextToken(L.LightningModule):
    """Mean cross-entropy of each next move given its prefix (PAD targets ignored); AdamW."""

    def __init__(self, net: CausalTransformer, lr: float):
        super().__init__()
        self.net, self.lr = net, lr

    def training_step(self, batch, batch_idx):
        (tokens,) = batch                                             # [B, 10]
        logits = self.net(tokens[:, :-1])                             # [B, 9, 9]
        loss = nn.functional.cross_entropy(logits.reshape(-1, 9), tokens[:, 1:].reshape(-1),
                                           ignore_index=PAD)
        self.log("train/loss", loss.detach(), on_step=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.net.parameters(), lr=self.lr)


def talk_probabilities(net: CausalTransformer) -> np.ndarray:
    """Next-move probabilities after each talk prompt: [4, 9]."""
    with torch.no_grad():
        logits = net(torch.tensor(TALK_PROMPTS, device=next(net.parameters()).device))[:, -1]
    return torch.softmax(logits, 1).cpu().numpy()


def fit_next_token(net: CausalTransformer, tokens: Tensor, steps: int, batch: int, lr: float,
                   ctx, tag: str, key=None) -> list[float]:
    """`steps` AdamW steps on minibatches of transcripts shuffled by a generator seeded with
    ctx.seed; returns the training losses (as logged to the run's history)."""
    from strategic import train

    gen = torch.Generator().manual_seed(ctx.seed)
    data = torch.utils.data.TensorDataset(tokens)
    loader = torch.utils.data.DataLoader(data, batch_size=batch, shuffle=True, generator=gen,
                                         drop_last=len(tokens) > batch)
    train.fit(NextToken(net, lr), ctx, steps=steps, loader=loader, tag=tag, key=key)
    return train.curve(ctx, tag, "train/loss")
