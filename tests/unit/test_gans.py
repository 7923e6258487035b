"""The `gans` study's pieces: batched members equal models trained alone, ring metrics, the LP
critic's duality, batched spectral norm = torch's, the IDX reader, one-line config errors."""

import math

import numpy as np
import pytest
import torch

from strategic.config import ConfigError, variant_config
from strategic.dynamics import RULES
from strategic.gans import duality as D
from strategic.gans import ring
from strategic.gans import names as N
from strategic.gans.gan import GanModule, member_gens
from strategic.gans.nets import Stacked, mlp, seeded


def _gan(seeds, method):
    gen = Stacked([seeded(lambda: mlp(4, 8, 2, 2), s) for s in seeds])
    critic = Stacked([seeded(lambda: mlp(2, 8, 2, 1), 100 + s) for s in seeds])

    def draw(step):
        gens = member_gens(seeds, 0, step)
        return (torch.stack([ring.sample(16, g) for g in gens]),
                torch.stack([torch.randn(16, 4, generator=g) for g in gens]))
    m = GanModule(gen, critic, method, 2, 1e-2, 1e-3, 1e-3, (0.5, 0.999), draw)
    from strategic.dynamics import OptimizerPlayer
    m.players = [OptimizerPlayer(o) for o in m.configure_optimizers()]
    for t in range(5):
        m.game.set_batch(*draw(t))
        m.rule.step(m.game, m.players)
    return m


@pytest.mark.parametrize("method", ["gda", "unrolled", "ogda", "eg"])
def test_a_batched_member_equals_the_same_model_trained_alone(method):
    together = _gan([3, 5, 7], method)
    alone = _gan([5], method)
    for net_t, net_a in ((together.gen, alone.gen), (together.critic, alone.critic)):
        for name in net_t.names:
            a = net_a.stacked()[name][0]
            b = net_t.stacked()[name][1]
            assert torch.allclose(a, b, atol=1e-6, rtol=1e-5), name
    assert not torch.allclose(together.gen.stacked()[together.gen.names[0]][0],
                              together.gen.stacked()[together.gen.names[0]][1])


def test_memoised_generator_pass_gives_the_gradients_of_fresh_passes():
    m = _gan([0, 1], "gda")
    m.game.set_batch(*m.draw(9))
    params = [list(m.gen.parameters()), list(m.critic.parameters())]
    memo = [m.game.grad(i, params) for i in (0, 1)]          # the second reuses G(z)
    fresh = []
    for i in (0, 1):
        m.game.set_batch(m.game.real, m.game.z)               # clears the memo
        fresh.append(m.game.grad(i, params))
    for a, b in zip(sum(memo, []), sum(fresh, [])):
        assert torch.equal(a, b)
    from strategic.dynamics import unrolled_grad
    m.game.set_batch(m.game.real, m.game.z)
    g_memo = unrolled_grad(_autograd_only(m.game), params, 0, 1, 3, 1e-2)   # reuses G(z)

    class NoMemo(type(m.game)):
        def fake(self, theta):
            return self._run(0, theta, self.z)
    plain = NoMemo(m.gen, m.critic)
    plain.written_out = False
    plain.set_batch(m.game.real, m.game.z)
    for a, b in zip(g_memo, unrolled_grad(plain, params, 0, 1, 3, 1e-2)):
        assert torch.allclose(a, b, atol=1e-7, rtol=1e-5)


@pytest.mark.parametrize("shape", [(2, 7, 1, 5), (2, 7, 5, 2), (2, 2, 7, 5), (2, 7, 5, 9)])
def test_adjoints_products_equal_bmm(shape):
    """`adjoint.mm` (outer products broadcast, narrow outputs transposed, the rest baddbmm_)
    is a @ b per member, and accumulates into `out`."""
    from strategic.gans.adjoint import mm
    s, n, k, m = shape
    a, b, c = torch.randn(s, n, k), torch.randn(s, k, m), torch.randn(s, n, m)
    assert torch.allclose(mm(a, b), torch.bmm(a, b), atol=1e-6)
    assert torch.allclose(mm(a, b, out=c.clone()), c + torch.bmm(a, b), atol=1e-6)


def _autograd_only(game):
    """A copy of GanGame `game` that takes every gradient by autograd."""
    plain = type(game)(game.gen, game.critic)
    plain.written_out = False
    plain.set_batch(game.real, game.z)
    return plain


@pytest.mark.parametrize("d_in,k", [(2, 3), (5, 1), (5, 0)])
def test_written_out_unrolled_gradient_equals_autograds(d_in, k):
    """GanGame.unrolled_grads (the k critic steps and their adjoint written out) against
    `dynamics.unrolled`'s autograd path (create_graph through `functional_call`): the
    generator's unrolled gradient and the critic's own, on a point after a few steps; a 2-D
    input (the ring's narrow products) and a wider one (digits)."""
    from strategic.dynamics.unrolled import _unrolled
    seeds = [0, 1]
    gen = Stacked([seeded(lambda: mlp(4, 8, 2, d_in), s) for s in seeds])
    critic = Stacked([seeded(lambda: mlp(d_in, 8, 2, 1), 100 + s) for s in seeds])
    m = GanModule(gen, critic, "unrolled", k, 0.5, 1e-3, 1e-3, (0.5, 0.999), lambda t: None)
    real, z = torch.randn(2, 16, d_in), torch.randn(2, 16, 4)
    m.game.set_batch(real, z)
    params = [list(m.gen.parameters()), list(m.critic.parameters())]
    mine = m.game.unrolled_grads(params, 0, 1, k, 0.5)
    ref = _unrolled(_autograd_only(m.game), params, 0, 1, k, 0.5)
    assert (mine[1] is None) == (k == 0) == (ref[1] is None)
    for a, b in zip(mine[0] + (mine[1] or []), ref[0] + (ref[1] or [])):
        assert a.shape == b.shape and torch.allclose(a, b, atol=1e-6, rtol=1e-4)
    took = _unrolled(m.game, params, 0, 1, k, 0.5)[0]                # the rule takes it
    assert all(torch.equal(a, b) for a, b in zip(took, mine[0]))
    if k:
        k0 = _unrolled(_autograd_only(m.game), params, 0, 1, 0, 0.5)[0]
        assert any(not torch.allclose(a, b, atol=1e-6) for a, b in zip(mine[0], k0))
    assert m.game.unrolled_grads(params, 1, 0, k, 0.5) is None      # critic leading: autograd
    from strategic.gans import critics
    spectral = Stacked([critics.build("spectral", 8, 2)])
    assert not spectral.explicit


def test_written_out_unrolled_gradient_is_float64s_on_the_ring():
    """At E2's quick sizes (one seed, batch 512, k = 5) the float32 written-out unrolled
    gradient equals float64 autograd's to 1e-5 relative: real and fake rows share one pass,
    so the critic gradient's two near-opposite terms are summed inside its products."""
    import copy

    from strategic.dynamics.unrolled import _unrolled
    from strategic.gans import runs_ring
    from strategic.gans.gan import GanGame

    cfg = variant_config("gans", "unrolled", {"seeds": [0]})
    m = runs_ring.module(cfg, [0])
    real, z = m.draw(5)
    m.game.set_batch(real, z)
    params = [list(m.gen.parameters()), list(m.critic.parameters())]
    mine = m.game.unrolled_grads(params, 0, 1, cfg.k, cfg.inner_lr)
    exact = GanGame(copy.deepcopy(m.gen).double(), copy.deepcopy(m.critic).double())
    exact.written_out = False
    exact.set_batch(real.double(), z.double())
    ref = _unrolled(exact, [list(exact.gen.parameters()), list(exact.critic.parameters())], 0, 1,
                    cfg.k, cfg.inner_lr)
    for a, b in zip(mine[0] + mine[1], ref[0] + ref[1]):
        assert ((a.double() - b).abs().max() / b.abs().max()).item() < 1e-5


def test_joint_gradients_equal_each_players_own():
    """GanGame.grads (one pass of D on G(z) for both players, the critic's part written out)
    against grad(i) per player (autograd through `functional_call`)."""
    m = _gan([0, 1], "gda")
    m.game.set_batch(*m.draw(4))
    params = [list(m.gen.parameters()), list(m.critic.parameters())]
    joint = m.game.grads(params)
    ref = _autograd_only(m.game).grads(params)                 # autograd's joint pass
    for a, b in zip(joint[0] + joint[1], ref[0] + ref[1]):
        assert torch.allclose(a, b, atol=1e-7, rtol=1e-5)
    for i in (0, 1):
        for a, b in zip(joint[i], m.game.grad(i, params)):
            assert torch.allclose(a, b, atol=1e-7, rtol=1e-5)
    assert all(p.grad is None for ps in params for p in ps)


def test_member_copies_into_a_plain_module_that_computes_the_same():
    nets = [seeded(lambda: mlp(3, 5, 2, 1), s) for s in (0, 1)]
    st = Stacked(nets)
    x = torch.randn(2, 7, 3)
    plain = st.member(1, seeded(lambda: mlp(3, 5, 2, 1), 99))
    assert torch.allclose(st(x)[1], plain(x[1]), atol=1e-6)
    assert torch.allclose(st(x)[0], nets[0](x[0]), atol=1e-6)


def test_ring_has_eight_distinct_modes_and_metrics_read_them():
    c = ring.centres()
    assert len(torch.unique(c.round(decimals=4), dim=0)) == 8
    assert torch.allclose(c.norm(dim=1), torch.full((8,), 2.0))
    g = torch.Generator().manual_seed(0)
    full = ring.sample(4000, g).unsqueeze(0)
    one = (c[3] + 0.02 * torch.randn(1, 500, 2, generator=g))
    m, m1 = ring.mode_metrics(full), ring.mode_metrics(one)
    assert m["eff_modes"].item() > 7.9 and m["covered"].item() == 8
    assert m["quality"].item() > 0.98
    assert m1["eff_modes"].item() == pytest.approx(1.0) and m1["dominant"].item() == 3
    assert ring.hop_rate([0, 0, 1, 1, 2, 2], 1) == pytest.approx(0.5)   # 2 changes in 4


def test_lp_critic_equals_the_exact_emd_and_is_1_lipschitz():
    g = torch.Generator().manual_seed(1)
    for pair in ("ring_gauss", "shift1d"):
        p, q, dim = D.PAIRS[pair]
        x, y = p(25, g).double().numpy(), q(25, g).double().numpy()
        value, f = D.lp_critic(x, y, dim)
        emd = D.exact_w1(x, y, 2)
        assert abs(value - emd) <= 1e-7 * emd
        assert D.lipschitz_excess(np.vstack([x, y]), f) <= 1e-7
    full, _ = D.lp_critic(x, y, 2)            # the 1-D shortcut equals the all-pairs LP
    assert full == pytest.approx(value, rel=1e-8)


def test_generated_constraints_give_the_all_pairs_lp():
    g = torch.Generator().manual_seed(2)
    for pair in ("ring_rotated", "ring_gauss"):   # clusters far apart: the k-NN graph alone
        p, q, _ = D.PAIRS[pair]                    # is disconnected, so the MST must join it
        x, y = p(60, g).double().numpy(), q(60, g).double().numpy()
        value, f = D.lp_critic(x, y, 2, knn=2)
        full, _ = D.lp_all_pairs(x, y)
        assert value == pytest.approx(full, rel=1e-9)
        assert D.lipschitz_excess(np.vstack([x, y]), f) <= 1e-7
        assert value == pytest.approx(D.exact_w1(x, y, 2), rel=1e-7)


def test_batched_spectral_norm_is_torchs_training_mode():
    from strategic.gans import critics as C

    nets = [seeded(lambda: C.build("spectral", 8, 2), s) for s in (0, 1)]
    st = Stacked(nets)
    x = torch.randn(2, 5, 2)
    for _ in range(3):
        C.power_iteration(st)
        ref = [net.train()(x[s]) for s, net in enumerate(nets)]   # torch's power step + forward
    for s in range(2):
        assert torch.allclose(st(x)[s], ref[s], atol=1e-5)


def test_paper_profile_reads_mnist_through_the_shared_reader(tmp_path):
    """E3's paper data: MNIST IDX files (written here) through strategic.data.vision, as
    flat [N, 784] rows in [0, 1]; files present means no download."""
    import gzip
    from strategic.data import vision
    from strategic.gans.config import GansDigits
    from strategic.gans.runs_digits import load_data
    rng = np.random.default_rng(0)
    for split, n in (("train", 5), ("test", 3)):
        for f, arr in zip(vision.MNIST_FILES[split], (rng.integers(0, 256, (n, 28, 28)), np.arange(n))):
            head = bytes([0, 0, 0x08, arr.ndim]) + np.asarray(arr.shape, ">i4").tobytes()
            (tmp_path / f).write_bytes(gzip.compress(head + arr.astype(np.uint8).tobytes()))
    d = load_data(GansDigits(dataset="mnist", data_dir=str(tmp_path)))
    assert d["x_train"].shape == (5, 784) and d["x_test"].shape == (3, 784)
    assert float(d["x_train"].max()) <= 1.0 and d["y_train"].tolist() == [0, 1, 2, 3, 4]


def test_rule_names_are_the_registrys():
    assert set(N.RULE_NAMES) <= set(RULES)
    assert set(N.PAIR_NAMES) == set(D.PAIRS)


@pytest.mark.parametrize("variant,cfg,msg", [
    ("gda", {"method": "adam"}, "gans.gda.method: 'adam' is not one of"),
    ("unrolled", {"g_lr": 0}, "gans.unrolled.g_lr: must be > 0, got 0.0"),
    ("unrolled", {"k": -1}, "gans.unrolled.k: must be >= 0, got -1"),
    ("duality", {"pairs": ["shift9"]}, "gans.duality.pairs: 'shift9' is not one of"),
    ("digits", {"methods": ["sgd"]}, "gans.digits.methods: 'sgd' is not one of"),
    ("gda", {"seeds": [0, 256]}, "gans.gda.seeds: must be <= 255, got 256"),
    ("digits", {"iterations": 70000}, "gans.digits.iterations: must be <= 65535"),
])
def test_bad_input_is_one_line(variant, cfg, msg):
    with pytest.raises(ConfigError) as e:
        variant_config("gans", variant, cfg)
    assert str(e.value).startswith(msg) and "\n" not in str(e.value)


def test_the_plain_mlp_path_computes_what_vmap_computes():
    """Stacked's baddbmm path for a plain MLP against vmap of functional_call on the same
    parameters: outputs, and the gradients of a double-backward (penalty-like) loss."""
    nets = [seeded(lambda: mlp(5, 16, 2, 3), s) for s in range(4)]
    heads = [seeded(lambda: mlp(5, 16, 2, 1), s) for s in range(4)]
    for st in (Stacked(nets), Stacked(heads)):     # a gemm head, and the scalar head
        _same_as_vmap(st)


def _same_as_vmap(st, d_in=5):
    from torch.func import functional_call, vmap

    assert st._plan is not None
    x = torch.randn(4, 7, d_in, requires_grad=True)
    base = st._base[0]
    ref = vmap(lambda p, xs: functional_call(base, p, (xs,)))(st.stacked(), x)
    out = st(x)
    assert torch.allclose(out, ref, atol=1e-6)
    params = list(st.parameters())

    def double(y):
        (g,) = torch.autograd.grad(y.pow(2).sum(), x, create_graph=True)
        return torch.autograd.grad(g.pow(2).sum(), params)
    for a, b in zip(double(out), double(ref)):
        assert torch.allclose(a, b, atol=1e-5, rtol=1e-5)
    assert st(x[:, :3].reshape(4, 3, 1, d_in)).shape == (4, 3, 1, out.shape[-1])


def test_spectral_critics_take_the_mlp_path_and_custom_ones_vmap():
    from strategic.gans import critics as C

    st = Stacked([seeded(lambda: C.build("spectral", 16, 2), s) for s in range(4)])
    st.stack[next(iter(st.stack))].data.mul_(3.0)     # a first layer far from norm 1
    C.power_iteration(st)
    for _ in range(3):
        C.power_iteration(st)
    assert [k for _, k in st._plan if isinstance(k, str)] == ["spectral"] * 3
    _same_as_vmap(st, d_in=2)
    assert Stacked([C.build("linear", 8, 2)])._plan is None
    assert Stacked([C.build("gp_one_sided", 8, 2)])._plan is not None


def test_relu_mask_gives_autograds_penalty_gradients():
    from strategic.gans import critics as C

    nets = [seeded(lambda: C.build("gp_one_sided", 16, 3), s) for s in range(4)]
    _same_as_vmap(Stacked(nets, relu_mask=True), d_in=2)
    for net in nets:                        # slopes above 1, so the one-sided penalty acts
        for layer in net[::2]:
            layer.weight.data.mul_(3.0)
    plain, masked = Stacked(nets), Stacked(nets, relu_mask=True)
    g = torch.Generator().manual_seed(0)
    p, q, eps = (torch.randn(4, 32, 2, generator=g), torch.randn(4, 32, 2, generator=g) + 1,
                 torch.rand(4, 32, 1, generator=g))
    for one_sided in (True, False):
        a, b = ([torch.zeros_like(w) if g is None else g for w, g in zip(st.parameters(), (
                    torch.autograd.grad(C.penalty(st, p, q, eps, one_sided).sum(),
                                        list(st.parameters()), allow_unused=True)))]
                for st in (plain, masked))    # biases move only the masks: zero a.e.
        assert all(torch.allclose(x, y, atol=1e-6, rtol=1e-5) for x, y in zip(a, b))
        assert max(x.abs().max() for x in a) > 0


@pytest.mark.parametrize("kind", ["gp_one_sided", "gp_two_sided", "clip"])
def test_written_out_wgan_critic_gradient_equals_autograds(kind):
    """`adjoint.wgan_critic_grads` (E1's GP and clipped critics) against autograd through the
    loss CriticModule minimises, −(E_p f − E_q f) + λ·penalty, with slopes above 1 (so the
    one-sided penalty acts) and the gap it reports."""
    from strategic.gans import adjoint
    from strategic.gans import critics as C

    nets = [seeded(lambda: C.build(kind, 16, 3), s) for s in range(3)]
    for net in nets:
        for layer in net[::2]:
            layer.weight.data.mul_(3.0)
    st = Stacked(nets, relu_mask=kind in C.PENALISED)
    assert st.explicit
    g = torch.Generator().manual_seed(1)
    p, q, eps = (torch.randn(3, 32, 2, generator=g), torch.randn(3, 32, 2, generator=g) + 1,
                 torch.rand(3, 32, 1, generator=g))
    params = list(st.parameters())
    f = st(torch.cat([p, q], 1))
    gap = f[:, :32].mean((1, 2)) - f[:, 32:].mean((1, 2))
    loss = -gap
    if kind in C.PENALISED:
        loss = loss + 30.0 * C.penalty(st, p, q, eps, kind == "gp_one_sided")
    ref = torch.autograd.grad(loss.sum(), params, retain_graph=True)
    mine, my_gap = adjoint.wgan_critic_grads(
        st, [w.detach() for w in params], p, q,
        eps * p + (1 - eps) * q if kind in C.PENALISED else None, kind == "gp_one_sided", 30.0)
    assert torch.allclose(my_gap, gap.detach(), atol=1e-6)
    for a, b in zip(mine, ref):
        assert a.shape == b.shape and torch.allclose(a, b, atol=1e-5, rtol=1e-4)
    if kind in C.PENALISED:    # the penalty is in it
        no_pen = torch.autograd.grad((-gap).sum(), params)
        assert any(not torch.allclose(a, b, atol=1e-4) for a, b in zip(mine, no_pen))


def test_block_draws_are_a_function_of_the_step():
    from strategic.gans.runs_duality import block_drawer

    cfg = variant_config("gans", "duality", {"pairs": ["shift1d", "ring_gauss"], "batch": 8})
    members = [(0, "shift1d"), (0, "ring_gauss"), (1, "shift1d")]
    seq = block_drawer(cfg, members)
    run = [seq(t) for t in range(120)]
    for t in (0, 49, 50, 75, 119):        # a resumed fit starts a fresh drawer mid-block
        for a, b in zip(run[t], block_drawer(cfg, members)(t)):
            assert torch.equal(a, b)
    p, q, eps = run[75]
    assert p.shape == q.shape == (3, 8, 2) and eps.shape == (3, 8, 1)
    assert not torch.equal(run[75][0], run[76][0]) and not torch.equal(p[0], p[2])
    assert torch.all(p[0, :, 1] == 0) and torch.all(p[1, :, 1] != 0)   # 1-D pairs on the x-axis


def test_streams_differ_across_seeds_purposes_parts_and_steps():
    """torch's mt19937 keeps 32 bits of a seed: keys must differ there (streams.py)."""
    from strategic.gans import streams as S

    keys = [(s, pu, i, pa) for s in (0, 1, 255) for pu in range(5) for i in (0, 1, 65535)
            for pa in (0, 9)]
    firsts = {torch.randn(4, generator=S.stream(*k)).sum().item() for k in keys}
    assert len(firsts) == len(keys)
    with pytest.raises(ValueError, match="seed must be in"):
        S.key(256, 0)
    with pytest.raises(ValueError, match="index must be in"):
        S.key(0, 0, index=1 << 16)
    a, b = member_gens([0, 1], S.TRAIN, 7)
    assert not torch.equal(torch.randn(5, generator=a), torch.randn(5, generator=b))
