"""The smoke tests' configs: config/smoke.yaml, the one tiny config shared with the workflow test."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def smoke_slices(study: str) -> dict[str, dict]:
    """Every variant's full config (defaults filled in) under config/smoke.yaml."""
    from strategic.config import validate
    return validate(yaml.safe_load((ROOT / "config" / "smoke.yaml").read_text()))[study]
