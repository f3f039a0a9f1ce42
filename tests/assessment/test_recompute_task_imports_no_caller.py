"""The recompute task imports nothing back from the queue that sends it: the queue sends it by name, and both share
only the mark module. Read from the source, so a lazy import inside a function counts too."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import assessment.recompute

PACKAGE = Path(assessment.recompute.__file__).parent


def _imports(module: str) -> set[str]:
    """Every module ``module`` (a file of assessment.recompute) imports, anywhere in it."""
    tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize(
    ("module", "never"), [("tasks", "assessment.recompute.queue"), ("queue", "assessment.recompute.tasks")]
)
def test_the_queue_and_the_task_do_not_import_each_other(module, never):
    assert never not in _imports(module)


def test_every_process_registers_the_task_the_queue_sends_by_name():
    # A fresh process that never imports the tasks itself, as a web process: the name must resolve to the task.
    probe = (
        "import django; django.setup(); from celery import current_app; "
        "from assessment.recompute.queued import RECOMPUTE_TASK; "
        "print(current_app.tasks[RECOMPUTE_TASK].name)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.setdefault("SECRET_KEY", "test-only")
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=PACKAGE.parent.parent, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == "assessment.recompute.tasks.recompute_cycle"
