"""Shared fixtures: a clean MLflow environment and the repository root."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_tracking_server(monkeypatch):
    """Tests write to their own SQLite stores, never to a server set in the environment."""
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)


@pytest.fixture
def root() -> Path:
    return ROOT
