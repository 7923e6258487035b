"""The GAN as a two-player game for `strategic.dynamics`, and the LightningModule holding only
its step logic (manual optimisation: the update rule comes from the shared registry).

Losses (Goodfellow et al. 2014, non-saturating generator; logits D, softplus = log(1 + e^x)):
    ℓ_D = E_real softplus(−D(x)) + E_z softplus(D(G(z))),     ℓ_G = E_z softplus(−D(G(z))),
each a mean over the minibatch and a sum over the batched members (seeds), so every member
gets its own gradient. Player 0 is the generator (the leader of the unrolled rule, Metz et al.
2017), player 1 the critic.
"""

from __future__ import annotations

from typing import Callable

import lightning as L
import torch
from torch import Tensor
from torch.func import functional_call
from torch.nn.functional import softplus

from strategic.dynamics import LossGame, OptimisticAdam, OptimizerPlayer, make_rule
from strategic.gans import adjoint
from strategic.gans.nets import Stacked
from strategic.gans.streams import stream

GEN, CRITIC = 0, 1


class GanGame(LossGame):
    """ℓ_G, ℓ_D of the current minibatch (`set_batch`) as functions of explicit tensors.

    The simultaneous, optimistic and extragradient rules call `grads`, the unrolled rule
    `unrolled_grads`: both take every gradient from one pass of G (and one backward through
    it). `loss`/`grad` (autograd through `functional_call`) serve any other rule and critic;
    G(z) is memoised there on the storage and version of the generator's tensors (`fake`).
    """

    def __init__(self, gen: Stacked, critic: Stacked):
        super().__init__(self._loss)
        self.gen, self.critic = gen, critic
        self.names = [[n for n, _ in m.named_parameters()] for m in (gen, critic)]
        self.real = self.z = None
        self._memo: tuple | None = None
        self.written_out = True   # False: autograd for every gradient (a reference)

    def set_batch(self, real: Tensor, z: Tensor) -> None:
        """real [S, B, d], z [S, B, d_z]: every loss evaluation of this step sees them."""
        self.real, self.z, self._memo = real, z, None

    def _run(self, j: int, tensors, x: Tensor) -> Tensor:
        module = (self.gen, self.critic)[j]
        return functional_call(module, dict(zip(self.names[j], tensors)), (x,))

    def fake(self, theta) -> Tensor:
        """G(z) at `theta`: reused for the very same tensors (the unrolled inner steps), and,
        detached, for detached tensors holding the same values (the critic's gradient at the
        point where the generator's was just taken)."""
        key = tuple((p.data_ptr(), p._version) for p in theta)   # detach() shares both
        if self._memo is not None and self._memo[0] == key:
            if all(a is b for a, b in zip(theta, self._memo[2])):
                return self._memo[1]
            if not any(p.requires_grad for p in theta):
                return self._memo[1].detach()
        self._memo = (key, self._run(GEN, theta, self.z), list(theta))
        return self._memo[1]

    def grads(self, params) -> list[list[Tensor]]:
        """[∇_θ ℓ_G, ∇_ω ℓ_D] at one point from one pass of G and one of D on G(z) and on the
        real batch (`fake` and `_loss` would run D on G(z) once per player). A plain
        Linear/ReLU critic's part is written out (`adjoint.critic_grads`); others use autograd."""
        with torch.enable_grad():
            theta = [p.detach().requires_grad_(True) for p in params[GEN]]
            x = self._run(GEN, theta, self.z)
            if self.written_out and self.critic.explicit:
                g_d, xbar = adjoint.critic_grads(self.critic, params[CRITIC], self.real, x)
                return [list(torch.autograd.grad(x, theta, xbar)), g_d]
            omega = [p.detach().requires_grad_(True) for p in params[CRITIC]]
            d_fake = self._run(CRITIC, omega, x)
            g_d = torch.autograd.grad(critic_loss(self._run(CRITIC, omega, self.real), d_fake),
                                      omega, retain_graph=True)
            g_g = torch.autograd.grad(generator_loss(d_fake), theta)
        return [list(g_g), list(g_d)]

    def unrolled_grads(self, params, leader: int, follower: int, k: int,
                       inner_lr: float) -> tuple[list[Tensor], list[Tensor] | None] | None:
        """The unrolled rule's (∇_θ ℓ_G(θ, ω_k(θ)), ∇_ω ℓ_D at ω_t) with the k critic steps
        and their adjoint written out (`adjoint.unrolled_critic`) and one autograd backward
        through G; None (the rule's autograd path) unless the generator leads a plain
        Linear/ReLU critic. Faster per unrolled iteration than autograd's double backward
        (`benchmarks/gans_speed.py`, item 7)."""
        if (leader, follower) != (GEN, CRITIC) or not (self.written_out and self.critic.explicit):
            return None
        with torch.enable_grad():
            theta = [p.detach().requires_grad_(True) for p in params[GEN]]
            x = self._run(GEN, theta, self.z)
            xbar, first = adjoint.unrolled_critic(self.critic, params[CRITIC], self.real, x, k,
                                                  inner_lr)
            return [g.detach() for g in torch.autograd.grad(x, theta, xbar)], first

    def _loss(self, i: int, params) -> Tensor:
        d_fake = self._run(CRITIC, params[CRITIC], self.fake(params[GEN]))   # [S, B, 1]
        if i == GEN:
            return generator_loss(d_fake)
        return critic_loss(self._run(CRITIC, params[CRITIC], self.real), d_fake)


def generator_loss(d_fake: Tensor) -> Tensor:
    """ℓ_G = E_z softplus(−D(G(z))) per member, summed over members; logits [S, B, 1]."""
    return softplus(-d_fake).mean((1, 2)).sum()


def critic_loss(d_real: Tensor, d_fake: Tensor) -> Tensor:
    """ℓ_D = E_real softplus(−D(x)) + E_z softplus(D(G(z))) per member, summed over members."""
    return (softplus(-d_real).mean((1, 2)) + softplus(d_fake).mean((1, 2))).sum()


def build_rule(method: str, k: int, inner_lr: float):
    """The registry's rule for `method` ('unrolled' gets k and the inner step size)."""
    return make_rule(method, k=k, inner_lr=inner_lr) if method == "unrolled" else make_rule(method)


class GanModule(L.LightningModule):
    """One training step = one `rule.step` of the (generator, critic) game on a fresh minibatch.

    Args:
        gen, critic: batched models (S members).
        rule_name, k, inner_lr: the update rule (registry name; unrolled's options).
        g_lr, d_lr, betas: Adam (Optimistic Adam for 'ogda') settings per player.
        draw: (step) -> (real [S, B, d], z [S, B, d_z]) on the CPU; deterministic in the step,
            so a resumed fit draws the same batches.
        observe: (step, module) -> dict of metrics to log (or None), called after each step.
        fused: torch's fused Adam kernel (the same update in one pass over the parameters;
            equal to the for-loop Adam to float rounding).
    """

    def __init__(self, gen: Stacked, critic: Stacked, rule_name: str, k: int, inner_lr: float,
                 g_lr: float, d_lr: float, betas: tuple[float, float],
                 draw: Callable[[int], tuple[Tensor, Tensor]],
                 observe: Callable[[int, "GanModule"], dict | None] | None = None,
                 fused: bool = True):
        super().__init__()
        self.automatic_optimization = False
        self.gen, self.critic = gen, critic
        self.rule = build_rule(rule_name, k, inner_lr)
        self.opt_cls = OptimisticAdam if rule_name == "ogda" else torch.optim.Adam
        self.lrs, self.betas, self.draw, self.observe = (g_lr, d_lr), tuple(betas), draw, observe
        self.game = GanGame(gen, critic)
        self.players, self.fused = None, fused
        self.snapshots: dict[str, Tensor] = {}

    def configure_optimizers(self):
        fused = {"fused": self.fused} if self.opt_cls is torch.optim.Adam else {}
        return [self.opt_cls(m.parameters(), lr=lr, betas=self.betas, **fused)
                for m, lr in zip((self.gen, self.critic), self.lrs)]

    def on_train_start(self):
        self.players = [OptimizerPlayer(o.optimizer) for o in self.optimizers()]

    def training_step(self, batch, batch_idx):
        step = int(batch)
        real, z = self.draw(step)
        self.game.set_batch(real.to(self.device), z.to(self.device))
        self.rule.step(self.game, self.players)
        out = self.observe(step + 1, self) if self.observe is not None else None
        if out:
            self.log_dict(out, on_step=True)

    @torch.no_grad()
    def generate(self, z: Tensor) -> Tensor:
        """Generator samples of every member, z [S, n, d_z] -> [S, n, d]."""
        return self.gen(z.to(self.device)).cpu()

    def on_save_checkpoint(self, checkpoint: dict) -> None:
        checkpoint["snapshots"] = dict(self.snapshots)

    def on_load_checkpoint(self, checkpoint: dict) -> None:
        self.snapshots = dict(checkpoint.get("snapshots", {}))


def member_gens(seeds, purpose: int, step: int) -> list[torch.Generator]:
    """One generator per member, the stream (seed, purpose, step) of `streams`: member s's
    draws do not depend on the other members, and a resumed fit redraws the same batches."""
    return [stream(s, purpose, step) for s in seeds]


def member_normals(gens: list[torch.Generator], n: int, d: int) -> Tensor:
    """[S, n, d] standard normals, member s's from gens[s], drawn in place (no stacked copy:
    the ring's z is 1.5 MB per step)."""
    z = torch.empty(len(gens), n, d)
    for zs, g in zip(z, gens):
        torch.randn(n, d, generator=g, out=zs)
    return z


def fit_gan(module: GanModule, ctxs, cfg, tag: str, z_eval: Tensor,
            probe: Callable[[Tensor], dict[str, Tensor]]) -> dict[str, list]:
    """Train `module` for `cfg.iterations` through `strategic.train.fit`, probing the generator
    on the fixed `z_eval` [S, n, d_z] at iteration 0 and every `cfg.every` iterations.

    `probe(samples [S, n, d]) -> {name: [S]}`; each value is logged per member as `eval/<name>`
    (history.csv, MLflow) and the first `cfg.snapshot_n` samples are kept in
    `module.snapshots[str(iteration)]` (they travel in the checkpoint).

    Returns:
        {"iteration": [...], name: [[value per member] per iteration]} read back from each
        member's history (so a resumed fit includes the points before its preemption).
    """
    from strategic import train
    from dataclasses import asdict

    def observe(step: int, mod: GanModule):
        if step % cfg.every:
            return None
        x = mod.generate(z_eval)
        mod.snapshots[str(step)] = x[:, :cfg.snapshot_n].clone()
        out = {}
        for name, v in probe(x).items():
            out.update(train.members(f"eval/{name}", v.tolist()))
        return out

    x0 = module.generate(z_eval)
    first = {k: v.tolist() for k, v in probe(x0).items()}
    module.observe = observe
    train.fit(module, ctxs, steps=cfg.iterations, tag=tag, key=asdict(cfg),
              ckpt_every=cfg.ckpt_every, metric=f"eval/{next(iter(first))}")
    module.snapshots.setdefault("0", x0[:, :cfg.snapshot_n].clone())
    its = list(range(0, cfg.iterations + 1, cfg.every))
    out: dict[str, list] = {"iteration": its}
    for name, v0 in first.items():
        per = [train.curve(c, tag, f"eval/{name}") for c in ctxs]   # [S][checkpoints]
        out[name] = [v0] + [list(vals) for vals in zip(*per)]
    return out
