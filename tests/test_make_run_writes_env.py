"""Issue 13 §12: trying it by hand. `make run` writes the development defaults to a .env that `manage.py` reads, so
`manage.py runserver` without DEBUG in the environment serves plain HTTP instead of redirecting to HTTPS."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _make_env(path: Path) -> None:
    subprocess.run(["make", "-s", "-C", str(ROOT), f"ENV_FILE={path}", str(path)], check=True, env=_clean_env())


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_SSL_REDIRECT", "KAOHE_ENV_FILE")}


def _settings_seen_by_manage_py(env_file: Path) -> str:
    code = "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)"
    env = {**_clean_env(), "KAOHE_ENV_FILE": str(env_file)}
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]  # after the shell's own notes on what it imported


def test_make_writes_the_development_defaults_that_manage_py_reads(tmp_path):
    env_file = tmp_path / ".env"
    _make_env(env_file)
    assert "DEBUG=True" in env_file.read_text().splitlines()
    assert _settings_seen_by_manage_py(env_file) == "True False"  # plain HTTP for runserver


def test_an_existing_env_file_is_never_overwritten(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=False\nSECRET_KEY=kept-by-the-office-0123456789012345678901234567890123\n")
    _make_env(env_file)
    assert env_file.read_text().startswith("DEBUG=False\n")
    assert _settings_seen_by_manage_py(env_file) == "False True"  # production keeps redirecting to HTTPS
