"""The CLI's promises: truthful --help, and bad input -> exit 2 with one line, nothing written."""

import pytest

from strategic import cli


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("run", "init-tracking", "aggregate", "plot", "check", "report", "validate"):
        assert cmd in out


@pytest.mark.parametrize("argv, message", [
    (["aggregate", "--runs", "{tmp}/nope/runs.json", "--out", "{tmp}/t"], "missing run file"),
    (["plot", "Z9", "--tables", "{tmp}", "--out", "{tmp}/f.png"], "unknown figure 'Z9'"),
    (["plot", "A1", "--tables", "{tmp}", "--out", "{tmp}/f.png"], "missing table"),
    (["check", "games", "--tables", "{tmp}", "--out", "{tmp}/c.json"], "missing runs table"),
    (["report", "--claims", "{tmp}/none.json", "--out", "{tmp}/c.json", "--md", "{tmp}/r.md"],
     "missing claims file"),
    (["validate", "{tmp}/none.yaml"], "missing config file"),
    (["run", "games", "--variant", "nope", "--out", "{tmp}/r"], "unknown variant games.nope"),
    (["run", "games", "--variant", "gd", "--cfg", "{{bad", "--out", "{tmp}/r"], "--cfg is not valid JSON"),
])
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, capsys, argv, message):
    before = set(tmp_path.rglob("*"))
    assert cli.main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and message in err[0]
    assert set(tmp_path.rglob("*")) == before


def test_validate_bad_value_names_the_key(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("games:\n  bilinear:\n    lr: -0.5\n")
    assert cli.main(["validate", str(bad)]) == 2
    assert capsys.readouterr().err.strip() == "error: config error: games.bilinear.lr: must be > 0, got -0.5"
