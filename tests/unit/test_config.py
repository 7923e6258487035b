"""Typed configuration (strategic.config): defaults, the shipped YAML profiles, and one
error per class of mistake, each naming the offending key."""

import dataclasses
from pathlib import Path

import pytest
import yaml

from strategic import config as C
from strategic.games.config import GamesGD, GamesGrid

ROOT = Path(__file__).resolve().parents[2]


def _deep_merge(base: dict, over: dict) -> dict:
    """Later mappings override earlier ones key by key (as `snakemake --configfile` does)."""
    out = dict(base)
    for k, v in over.items():
        out[k] = _deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def _load(*names: str) -> dict:
    raw: dict = {}
    for name in names:
        raw = _deep_merge(raw, yaml.safe_load((ROOT / name).read_text()) or {})
    return raw


def test_validate_empty_fills_every_default():
    """validate({}) returns every top-level, mlflow and variant field at its dataclass default."""
    out = C.validate({})
    top = dataclasses.asdict(C.Top())
    assert set(out) == set(top) | {"mlflow"} | set(C.STUDIES)
    for k, v in top.items():
        assert out[k] == v
    assert out["mlflow"] == dataclasses.asdict(C.Mlflow())
    for study, variants in C.STUDIES.items():
        assert set(out[study]) == set(variants)
        for name, cls in variants.items():
            assert out[study][name] == dataclasses.asdict(cls())


@pytest.mark.parametrize("files,profile", [
    (("config.yaml",), "quick"),
    (("config.yaml", "config/smoke.yaml"), "smoke"),
    (("config.yaml", "config/paper.yaml"), "paper"),
], ids=["quick", "smoke", "paper"])
def test_shipped_profiles_validate(files, profile):
    """config.yaml alone and overlaid with smoke/paper validates, and the overlay wins."""
    raw = _load(*files)
    out = C.validate(raw)
    assert out["profile"] == profile
    for variant, values in (raw.get("games") or {}).items():
        for k, v in values.items():
            assert out["games"][variant][k] == v


def test_overlay_keeps_unmentioned_keys():
    """The smoke overlay changes games.gd.n_inits but keeps config.yaml's games.gd.lr."""
    import yaml
    smoke = yaml.safe_load((ROOT / "config" / "smoke.yaml").read_text())
    out = C.validate(_load("config.yaml", "config/smoke.yaml"))
    base = C.validate(_load("config.yaml"))
    assert out["games"]["gd"]["n_inits"] == smoke["games"]["gd"]["n_inits"] != base["games"]["gd"]["n_inits"]
    assert out["games"]["gd"]["lr"] == base["games"]["gd"]["lr"]
    assert out["games"]["grid"]["n"] % 2 == 1


ERRORS = [
    ("unknown_key", {"games": {"gd": {"foo": 1}}}, "games.gd.foo"),
    ("wrong_type", {"games": {"gd": {"steps": "abc"}}}, "games.gd.steps"),
    ("negative_lr", {"games": {"gd": {"lr": -0.1}}}, "games.gd.lr"),
    ("zero_seeds", {"games": {"mlp": {"seeds": []}}}, "games.mlp.seeds"),
    ("negative_seed", {"games": {"gd": {"seeds": [0, -1]}}}, "games.gd.seeds"),
    ("unknown_variant", {"games": {"foo": {}}}, "games.foo"),
    ("unknown_study", {"studies": ["games", "nope"]}, "studies"),
    ("even_grid", {"games": {"grid": {"n": 200}}}, "games.grid.n"),
    ("odd_even_grid", {"games": {"grid": {"n_even": 201}}}, "games.grid.n_even"),
    ("bool_for_int", {"games": {"gd": {"steps": True}}}, "games.gd.steps"),
    ("unknown_method", {"games": {"bilinear": {"methods": ["gda", "sgd"]}}}, "games.bilinear.methods"),
    ("unknown_top_key", {"studys": ["games"]}, "studys"),
    ("cournot_lr_unstable", {"games": {"existence": {"cournot_lr": 0.7}}}, "games.existence.cournot_lr"),
    ("bimatrix_too_big", {"games": {"existence": {"game_size": 9}}}, "games.existence.game_size"),
    ("one_truncation_size", {"games": {"oracle_n": {"td_sizes": [4, 4]}}}, "games.oracle_n.td_sizes"),
    ("negative_tol", {"games": {"oracle": {"tol": -1e-9}}}, "games.oracle.tol"),
    ("seeds_of_a_deterministic_variant", {"games": {"sperner_exact": {"seeds": [0, 1]}}},
     "games.sperner_exact.seeds"),
    ("history_too_short_for_a_slope", {"games": {"oracle": {"hist_iters": 10}}}, "games.oracle.hist_iters"),
]


@pytest.mark.parametrize("raw,key", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_config_error_names_key(raw, key):
    """Each invalid config raises ConfigError whose one-line message names the key."""
    with pytest.raises(C.ConfigError) as err:
        C.validate(raw)
    msg = str(err.value)
    assert key in msg and "\n" not in msg


def test_float_accepts_int_and_yaml_exponent_string():
    """An int or a YAML-1.1 exponent string ('1e-3') is accepted for a float field."""
    out = C.validate({"games": {"gd": {"lr": 1, "mf_init_scale": "1e-3"}}})
    assert out["games"]["gd"]["lr"] == 1.0 and isinstance(out["games"]["gd"]["lr"], float)
    assert out["games"]["gd"]["mf_init_scale"] == 1e-3


@pytest.mark.parametrize("study,variant", [(s, v) for s, vs in C.STUDIES.items() for v in vs])
def test_every_variant_field_documented_in_config_yaml(study, variant):
    """config.yaml lists every field of every variant (so every default is documented there)."""
    raw = yaml.safe_load((ROOT / "config.yaml").read_text())
    fields = {f.name for f in dataclasses.fields(C.STUDIES[study][variant])}
    assert set(raw[study][variant]) == fields


def test_top_and_mlflow_fields_documented_in_config_yaml():
    """config.yaml lists every top-level and mlflow field."""
    raw = yaml.safe_load((ROOT / "config.yaml").read_text())
    top = {f.name for f in dataclasses.fields(C.Top)}
    assert top <= set(raw)
    assert set(raw["mlflow"]) == {f.name for f in dataclasses.fields(C.Mlflow)}


def test_bool_accepts_true_false_text():
    """`snakemake --config group_jobs=false` hands the value as the string 'false'."""
    assert C.validate({"group_jobs": "false"})["group_jobs"] is False
    assert C.validate({"group_jobs": "True"})["group_jobs"] is True
    with pytest.raises(C.ConfigError, match="group_jobs: expected bool"):
        C.validate({"group_jobs": "maybe"})


def test_config_yaml_states_the_defaults_once():
    """config.yaml documents the defaults; it must not silently differ from them (defaults
    live in the dataclasses, the YAML restates them with comments)."""
    raw = yaml.safe_load((ROOT / "config.yaml").read_text())
    assert C.validate(raw) == C.validate({})


def test_variant_config():
    """variant_config builds the typed variant from JSON and rejects unknown studies/variants."""
    cfg = C.variant_config("games", "grid", '{"n": 21, "n_even": 20}')
    assert isinstance(cfg, GamesGrid) and cfg.n == 21 and cfg.n_even == 20
    assert C.variant_config("games", "gd", None) == GamesGD()
    with pytest.raises(C.ConfigError, match="nope"):
        C.variant_config("nope", "gd", None)
    with pytest.raises(C.ConfigError, match="games.nope"):
        C.variant_config("games", "nope", None)
    with pytest.raises(C.ConfigError, match="games.gd.foo"):
        C.variant_config("games", "gd", {"foo": 1})
