"""`python -m strategic ttt`: the solver's value of every legal move, truthful --help, one-line
errors with exit status 2 on bad boards, and no torch import on this path."""

import json
import subprocess
import sys

import pytest

from strategic import cli


def test_talk_board_json(capsys):
    assert cli.main(["ttt", "--board", "x.xoo....", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "1": {"wdl": 1, "plies": 1}, "5": {"wdl": 1, "plies": 3}, "6": {"wdl": -1, "plies": 2},
        "7": {"wdl": -1, "plies": 2}, "8": {"wdl": -1, "plies": 2}}


def test_talk_board_text_marks_the_unique_best_move(capsys):
    assert cli.main(["ttt", "--board", "x.xoo...."]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("x| |x / o|o|") and "x to move" in lines[0]
    starred = [ln for ln in lines[1:] if ln.startswith("*")]
    assert starred == ["* cell 1 (top-middle): win in 1 ply"]
    assert "  cell 5 (middle-right): win in 3 plies" in lines


def test_o_to_move_and_draws(capsys):
    assert cli.main(["ttt", "--board", "....x....", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {c for c, v in out.items() if v["wdl"] == 0} == {"0", "2", "6", "8"}
    assert all(v == {"wdl": -1, "plies": 6} for c, v in out.items() if c in "1357")


@pytest.mark.parametrize("board, message", [
    ("x.xoo...", "board must have 9 cells"),
    ("x.xoo.....", "board must have 9 cells"),
    ("x.xoo..a.", "may only contain"),
    ("xxxx.o...", "impossible position"),
    ("ooox.xx.x", "impossible position"),
    ("ooo.xx.x.", "the game is over"),
    ("xxxoo.o..", "impossible position"),
    ("xxxoo....", "the game is over"),
])
def test_bad_board_one_line_exit_2(capsys, board, message):
    assert cli.main(["ttt", "--board", board]) == 2
    cap = capsys.readouterr()
    err = cap.err.strip().splitlines()
    assert cap.out == "" and len(err) == 1 and err[0].startswith("error: ") and message in err[0]


def test_help_is_listed_and_describes_the_output(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "ttt" in capsys.readouterr().out
    with pytest.raises(SystemExit) as e:
        cli.main(["ttt", "--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0 and "--board" in out and "--json" in out and "plies" in out


def test_ttt_does_not_import_torch():
    code = ("import sys; from strategic import cli; cli.main(['ttt', '--json']); "
            "assert 'torch' not in sys.modules and 'numpy' not in sys.modules")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
