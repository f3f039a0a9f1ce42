"""The example workbooks committed in `demo/` are exactly what the generator produces, so they never drift."""

from pathlib import Path

import pytest
from django.conf import settings

from assessment.demo.build import demo_build
from assessment.demo.workbooks import PLAN_FILE, SCORES_FILE, workbook_values, workbooks_write

COMMITTED = Path(settings.BASE_DIR) / "demo"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return workbooks_write(data=demo_build(year=2025), out_dir=tmp_path_factory.mktemp("regenerated"))


@pytest.mark.parametrize("filename", [PLAN_FILE, SCORES_FILE])
def test_committed_workbook_equals_the_generated_one_sheet_by_sheet(generated, filename):
    name = filename.format(year=2025)
    committed = workbook_values(COMMITTED / name)
    fresh = workbook_values(next(p for p in generated if p.name == name))
    assert list(committed) == list(fresh)
    for sheet in fresh:
        assert committed[sheet] == fresh[sheet], f"{name} 的工作表“{sheet}”与生成结果不一致，请运行 seed_demo 重新生成"


def test_generator_is_deterministic():
    first, second = demo_build(year=2025), demo_build(year=2025)
    assert first.entries == second.entries and first.cadres == second.cadres
