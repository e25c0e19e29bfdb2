"""The one place that decides where prep keeps the user's data."""

from __future__ import annotations

import os
from pathlib import Path

from interview_cli.errors import PrepError

APP_NAME = "prep"


def data_dir() -> Path:
    """The folder for the progress database, created on first use.

    ``PREP_HOME`` overrides the platform's user data folder, so tests and
    people with several profiles can point prep anywhere.
    """
    home = os.environ.get("PREP_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return _ensure_writable(path)


def cache_dir() -> Path:
    """A folder for things prep can rebuild at will (the parsed bank)."""
    home = os.environ.get("PREP_HOME")
    if home:
        path = Path(home).expanduser() / "cache"
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    return _ensure_writable(path)


def _ensure_writable(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PrepError(
            f"cannot create the data folder {path} ({err.strerror}); "
            "set PREP_HOME to a folder you can write to"
        ) from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise PrepError(
            f"the data folder {path} is not writable; "
            "fix its permissions or set PREP_HOME to a folder you can write to"
        )
    return path


def log_dir() -> Path:
    """A folder for prep's debug logs (what the grader and sandbox did)."""
    home = os.environ.get("PREP_HOME")
    if home:
        path = Path(home).expanduser() / "logs"
    else:
        import platformdirs

        path = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    return _ensure_writable(path)
