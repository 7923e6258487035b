"""The registration mechanism and the layers: specs load on their own (no torch), the
contracts import nothing of the project, studies never import the layers above them, and a
run job's code inputs are exactly what its run modules import."""

import subprocess
import sys

import pytest

from strategic import codedeps, registry
from strategic.contracts import Study, Variant

ROOT = codedeps.ROOT
ABOVE = {"registry.py", "config.py", "cli.py", "runner.py", "__main__.py"}


def rel(paths) -> set[str]:
    return {str(p.relative_to(ROOT)) for p in paths}


@pytest.mark.parametrize("name", registry.STUDY_NAMES)
def test_spec_imports_alone_without_torch(name):
    """`import strategic.<study>.spec` works in a fresh process and loads no heavy library."""
    code = (f"import sys, strategic.{name}.spec as s; "
            "heavy = [m for m in ('torch', 'lightning', 'pandas', 'mlflow') if m in sys.modules]; "
            "print(type(s.STUDY).__name__, heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Study []"


def test_contracts_import_nothing_of_the_project():
    assert rel(codedeps.closure("strategic.contracts")) == {"__init__.py", "contracts.py"}


@pytest.mark.parametrize("name", registry.STUDY_NAMES)
def test_studies_never_import_the_layers_above_them(name):
    mods = [p for p in (ROOT / name).glob("*.py")]
    for path in mods:
        found = rel(codedeps.closure(f"strategic.{name}.{path.stem}"))
        assert not found & ABOVE, (path.name, found & ABOVE)


@pytest.mark.parametrize("name", registry.STUDY_NAMES)
def test_run_code_excludes_figures_and_claims(name):
    spec = registry.study(name)
    found = rel(codedeps.closure(*{v.module for v in spec.variants.values()}))
    assert f"{name}/config.py" in found
    assert not {f"{name}/figures.py", f"{name}/claims.py"} & found
    assert not any(p.startswith("report/") for p in found)


def test_every_study_is_registered_by_its_spec():
    for name, spec in registry.studies().items():
        assert isinstance(spec, Study) and spec.name == name
        assert all(isinstance(v, Variant) for v in spec.variants.values())
        assert all(v.key_metric for v in spec.variants.values()), name  # the UI's column
        for v in spec.variants:
            assert callable(registry.get_run(name, v))


def test_jobs_group_cheap_variants_and_cover_every_variant_once():
    for name, spec in registry.studies().items():
        for grouped in (True, False):
            jobs = registry.jobs(name, grouped)
            flat = [v for vs in jobs.values() for v in vs]
            assert sorted(flat) == sorted(spec.variants)
        assert registry.jobs(name, False) == {v: [v] for v in spec.variants}
    assert len(registry.jobs("games")) < len(registry.study("games").variants)


def test_unknown_names_are_one_line_key_errors():
    with pytest.raises(KeyError, match=r"unknown study 'nope' \(known: "):
        registry.study("nope")
    with pytest.raises(KeyError, match=r"unknown variant games.nope \(known: "):
        registry.variant("games", "nope")
    with pytest.raises(KeyError, match="unknown figure 'Z9'"):
        registry.figure_study("Z9")


def test_closure_follows_relative_and_function_level_imports(tmp_path):
    """The AST walk sees `from . import x` and imports inside functions (lazy imports)."""
    found = rel(codedeps.closure("strategic.cli"))
    assert "runner.py" in found and "report/figures.py" in found  # imported inside commands


def test_expected_cpu_minutes_prefers_this_folders_measurement(tmp_path):
    jobs = registry.jobs("gans")
    hint = sum(registry.variant("gans", v).cpu_minutes for v in jobs["gans"])
    assert hint > 0
    bench = tmp_path / "gans.tsv"
    assert registry.expected_cpu_minutes("gans", jobs["gans"], bench) == hint   # fresh clone
    bench.write_text("s\th:m:s\tmax_rss\tcpu_time\n855.69\t0:14:15\t932.3\t527.35\n")
    assert registry.expected_cpu_minutes("gans", jobs["gans"], bench) == pytest.approx(527.35 / 60)
    bench.write_text("s\n")                                                      # truncated
    assert registry.expected_cpu_minutes("gans", jobs["gans"], bench) == hint
