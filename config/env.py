"""Small helpers that read Ladder's settings from the environment."""

import os
import secrets
from pathlib import Path


def env_bool(name, default=False):
    """Read a yes/no setting: 1, true, yes and on mean yes."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def development_secret_key(var_dir: Path) -> str:
    """A per-checkout key for local development, kept out of the repository in var/."""
    var_dir.mkdir(parents=True, exist_ok=True)
    key_file = var_dir / "dev_secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
    return key_file.read_text().strip()
