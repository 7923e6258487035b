"""`run(cfg, ctx) -> metrics` for each variant of the `games` study.

Each function draws only from generators seeded by `ctx.seed`, writes its tables (CSV) into
`ctx.out` for the figures, logs histories through `ctx.tracker`, and returns flat float
metrics that the claims check reads from `metrics.json`.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import torch

from strategic.callbacks import EpochProgress
from strategic.games.config import GamesBilinear, GamesGD, GamesGrid, GamesMLP
from strategic.games import factorisation, matrix_games, toys
from strategic.games.module import run_dynamics
from strategic.contracts import RunContext

F64 = torch.float64


def run_gd(cfg: GamesGD, ctx: RunContext) -> dict[str, float]:
    """A1: GD on f = ½x² + ¼y⁴ − ½y² from uniform inits, and GD on matrix factorisation."""
    seed, out, tracker = ctx.seed, ctx.out, ctx.tracker
    gen = torch.Generator().manual_seed(seed)
    z0 = (2 * torch.rand(cfg.n_inits, 2, generator=gen, dtype=F64) - 1) * cfg.box  # [B, 2]
    every = max(1, cfg.steps // 200)
    state = {"f": toys.a1_f(z0), "max_inc": torch.tensor(-np.inf, dtype=F64), "n_inc": 0,
             "paths": [(0, z0[:cfg.n_paths].clone())]}
    ulp4 = 4 * torch.finfo(F64).eps  # an increase below 4 ulp of |f| is float64 rounding

    def observe(t, players):
        f = toys.a1_f(players[0])
        inc = f - state["f"]
        state["max_inc"] = torch.maximum(state["max_inc"], inc.max())
        state["n_inc"] += int((inc > ulp4 * state["f"].abs().clamp_min(1.0)).sum())
        state["f"] = f
        if t % every == 0:
            state["paths"].append((t, players[0][:cfg.n_paths].clone()))
        if t % cfg.block == 0 or t == cfg.steps:  # logged once per training_step
            gn = toys.a1_grad(players[0]).norm(dim=-1)
            return {"mean_f": f.mean(), "max_grad_norm": gn.max()}
        return None

    (z,) = run_dynamics(toys.A1_GAME, [z0], "gda", cfg.lr, cfg.steps, cfg.block, observe,
                        tracker.lightning_logger())
    gn, lam = toys.a1_grad(z).norm(dim=-1), toys.a1_hess_min_eig(z)
    _write_paths(out / "gd_paths.csv", state["paths"])
    _write_contour(out / "gd_contour.csv", cfg.box)

    return {
        "gd_frac_pos_curvature": float((lam > 0).double().mean()),  # strict minima, not saddles
        "gd_max_grad_norm": float(gn.max()),
        "gd_min_hess_eig": float(lam.min()),
        "gd_max_f_increase": float(state["max_inc"]),
        "gd_n_f_increases": float(state["n_inc"]),
        "gd_n_inits": float(cfg.n_inits),
        **_factorisation(cfg, gen, out, tracker),
    }


def _factorisation(cfg: GamesGD, gen: torch.Generator, out: Path, tracker) -> dict[str, float]:
    """A1, second part: GD on ¼‖UUᵀ − M‖²_F from `mf_inits` small random inits."""
    m = factorisation.random_psd(cfg.mf_n, cfg.mf_rank, gen)
    u0 = cfg.mf_init_scale * torch.randn(cfg.mf_inits, cfg.mf_n, cfg.mf_rank, generator=gen, dtype=F64)
    mf = factorisation.factorise(m, u0, cfg.mf_lr, cfg.mf_steps)
    idx = np.unique(np.geomspace(1, cfg.mf_steps + 1, 200).astype(int) - 1)
    hist = mf["loss"][idx]  # [T', B]
    pd.DataFrame({"step": np.repeat(idx, cfg.mf_inits), "init": np.tile(np.arange(cfg.mf_inits), len(idx)),
                  "loss": hist.reshape(-1).numpy()}).to_csv(out / "mf_loss.csv", index=False)
    tracker.log_history({"mf/mean_loss": [(int(s), float(v)) for s, v in zip(idx, hist.mean(1))]})
    return {"mf_max_rel_error": float(mf["rel_error"].max())}


def _write_paths(path: Path, snaps: list[tuple[int, torch.Tensor]]) -> None:
    rows = [(t, i, float(p[0]), float(p[1])) for t, z in snaps for i, p in enumerate(z)]
    pd.DataFrame(rows, columns=["t", "init", "x", "y"]).to_csv(path, index=False)


def _write_contour(path: Path, box: float, n: int = 121) -> None:
    g = torch.linspace(-box, box, n, dtype=F64)
    xx, yy = torch.meshgrid(g, g, indexing="xy")
    f = toys.a1_f(torch.stack([xx, yy], -1))
    pd.DataFrame({"x": xx.reshape(-1), "y": yy.reshape(-1), "f": f.reshape(-1)}).to_csv(path, index=False)


def run_mlp(cfg: GamesMLP, ctxs: list[RunContext]) -> list[dict[str, float]]:
    """A1: SGD on MLPs (64→h→h→10) over 8×8 digits, all seeds at once as an ensemble.

    A seed fixes a member's initialisation and its data order; the split is fixed.
    """
    import lightning as L
    from strategic.games import digits

    seeds = [c.seed for c in ctxs]
    data = digits.load_digits_split(cfg.test_fraction)
    net = digits.EnsembleMLP(seeds, 64, cfg.hidden, 10)
    loader = torch.utils.data.DataLoader(
        digits.SeedBatches(data["x_train"], data["y_train"], seeds, cfg.batch_size), batch_size=None)
    history = digits.MemberHistory(data["x_train"], data["y_train"])
    # logger=False: one fit trains every seed, so each seed's curve is logged to its own
    # MLflow run below (one run per seed) rather than through a single Lightning logger.
    trainer = L.Trainer(max_epochs=cfg.epochs, accelerator=ctxs[0].accelerator, devices=1,
                        logger=False, callbacks=[history, EpochProgress("games.mlp", cfg.epochs)],
                        enable_checkpointing=False, enable_progress_bar=False,
                        enable_model_summary=False)
    trainer.fit(digits.EnsembleClassifier(net, cfg.lr, cfg.momentum), loader)
    train_loss, train_acc = digits.evaluate(net, data["x_train"], data["y_train"])
    _, test_acc = digits.evaluate(net, data["x_test"], data["y_test"])
    curves = np.array(history.losses)  # [epochs, S]
    results = []
    for k, ctx in enumerate(ctxs):
        epochs = np.arange(1, len(curves) + 1)
        pd.DataFrame({"epoch": epochs, "loss": curves[:, k]}).to_csv(ctx.out / "mlp_loss.csv", index=False)
        ctx.tracker.log_history({"train/loss": list(zip(epochs.tolist(), curves[:, k].tolist()))})
        results.append({"mlp_train_loss": float(train_loss[k]), "mlp_train_acc": float(train_acc[k]),
                        "mlp_test_acc": float(test_acc[k]), "mlp_epochs": float(cfg.epochs)})
    return results


run_mlp.all_seeds = True  # the CLI passes every seed's context in one call


def run_bilinear(cfg: GamesBilinear, ctx: RunContext) -> dict[str, float]:
    """A2: GDA, alternating GDA, OGDA and EG on x·y, and on the linear WGAN toy."""
    out, tracker = ctx.out, ctx.tracker
    eta, theory = cfg.lr, toys.bilinear_rates(cfg.lr)
    metrics: dict[str, float] = {f"{m}_rate_theory": theory[m] for m in cfg.methods}
    norms, paths, dists = [], [], []
    for method in cfg.methods:
        init = [torch.tensor([[cfg.z0[0]]], dtype=F64), torch.tensor([[cfg.z0[1]]], dtype=F64)]
        n = _trajectory_norms(toys.BILINEAR, init, method, eta, cfg.steps, cfg.block, paths)
        metrics.update(_rate_metrics(method, n, theory[method]))
        keep = np.unique(np.r_[np.arange(0, cfg.steps + 1, max(1, cfg.steps // 1000)), cfg.steps])
        norms.append(pd.DataFrame({"method": method, "t": keep, "norm": n[keep],
                                   "theory": n[0] * theory[method] ** keep}))
        tracker.log_history({f"{method}/log_norm": [(int(t), float(np.log(n[t]))) for t in keep[::10]]})

        v = torch.tensor([cfg.wgan_target], dtype=F64)
        zeros = [torch.zeros(1, 2, dtype=F64), torch.zeros(1, 2, dtype=F64)]  # θ₀ = w₀ = 0
        d = _trajectory_norms(toys.linear_wgan(v), zeros, method, eta, cfg.wgan_steps, cfg.block,
                              None, offset=[v, torch.zeros_like(v)])
        metrics[f"wgan_{method}_final_dist"] = float(d[-1])
        metrics[f"wgan_{method}_dist_ratio"] = float(d[-1] / d[0])
        dists.append(pd.DataFrame({"method": method, "t": np.arange(len(d)), "dist": d}))
    pd.concat(norms).to_csv(out / "bilinear_norms.csv", index=False)
    pd.DataFrame(paths, columns=["method", "t", "x", "y"]).to_csv(out / "bilinear_paths.csv", index=False)
    pd.concat(dists).iloc[::5].to_csv(out / "wgan_dist.csv", index=False)
    return metrics


def _trajectory_norms(game, init, method, eta, steps, block, paths, offset=None) -> np.ndarray:
    """‖z_t − z*‖ for t = 0..steps (z* = offset, default 0); appends (x, y) rows to `paths`."""
    offset = offset or [torch.zeros_like(z) for z in init]
    norms = np.empty(steps + 1)
    norms[0] = float(torch.cat([z - o for z, o in zip(init, offset)], -1).norm())
    if paths is not None:
        paths.append((method, 0, float(init[0]), float(init[1])))

    def observe(t, players):
        norms[t] = float(torch.cat([z - o for z, o in zip(players, offset)], -1).norm())
        if paths is not None and t <= 400:
            paths.append((method, t, float(players[0]), float(players[1])))

    run_dynamics(game, init, method, eta, steps, block, observe)
    return norms


def _rate_metrics(method: str, n: np.ndarray, theory: float) -> dict[str, float]:
    """Per-step factor errors (exact per step for GDA/EG, asymptotic for OGDA); bounds for alt."""
    ratios = n[1:] / n[:-1]
    half = len(n) // 2
    asym = (n[-1] / n[half]) ** (1.0 / (len(n) - 1 - half))
    return {
        f"{method}_max_step_factor_err": float(np.abs(ratios - theory).max()),
        f"{method}_asym_rate": float(asym),
        f"{method}_asym_rate_err": float(abs(asym - theory)),
        f"{method}_norm_ratio_min": float(n.min() / n[0]),
        f"{method}_norm_ratio_max": float(n.max() / n[0]),
    }


def run_grid(cfg: GamesGrid, ctx: RunContext) -> dict[str, float]:
    """B1: no pure Nash in u₁ = (x₁ − x₂)² on a grid; B2: its mixed equilibrium by LP."""
    out = ctx.out
    x, a = matrix_games.distance_game(cfg.n)
    h = float(x[1] - x[0])
    maxmin, minmax = matrix_games.pure_values(a)
    n_pure = len(matrix_games.mutual_best_responses(a))
    sol = matrix_games.solve_zero_sum(a)
    p, q = sol["p"], sol["q"]
    ends = np.isclose(np.abs(x), 1.0)
    zero = np.isclose(x, 0.0)
    xe, ae = matrix_games.distance_game(cfg.n_even)
    he = float(xe[1] - xe[0])
    sol_e = matrix_games.solve_zero_sum(ae)
    pd.DataFrame({"x": x, "row_min": a.min(axis=1), "col_max": a.max(axis=0)}) \
        .to_csv(out / "b1_security.csv", index=False)
    pd.concat([pd.DataFrame({"grid": f"n={cfg.n}", "x": x, "p": p, "q": q}),
               pd.DataFrame({"grid": f"n={cfg.n_even}", "x": xe, "p": sol_e["p"], "q": sol_e["q"]})]) \
        .to_csv(out / "b2_strategies.csv", index=False)
    return {
        "b1_pure_maxmin": maxmin, "b1_pure_minmax": minmax, "b1_n_pure_nash": float(n_pure),
        "b2_value": float(sol["value"]), "b2_value_err": abs(float(sol["value"]) - 1.0),
        "b2_value_col_err": abs(float(sol["value_col"]) - 1.0),
        "b2_p_mass_off_ends": float(p[~ends].sum()),
        "b2_p_weight_dev_over_h": float(np.abs(p[ends] - 0.5).max() / h),
        "b2_q_mass_at_zero": float(q[zero].sum()),
        "b2_even_value": float(sol_e["value"]),
        "b2_even_excess_over_h2": float((sol_e["value"] - 1.0) / he**2),
    }
