"""strategic.safeio and the UI command line: one-line errors naming the file, atomic writes."""

import json
import sqlite3

import pytest

from strategic import safeio
from strategic.ui import ui_command


def test_atomic_write_leaves_only_the_final_file(tmp_path):
    p = safeio.atomic_write_text(tmp_path / "a" / "report.md", "hello")
    assert p.read_text() == "hello" and [x.name for x in p.parent.iterdir()] == ["report.md"]


@pytest.mark.parametrize("text, what", [("a,b\n1,2\n3", "line 3 has another number of fields"),
                                        ("", "no header")])
def test_check_tables_names_the_corrupt_table(tmp_path, text, what):
    (tmp_path / "games" / "tables").mkdir(parents=True)
    bad = tmp_path / "games" / "tables" / "runs.csv"
    bad.write_text(text)
    with pytest.raises(safeio.InputError, match=f"corrupt table {bad}: {what}"):
        safeio.check_tables(tmp_path)
    bad.write_bytes(bytes(range(256)))
    with pytest.raises(safeio.InputError, match=f"corrupt table {bad}"):
        safeio.check_tables(tmp_path)
    bad.write_text("a,b\n1,2\n")
    safeio.check_tables(tmp_path)


def test_read_json_and_csv_errors(tmp_path):
    with pytest.raises(safeio.InputError, match="missing file"):
        safeio.read_json(tmp_path / "none.json")
    (tmp_path / "x.json").write_text('{"a": ')
    with pytest.raises(safeio.InputError, match=f"corrupt JSON file {tmp_path / 'x.json'}"):
        safeio.read_json(tmp_path / "x.json")
    (tmp_path / "t.csv").write_text("")
    with pytest.raises(safeio.InputError, match=f"corrupt table {tmp_path / 't.csv'}"):
        safeio.read_csv(tmp_path / "t.csv")


def test_sqlite_store_check(tmp_path):
    db = tmp_path / "mlflow.db"
    safeio.check_sqlite_store(db)  # absent: fine, it will be created
    db.write_bytes(b"garbage" * 100)
    with pytest.raises(safeio.InputError, match=f"unreadable MLflow database {db}"):
        safeio.check_sqlite_store(db)
    db.unlink()
    sqlite3.connect(db).close()  # a SQLite file without MLflow's tables
    with pytest.raises(safeio.InputError, match="no such table"):
        safeio.check_sqlite_store(db)


def test_results_of_another_profile(tmp_path):
    (tmp_path / "tracking.json").write_text(json.dumps({"profile": "smoke"}))
    safeio.check_results_profile(tmp_path, "smoke")
    with pytest.raises(safeio.InputError, match="holds a 'smoke' run"):
        safeio.check_results_profile(tmp_path, "quick")


def test_ui_command_is_loopback_one_worker_no_jobs(tmp_path, monkeypatch):
    with pytest.raises(safeio.InputError, match="no MLflow store"):
        ui_command(tmp_path, 5000)
    con = sqlite3.connect(tmp_path / "mlflow.db")
    con.execute("CREATE TABLE alembic_version (version_num TEXT)")
    con.commit()
    con.close()
    argv, env = ui_command(tmp_path, 5123)
    assert argv[argv.index("--host") + 1] == "127.0.0.1" and argv[argv.index("--workers") + 1] == "1"
    assert argv[argv.index("--port") + 1] == "5123"
    assert env["MLFLOW_SERVER_ENABLE_JOB_EXECUTION"] == "false"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://host:5000")
    with pytest.raises(safeio.InputError, match="is a tracking server"):
        ui_command(tmp_path, 5000)
