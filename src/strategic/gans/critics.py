"""WGAN critics on fixed pairs (p, q): f maximises E_p f − E_q f under a Lipschitz device.

Devices (CLAIMS E1): gradient penalty λ·E_x̂ max(0, ‖∇f(x̂)‖ − 1)² ("one-sided", Petzka et al.
2018) or λ·E_x̂ (‖∇f(x̂)‖ − 1)² ("two-sided", WGAN-GP, Gulrajani et al. 2017), x̂ uniform on the
segments between p- and q-samples; spectral normalisation (Miyato et al. 2018,
`torch.nn.utils.parametrizations.spectral_norm`: every layer ≤ 1-Lipschitz, so f is);
weight clipping to [−c, c] (WGAN, Arjovsky et al. 2017); a linear critic f(x) = w·x/max(1, ‖w‖).

Every (pair, seed) is one member of a batched critic (`nets.Stacked`). Spectral norm's power
iteration (one step per training step, as the parametrisation does in training mode) runs
batched over members in `power_iteration`; the vmapped forward uses the eval-mode formula
W / (uᵀ W v) with the updated u, v.
"""

from __future__ import annotations

from typing import Callable

import lightning as L
import torch
from torch import Tensor, nn
from torch.nn.functional import normalize
from torch.nn.utils.parametrizations import spectral_norm

from strategic.gans import adjoint
from strategic.gans.nets import Stacked, mlp

KINDS = ("gp_one_sided", "gp_two_sided", "spectral", "clip", "linear")
PENALISED = ("gp_one_sided", "gp_two_sided")   # their loss differentiates ∇f again


class LinearCritic(nn.Module):
    """f(x) = w·x / max(1, ‖w‖) + b: exactly ≤ 1-Lipschitz."""

    def __init__(self, d: int = 2):
        super().__init__()
        self.lin = nn.Linear(d, 1)

    def forward(self, x: Tensor) -> Tensor:
        w = self.lin.weight
        return x @ (w / w.norm().clamp_min(1.0)).T + self.lin.bias


def build(kind: str, hidden: int, depth: int) -> nn.Module:
    """A critic of `kind` on R² (torch's default initialisation from the current RNG)."""
    if kind == "linear":
        return LinearCritic()
    net = mlp(2, hidden, depth, 1)
    if kind == "spectral":
        for i, layer in enumerate(net):
            if isinstance(layer, nn.Linear):
                net[i] = spectral_norm(layer)
    return net


@torch.no_grad()
def power_iteration(critic: Stacked) -> None:
    """One power-iteration step per spectrally normalised layer and member (u ← Wv/‖Wv‖,
    v ← Wᵀu/‖Wᵀu‖), in place: what the parametrisation does in training mode."""
    for name in critic.buffer_names:
        if not name.endswith("._u"):
            continue
        layer = name[: -len(".0._u")]                  # '<i>.parametrizations.weight'
        w = critic.stack[(layer + ".original").replace(".", "__")]   # [S, out, in]
        u, v = critic.buffer(name), critic.buffer(layer + ".0._v")
        # W v and Wᵀu as broadcast products: MKL's batched gemm is slow at N = 1
        u.copy_(normalize((w * v.unsqueeze(1)).sum(-1), dim=1, eps=1e-12))
        v.copy_(normalize((w * u.unsqueeze(-1)).sum(1), dim=1, eps=1e-12))


def penalty(critic: Stacked, p: Tensor, q: Tensor, eps: Tensor, one_sided: bool) -> Tensor:
    """Per-member gradient penalty E max(0, ‖∇f‖ − 1)² or E (‖∇f‖ − 1)², [S]."""
    x = (eps * p + (1 - eps) * q).requires_grad_(True)          # [S, B, 2]
    (g,) = torch.autograd.grad(critic(x).sum(), x, create_graph=True)
    excess = g.norm(dim=-1) - 1
    return (excess.clamp_min(0) if one_sided else excess).pow(2).mean(1)


class _Linear:
    """lr factor 1 − t/T (a picklable callable, so the scheduler's state dict keeps it)."""

    def __init__(self, total: int):
        self.total = total

    def __call__(self, t: int) -> float:
        return max(0.0, 1.0 - t / self.total)


class CriticModule(L.LightningModule):
    """Adam ascent on E_p f − E_q f (minus the penalty) for every member, one step per batch.

    Args:
        critic: the batched critic (S members).
        kind: one of KINDS.
        draw: (step) -> (p [S, B, 2], q [S, B, 2], eps [S, B, 1]) on the CPU, deterministic.
        lr, betas: Adam (step decayed linearly to 0 over `steps`). gp_weight: λ. clip: c.
    """

    def __init__(self, critic: Stacked, kind: str, draw: Callable, lr: float,
                 betas: tuple[float, float], gp_weight: float, clip: float, steps: int):
        super().__init__()
        self.automatic_optimization = False
        self.critic, self.kind, self.draw, self.steps = critic, kind, draw, steps
        self.lr, self.betas, self.gp_weight, self.clip = lr, tuple(betas), gp_weight, clip
        self.written_out = True   # a plain Linear/ReLU critic's gradient by `gans.adjoint`

    def configure_optimizers(self):
        """Adam with the step decayed linearly to 0 over the fit (the last iterate is the
        estimate, so its minibatch noise must die out)."""
        opt = torch.optim.Adam(self.critic.parameters(), lr=self.lr, betas=self.betas,
                               fused=True)
        decay = torch.optim.lr_scheduler.LambdaLR(opt, _Linear(self.steps))
        return [opt], [{"scheduler": decay, "interval": "step"}]

    def training_step(self, batch, batch_idx):
        p, q, eps = (t.to(self.device) for t in self.draw(int(batch)))
        if self.kind == "spectral":
            power_iteration(self.critic)
        opt = self.optimizers()
        opt.zero_grad()
        penalised, one_sided = self.kind in PENALISED, self.kind == "gp_one_sided"
        if self.written_out and self.critic.explicit:    # GP and clipped MLPs
            params = list(self.critic.parameters())
            grads, gap = adjoint.wgan_critic_grads(
                self.critic, params, p, q, eps * p + (1 - eps) * q if penalised else None,
                one_sided, self.gp_weight)
            for w, g in zip(params, grads):
                w.grad = g
        else:
            f = self.critic(torch.cat([p, q], 1))        # one pass over both samples
            gap = f[:, :p.shape[1]].mean((1, 2)) - f[:, p.shape[1]:].mean((1, 2))    # [S]
            loss = -gap
            if penalised:
                loss = loss + self.gp_weight * penalty(self.critic, p, q, eps, one_sided)
            self.manual_backward(loss.sum())
        opt.step()
        self.lr_schedulers().step()
        if self.kind == "clip":
            with torch.no_grad():
                for w in self.critic.parameters():
                    w.clamp_(-self.clip, self.clip)
        self.log("train/gap", gap.mean().detach(), on_step=True)

    @torch.no_grad()
    def values(self, x: Tensor) -> Tensor:
        """f of every member on its own points, x [S, n, 2] -> [S, n]."""
        return self.critic(x.to(self.device)).squeeze(-1).cpu()
