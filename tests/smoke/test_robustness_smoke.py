"""Both variants of the robustness study run in a tiny configuration through the real CLI
(real MLflow SQLite store); the aggregate -> figures -> claims chain gives F1–F4 verdicts, the
models load with weights_only=True and are artifacts of their MLflow runs."""

import json
import math

import pytest
import torch

from strategic import cli
from strategic.config import STUDIES

from smoke_config import smoke_slices

TINY = smoke_slices("robustness")


@pytest.fixture(scope="module")
def runs(tmp_path_factory, run_study):
    tmp = tmp_path_factory.mktemp("robustness")
    run_study("robustness", TINY, tmp)
    return tmp


def test_every_variant_is_covered():
    assert set(TINY) == set(STUDIES["robustness"])


@pytest.mark.parametrize("variant, models", [("pgd", ("std", "adv")), ("spatial", ("std", "worst"))])
def test_metrics_models_and_artifacts(runs, variant, models):
    from mlflow.tracking import MlflowClient

    man = json.loads((runs / variant / "runs.json").read_text())
    rec = json.loads((runs / variant / man["runs"][0]["metrics"]).read_text())
    assert rec["metrics"] and all(math.isfinite(v) for v in rec["metrics"].values())
    arts = {a.path for a in MlflowClient(rec["tracking_uri"]).list_artifacts(rec["run_id"])}
    for m in models:
        path = runs / variant / "seed=0" / "models" / f"{m}.pt"
        state = torch.load(path, weights_only=True)
        assert all(isinstance(v, torch.Tensor) for v in state.values())
        assert f"{m}.pt" in arts
    assert list((runs / "mlartifacts").rglob(f"{models[0]}.pt"))   # beside the store, not ./mlruns


def test_containment_holds_at_any_size(runs):
    m = json.loads((runs / "pgd" / "seed=0" / "metrics.json").read_text())["metrics"]
    for model in ("std", "adv"):
        assert m[f"{model}_ball_excess"] <= 1e-6 and m[f"{model}_box_excess"] == 0


def test_aggregate_figures_and_claims(runs, tmp_path):
    tables = tmp_path / "tables"
    man = [str(runs / v / "runs.json") for v in TINY]
    assert cli.main(["aggregate", "--runs", *man, "--out", str(tables)]) == 0
    assert cli.main(["figures", "robustness", "--tables", str(tables), "--out", str(tmp_path / "fig")]) == 0
    for fig in ("F1", "F2", "F3", "F4"):
        assert (tmp_path / "fig" / f"{fig}.png").is_file()
    out = tmp_path / "claims.json"
    assert cli.main(["check", "robustness", "--tables", str(tables), "--out", str(out),
                     "--figures-dir", str(tmp_path / "fig")]) == 0
    claims = json.loads(out.read_text())
    assert [c["id"] for c in claims["claims"]] == ["F1", "F2", "F3", "F4"]
    f2 = next(c for c in claims["claims"] if c["id"] == "F2")
    certs = [k for k in f2["checks"] if k["kind"] == "certificate"]
    assert len(certs) == 4 and all(k["passed"] for k in certs)   # containment holds at any size


def test_step_larger_than_eps_is_one_line(tmp_path, capsys):
    rc = cli.main(["run", "robustness", "--variant", "pgd", "--cfg", '{"eps": 0.1, "step": 0.2}',
                   "--out", str(tmp_path / "x"), "--results", str(tmp_path)])
    assert rc == 2 and capsys.readouterr().err.strip() == \
        "error: robustness.pgd: step 0.2 is larger than eps 0.1"
    assert not (tmp_path / "x").exists()
