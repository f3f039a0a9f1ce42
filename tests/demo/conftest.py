"""The demo district, seeded once for this whole package inside a transaction that is rolled back at the end.

Seeding imports ~2,500 plan rows and ~7,500 score rows through the real imports, so it runs once; every test
still runs in its own savepoint (the `db` fixture) and cannot disturb the others.
"""

import pytest
from django.db import transaction

from assessment.demo.seed import demo_seed


@pytest.fixture(scope="package")
def demo_district(django_db_setup, django_db_blocker, tmp_path_factory):
    """The SeedReport of `demo_seed` on an empty database (workbooks written to a temporary directory)."""
    out_dir = tmp_path_factory.mktemp("demo")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        report = demo_seed(year=2025, out_dir=out_dir)
    yield report
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_cycle(demo_district, db):
    return demo_district.cycle
