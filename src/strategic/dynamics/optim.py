"""Optimistic Adam (Daskalakis, Ilyas, Syrgkanis, Zeng, "Training GANs with Optimism", ICLR'18).

With g the gradient at the current point, per parameter tensor (REFERENCE.md):

    m_t = β₁ m_{t−1} + (1−β₁) g,   v_t = β₂ v_{t−1} + (1−β₂) g²,
    lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ),
    p ← p − 2·lr_t·m_t/(√v_t + ε) + lr_t·m_{t−1}/(√v_{t−1} + ε)      (m_0 = v_0 = 0).

Optimism lives in the optimiser (it remembers m_{t−1}/(√v_{t−1}+ε)); feeding Adam the gradient
2g_t − g_{t−1} instead is a different algorithm.
"""

from __future__ import annotations

import math

import torch
from torch.optim import Optimizer


class OptimisticAdam(Optimizer):
    """Optimistic Adam as a torch optimiser (state: step, exp_avg, exp_avg_sq, prev_ratio).

    Args:
        params: tensors or param groups.
        lr: base step size > 0.
        betas: (β₁, β₂) in [0, 1).
        eps: ε ≥ 0 added to √v.
    """

    def __init__(self, params, lr: float = 1e-3, betas: tuple[float, float] = (0.9, 0.999),
                 eps: float = 1e-8):
        if not lr > 0:
            raise ValueError(f"OptimisticAdam: learning rate must be positive, got {lr}")
        if not all(0.0 <= b < 1.0 for b in betas) or eps < 0:
            raise ValueError(f"OptimisticAdam: need 0 <= betas < 1 and eps >= 0, got {betas}, "
                             f"{eps}")
        super().__init__(params, dict(lr=lr, betas=tuple(betas), eps=eps))

    @torch.no_grad()
    def step(self, closure=None):
        """One Optimistic Adam step on every parameter that has a `.grad`."""
        loss = None if closure is None else torch.enable_grad()(closure)()
        for group in self.param_groups:
            (b1, b2), eps = group["betas"], group["eps"]
            for p in group["params"]:
                if p.grad is not None:
                    self._update(p, p.grad, group["lr"], b1, b2, eps)
        return loss

    def _update(self, p, g, lr: float, b1: float, b2: float, eps: float) -> None:
        state = self.state[p]
        if not state:
            state.update(step=0, exp_avg=torch.zeros_like(p), exp_avg_sq=torch.zeros_like(p),
                         prev_ratio=torch.zeros_like(p))  # m_0/(√v_0+ε) = 0
        state["step"] += 1
        t, m, v, prev = state["step"], state["exp_avg"], state["exp_avg_sq"], state["prev_ratio"]
        m.mul_(b1).add_(g, alpha=1 - b1)
        v.mul_(b2).addcmul_(g, g, value=1 - b2)
        lr_t = lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        ratio = m / (v.sqrt() + eps)
        p.add_(ratio, alpha=-2 * lr_t).add_(prev, alpha=lr_t)
        prev.copy_(ratio)
