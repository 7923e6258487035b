"""strategic.jitcache: numba's kernel cache follows the source of every numba module, so a
kernel inlining an edited `register_jitable` helper from another file is compiled afresh."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numba

from strategic import jitcache

HELPER = "from numba.extending import register_jitable\n\n\n@register_jitable\ndef value():\n    return {}\n"
KERNEL = textwrap.dedent("""\
    import sys
    from pathlib import Path

    import numba
    from strategic import jitcache

    if sys.argv[1] == "keyed":
        jitcache.configure(Path(__file__).parent)
    from helper import value


    @numba.njit(cache=True)
    def kernel():
        return value()


    print(kernel())
    """)


def _run(pkg: Path, mode: str) -> int:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    out = subprocess.run([sys.executable, str(pkg / "kernel.py"), mode], cwd=pkg, env=env,
                         capture_output=True, text=True, check=True)
    return int(out.stdout.split()[-1])


def test_an_edited_helper_in_another_file_is_compiled_afresh(tmp_path):
    """With numba's own stamp the edited helper is not seen (the stale kernel is loaded: the
    hazard); with the cache folder keyed by the source it is."""
    for mode in ("plain", "keyed"):
        pkg = tmp_path / mode
        pkg.mkdir()
        (pkg / "kernel.py").write_text(KERNEL)
        (pkg / "helper.py").write_text(HELPER.format(1))
        assert _run(pkg, mode) == 1
        (pkg / "helper.py").write_text(HELPER.format(2))
        got = _run(pkg, mode)
        assert got == (1 if mode == "plain" else 2), mode


def test_digest_follows_numba_modules_only(tmp_path):
    (tmp_path / "a.py").write_text("import numba\nX = 1\n")
    (tmp_path / "b.py").write_text("Y = 1\n")
    d0 = jitcache.source_digest(tmp_path)
    (tmp_path / "b.py").write_text("Y = 2\n")
    assert jitcache.source_digest(tmp_path) == d0
    (tmp_path / "a.py").write_text("import numba\nX = 2\n")
    assert jitcache.source_digest(tmp_path) != d0


def test_configure_keys_the_package_cache_and_respects_numba_cache_dir(monkeypatch, tmp_path):
    before = numba.config.CACHE_DIR
    try:
        monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
        got = jitcache.configure()
        assert Path(got).name == f"numba-{jitcache.source_digest()}"
        monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path))
        numba.config.CACHE_DIR = str(tmp_path)
        assert jitcache.configure() == str(tmp_path)
    finally:
        numba.config.CACHE_DIR = before
