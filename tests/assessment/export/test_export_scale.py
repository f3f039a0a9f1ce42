"""A city-scale cycle (600 units × 4 periods × 120 leaves, 8,000 cadres) exports every row intact.

Speed and memory at this size are measured by `bench/recompute.py` (figures in docs/PERFORMANCE.md), not here:
timed assertions on a shared machine would be noise.
"""

import io
import zipfile

import pytest

from assessment.results.workbook import results_workbook_write
from tests.assessment.export.reading import sheet_xml
from tests.assessment.export.scale import city_results_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_cycle(cycle):
    city_results_create(cycle=cycle)
    return cycle


def test_a_city_scale_cycle_exports_every_row(city_cycle, tmp_path):
    out = tmp_path / "city.xlsx"
    results_workbook_write(cycle=city_cycle, out=out)
    data = out.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    detail = sheet_xml(data, "明细-P3")
    assert detail.count("<row ") == 4 + 600  # title, top-level indicators, names, header
    last_row = detail[detail.rindex("<row ") :]
    assert last_row.count("<c ") == 4 + 120 + 5
    assert sheet_xml(data, "干部考核结果").count("<row ") == 2 + 8000
