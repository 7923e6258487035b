"""The gradients of a batched Linear/ReLU critic (`nets.Stacked`, `explicit`) written out as
tensor ops, with no autograd graph over the critic: GDA's joint pass of the logistic GAN
losses of `gan` (`critic_grads`), the unrolled rule's k inner critic steps and their adjoint
(`unrolled_critic`, Metz et al. 2017, eq. 7-8), and E1's WGAN critic with its gradient
penalty (`wgan_critic_grads`).

Unrolled: with x = G(z) held fixed, ω_0 = ω_t and the inner steps ω_{j+1} = ω_j − η g(ω_j, x),
g = ∇_ω ℓ_D, the surrogate ℓ_G(x, ω_k) has

    ω̄_k = ∇_ω ℓ_G(x, ω_k),   x̄ = ∇_x ℓ_G(x, ω_k),
    for j = k−1 … 0:   x̄ −= η (∂g/∂x)ᵀ ω̄_{j+1},   ω̄_j = ω̄_{j+1} − η (∂g/∂ω)ᵀ ω̄_{j+1},

and θ̄ = (∂x/∂θ)ᵀ x̄ (one autograd backward through G). (∂g/∂·)ᵀ v is the reverse mode of
one critic backprop (`_backprop`) read backwards (`_adjoint`), with ReLU's mask held constant
(its second derivative is 0 a.e., as in autograd's double backward); the softplus head adds
its curvature σ(d)σ(−d). The arithmetic is autograd's (tests/unit/test_gans.py checks every
gradient here against autograd); what changes is that real and fake rows share one pass
(`_pooled`), every product accumulates into its output (`baddbmm_`, β = 1), masks are applied
in place and narrow products run transposed (`mm`): `benchmarks/gans_speed.py`, item 7.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import Tensor

from strategic.gans.nets import NARROW, Stacked


def _mask_(g: Tensor, h: Tensor) -> Tensor:
    """g ← g · 1[h > 0] in place (g a fresh product no one else reads)."""
    return torch.ops.aten.threshold_backward.grad_input(g, h, 0, grad_input=g)


@dataclass
class _Pass:
    """What the adjoint of one critic backprop reads: the layer inputs h_l (h_0 = x; later
    ones ReLU outputs), the backprop's e_l = ∂ℓ/∂a_l, and the head's curvature c''(d)."""
    hs: list[Tensor]
    es: list[Tensor]
    curv: Tensor


def mm(a: Tensor, b: Tensor, out: Tensor | None = None) -> Tensor:
    """a @ b per member ([S, n, k] @ [S, k, m]), added into `out` when given. MKL's batched
    gemm is slow at both ends here: an outer product (k = 1) runs as a broadcast product, and
    an output at most `nets.NARROW` columns wide (a 2-D input layer's ∂W or ∂x) as (bᵀ aᵀ)ᵀ,
    2-7x faster than writing [S, 128, 2] directly (the trick of `nets._NarrowLinear`, with the
    same bound); otherwise `baddbmm_` accumulates in the product (β = 1)."""
    if a.shape[-1] == 1:
        return a * b if out is None else out.addcmul_(a, b)
    if b.shape[-1] <= NARROW:
        c = torch.bmm(b.transpose(1, 2), a.transpose(1, 2)).transpose(1, 2)
        return c if out is None else out.add_(c)
    return torch.bmm(a, b) if out is None else out.baddbmm_(a, b)


def _affine(b: Tensor, x: Tensor, w: Tensor) -> Tensor:
    """b + x wᵀ per member, x [S, N, in], w [S, out, in], b [S, out] -> [S, N, out]."""
    return mm(x, w.transpose(1, 2), out=b.unsqueeze(1).expand(-1, x.shape[1], -1).clone())


def _forward(ws: list[Tensor], bs: list[Tensor], x: Tensor) -> tuple[list[Tensor], Tensor]:
    """(the layer inputs h_0 = x, h_1 … (ReLU outputs), the logits d [S, N, 1])."""
    hs = [x]
    for w, b in zip(ws[:-1], bs[:-1]):
        hs.append(torch.baddbmm(b.unsqueeze(1), hs[-1], w.transpose(1, 2)).clamp_min_(0))
    return hs, _affine(bs[-1], hs[-1], ws[-1])


def _reverse(ws: list[Tensor], hs: list[Tensor], e: Tensor, want_params: bool = True,
             want_x: bool = False):
    """Reverse mode from e = ∂ℓ/∂d [S, N, 1] (ℓ summed over members and rows),

        per layer, last first:  ∂W_l = e_lᵀ h_l,  ∂b_l = Σ_rows e_l,  e_{l−1} = 1[h_l > 0] (e_l W_l):

    (∂ℓ/∂W_l and ∂ℓ/∂b_l, or None without `want_params`; ∂ℓ/∂x or None; the e_l)."""
    depth = len(ws)
    es: list[Tensor] = [None] * depth
    gw, gb = [None] * depth, [None] * depth
    for l in range(depth - 1, -1, -1):
        es[l] = e
        if want_params:
            gw[l] = mm(e.transpose(1, 2), hs[l])
            gb[l] = e.sum(1)
        if l > 0:
            e = _mask_(mm(e, ws[l]), hs[l])
    gx = mm(e, ws[0]) if want_x else None
    return (gw, gb) if want_params else None, gx, es


def _backprop(ws: list[Tensor], bs: list[Tensor], x: Tensor, sign: float | Tensor,
              want_x: bool = False, n: int | None = None):
    """One pass of the critic on x [S, N, d] and the gradient of
    ℓ = Σ_members Σ_rows softplus(sign · d(x)) / n, d the critic's logit, n = N by default
    (`sign` a number or per row, [1, N, 1]): (∂ℓ/∂W_l, ∂ℓ/∂b_l, ∂ℓ/∂x or None, the tape)."""
    n = x.shape[1] if n is None else n
    hs, d = _forward(ws, bs, x)
    s = torch.sigmoid(sign * d)                         # softplus'(sign d)
    curv = s * (1 - s) / n                              # c''(d), c(d) = softplus(sign d) / n
    (gw, gb), gx, es = _reverse(ws, hs, s * (sign / n), want_x=want_x)   # c'(d) = ∂ℓ/∂d
    return gw, gb, gx, _Pass(hs, es, curv)


def _adjoint(ws: list[Tensor], tape: _Pass, vw: list[Tensor], vb: list[Tensor],
             want_params: bool, want_x: bool):
    """(∂g/∂ω)ᵀ v and (∂g/∂x)ᵀ v for g = the gradient `_backprop` computed on `tape`'s pass,
    v = (vw, vb) shaped like (W_l, b_l): ((W̄_l, b̄_l), or None without `want_params`; x̄ or
    None without `want_x`). The backprop read backwards (first layer to last: ē_l from
    ∂W_l = e_lᵀ h_l, ∂b_l and e_{l−1}), then the forward pass (last layer to first)."""
    hs, es, depth = tape.hs, tape.es, len(ws)
    wbar: list[Tensor | None] = [None] * depth
    hbar: list[Tensor | None] = [None] * depth
    ebar = None
    for l in range(depth):
        e_new = _affine(vb[l], hs[l], vw[l])            # ē_l = h_l V_lᵀ + v_b
        if ebar is not None:                            # e_{l−1} = 1[h_l > 0] (e_l W_l)
            r = _mask_(ebar, hs[l])
            mm(r, ws[l].transpose(1, 2), out=e_new)
            if want_params:
                wbar[l] = mm(es[l].transpose(1, 2), r)
        if l > 0 or want_x:                             # h̄_l = e_l V_l
            hbar[l] = mm(es[l], vw[l])
        ebar = e_new
    abar = tape.curv * ebar                             # ā_d = c''(d) ē_d
    bbar: list[Tensor | None] = [None] * depth
    for l in range(depth - 1, -1, -1):                  # a_l = h_l W_lᵀ + b_l
        if want_params:
            g = mm(abar.transpose(1, 2), hs[l], out=wbar[l])
            wbar[l] = g
            bbar[l] = abar.sum(1)
        if l == 0 and not want_x:
            break
        hbar[l] = mm(abar, ws[l], out=hbar[l])
        if l > 0:
            abar = _mask_(hbar[l], hs[l])
    return (wbar, bbar) if want_params else None, hbar[0] if want_x else None


def _layers(critic: Stacked, omega: list[Tensor]):
    """(parameter names in `parameters()` order, Linear layer names, weights, biases)."""
    order, layers = critic._order(), critic.linear_names()
    at = dict(zip(order, omega))
    return order, layers, [at[n + "__weight"] for n in layers], [at[n + "__bias"] for n in layers]


def _ordered(order, layers, gw, gb) -> list[Tensor]:
    named = {**{n + "__weight": g for n, g in zip(layers, gw)},
             **{n + "__bias": g for n, g in zip(layers, gb)}}
    return [named[n].contiguous() for n in order]


def _pooled(real: Tensor, fake: Tensor) -> tuple[Tensor, Tensor, int]:
    """(real and fake rows as one batch [S, 2B, d], the per-row sign of ℓ_D's softplus
    (−1 real, +1 fake), B). One pass then sums both terms of ∇_ω ℓ_D inside its products,
    which near equilibrium (∇ℓ_real ≈ −∇ℓ_fake) also keeps float32 from cancelling: on the
    ring the unrolled gradient of two separate passes summed is 2e-3 off its float64 value
    (autograd's too), one pass 3e-7."""
    b = real.shape[1]
    if fake.shape[1] != b:
        raise ValueError(f"gans.adjoint: real and fake batches differ ({b} vs {fake.shape[1]})")
    sign = torch.ones(1, 2 * b, 1, dtype=real.dtype, device=real.device)
    sign[:, :b] = -1
    return torch.cat([real, fake], 1), sign, b


@torch.no_grad()
def critic_grads(critic: Stacked, omega: list[Tensor], real: Tensor,
                 fake: Tensor) -> tuple[list[Tensor], Tensor]:
    """(∇_ω ℓ_D in `parameters()` order, ∇_x ℓ_G at x = `fake`) from one critic pass over
    the real and fake rows (`_pooled`): the first-order rules' gradients, written out."""
    order, layers, ws, bs = _layers(critic, omega)
    xr, sign, b = _pooled(real, fake.detach())
    hs, d = _forward(ws, bs, xr)
    s = torch.sigmoid(sign * d)
    (gw, gb), _, _ = _reverse(ws, hs, s * (sign / b))                # ℓ_D
    _, xbar, _ = _reverse(ws, [h[:, b:] for h in hs], (s[:, b:] - 1) / b, want_params=False,
                          want_x=True)                                # ℓ_G = mean softplus(−d)
    return _ordered(order, layers, gw, gb), xbar


@torch.no_grad()
def wgan_critic_grads(critic: Stacked, omega: list[Tensor], p: Tensor, q: Tensor,
                      xhat: Tensor | None = None, one_sided: bool = True,
                      weight: float = 0.0) -> tuple[list[Tensor], Tensor]:
    """(∇_ω of −(E_p f − E_q f) + weight · pen, in `parameters()` order; the gap E_p f − E_q f
    per member [S]) for the `explicit` critic f (a linear head: no curvature) at `omega`, on
    p, q [S, B, d]; pen = E_x̂ φ(‖∇_x f(x̂)‖), φ(t) = max(0, t − 1)² (`one_sided`) or (t − 1)²,
    at the points `xhat` [S, B', d] (None: no penalty). The penalty's gradient is the input
    gradient's reverse mode read backwards: with the masks held constant it depends on ω only
    through the weights of the backprop (the biases move only the masks: zero a.e.)."""
    order, layers, ws, bs = _layers(critic, omega)
    n = p.shape[1]
    hs, d = _forward(ws, bs, torch.cat([p, q], 1))     # one pass over both samples
    gap = d[:, :n].mean((1, 2)) - d[:, n:].mean((1, 2))
    e = torch.cat([torch.full_like(d[:, :n], -1.0 / n), torch.full_like(d[:, n:], 1.0 / n)], 1)
    (gw, gb), _, _ = _reverse(ws, hs, e)
    if xhat is not None:
        hs, _ = _forward(ws, bs, xhat)
        _, gx, es = _reverse(ws, hs, torch.ones_like(hs[-1][..., :1]), want_params=False,
                             want_x=True)
        norm = gx.norm(dim=-1, keepdim=True)           # [S, B', 1]
        excess = norm - 1
        if one_sided:
            excess = excess.clamp_min(0)
        gbar = gx * (2 * weight / xhat.shape[1] * excess / norm.clamp_min(1e-12))  # ∂pen/∂(∇f)
        # ∇_x f = e_0 W_0 with e_{l−1} = 1[h_l > 0] (e_l W_l), e_head = 1: read backwards
        mm(es[0].transpose(1, 2), gbar, out=gw[0])                  # W̄_0 += e_0ᵀ x̄
        ebar = mm(gbar, ws[0].transpose(1, 2))                      # ē_0 = x̄ W_0ᵀ
        for l in range(1, len(ws)):
            r = _mask_(ebar, hs[l])
            mm(es[l].transpose(1, 2), r, out=gw[l])                 # W̄_l += e_lᵀ r
            if l < len(ws) - 1:
                ebar = mm(r, ws[l].transpose(1, 2))                 # ē_l = r W_lᵀ
    return _ordered(order, layers, gw, gb), gap


@torch.no_grad()
def unrolled_critic(critic: Stacked, omega: list[Tensor], real: Tensor, fake: Tensor, k: int,
                    inner_lr: float) -> tuple[Tensor, list[Tensor] | None]:
    """(x̄ = dℓ_G(x, ω_k(x))/dx at x = `fake`, the critic's own gradient ∇_ω ℓ_D at ω_0 in
    `critic.parameters()` order, or None when k = 0) for the `explicit` critic at parameter
    tensors `omega` (`parameters()` order), real and fake [S, B, d] (see the module docstring).
    Each inner step is one pass over real and fake rows together (`_pooled`)."""
    order, layers, ws, bs = _layers(critic, omega)
    x = fake.detach()
    xr, sign, b = _pooled(real, x)
    steps, first = [], None
    for j in range(k):
        gw, gb, _, t = _backprop(ws, bs, xr, sign, n=b)
        if first is None:
            first = _ordered(order, layers, gw, gb)
        steps.append((ws, t))
        ws = [w - inner_lr * g for w, g in zip(ws, gw)]
        bs = [c - inner_lr * g for c, g in zip(bs, gb)]
    vw, vb, xbar, _ = _backprop(ws, bs, x, -1.0, want_x=True)   # ℓ_G = mean softplus(−d)
    for j in range(k - 1, -1, -1):
        w_j, t = steps[j]
        if j == 0:       # ω_0 is a constant: only the fake rows' x̄
            t = _Pass([h[:, b:] for h in t.hs], [e[:, b:] for e in t.es], t.curv[:, b:])
            _, gx = _adjoint(w_j, t, vw, vb, want_params=False, want_x=True)
            xbar.add_(gx, alpha=-inner_lr)
            break
        grads, gx = _adjoint(w_j, t, vw, vb, want_params=True, want_x=True)
        xbar.add_(gx[:, b:], alpha=-inner_lr)
        vw = [v.add_(a, alpha=-inner_lr) for v, a in zip(vw, grads[0])]
        vb = [v.add_(a, alpha=-inner_lr) for v, a in zip(vb, grads[1])]
    return xbar, first
