"""The CLI's promises: truthful --help, and bad input -> exit 2 with one line, nothing written."""

import pytest

from strategic import cli


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as e:
        cli.main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("run", "run-job", "init-tracking", "aggregate", "plot", "figures", "check", "report", "validate", "ttt"):
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
    (["run-job", "games", "games", "--out", "{tmp}/g", "--tracking", "{tmp}/t.json"],
     "missing tracking file"),
    (["figures", "nope", "--tables", "{tmp}", "--out", "{tmp}/f"], "unknown study 'nope'"),
    (["figures", "games", "--tables", "{tmp}/none", "--out", "{tmp}/f"], "missing tables folder"),
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


def test_run_job_unknown_job_one_line(tmp_path, capsys):
    track = tmp_path / "t.json"
    track.write_text('{"tracking_uri": "sqlite:///%s/m.db", "experiment_prefix": "x"}' % tmp_path)
    assert cli.main(["run-job", "games", "nope", "--out", str(tmp_path / "g"),
                     "--tracking", str(track)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "unknown job games.nope (known: " in err[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.json"]
