"""A city-scale cycle (600 units × 4 periods × 120 leaves, 8,000 cadres) exports in ≤ 5 s and ≤ 300 MB."""

import io
import re
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from assessment.workbooks.results_export import results_workbook_write
from tests.assessment.export.reading import sheet_xml
from tests.assessment.export.scale import city_results_create

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
CLEAR_REFS = Path("/proc/self/clear_refs")


@pytest.fixture
def city_cycle(cycle):
    city_results_create(cycle=cycle)
    return cycle


def _status_kb(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1))


def _timed(run) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _peak_growth(run) -> int:
    """How far the process's memory rose above where it stood while `run()` ran (bytes)."""
    try:
        CLEAR_REFS.write_text("5")  # Linux: reset the peak RSS (VmHWM) to the current RSS
    except OSError:
        tracemalloc.start()  # elsewhere: count Python allocations instead
        try:
            run()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    before = _status_kb("VmRSS")
    run()
    return (_status_kb("VmHWM") - before) * 1024


def test_a_city_scale_cycle_exports_within_five_seconds_and_300_mb(city_cycle, tmp_path):
    out = tmp_path / "city.xlsx"
    first = _timed(lambda: results_workbook_write(cycle=city_cycle, out=out))
    timings = []

    def export_to_memory():
        timings.append(_timed(lambda: results_workbook_write(cycle=city_cycle, out=io.BytesIO())))

    growth = _peak_growth(export_to_memory)
    # The better of two runs: a busy machine (other test processes) should not decide the figure.
    elapsed = min(first, *timings)

    assert elapsed <= 5, f"export took {elapsed:.1f} s"
    assert growth <= 300 * MB, f"memory rose by {growth / MB:.0f} MB"
    data = out.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
    detail = sheet_xml(data, "明细-P3")
    assert detail.count("<row ") == 2 + 600
    last_row = detail[detail.rindex("<row "):]
    assert last_row.count("<c ") == 3 + 120 + 5
    assert sheet_xml(data, "干部考核结果").count("<row ") == 2 + 8000
