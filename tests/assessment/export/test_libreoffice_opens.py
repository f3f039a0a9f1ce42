"""LibreOffice opens the exported workbook: headless conversion to CSV (every sheet) and to PDF succeeds.

Needs `soffice` (Debian package libreoffice-calc-nogui). Skipped only on a developer machine without it; under
CI=true a missing LibreOffice is a failure, not a skip.
"""

import csv
import os
import re
import shutil
import subprocess

import pytest

from assessment.results.workbook import results_workbook_write

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Field separator, quote, UTF-8, from line 1, …, save cell contents as shown (formatted), …, sheet -1 = all sheets.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


@pytest.fixture
def soffice():
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required under CI: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def _convert(soffice, source, target, out_dir, profile):
    return subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _csv(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_libreoffice_converts_every_sheet_with_the_expected_figures(soffice, cycle_with_results, tmp_path):
    source = tmp_path / "results.xlsx"
    results_workbook_write(cycle=cycle_with_results, out=source)
    out_dir = tmp_path / "out"

    done = _convert(soffice, source, CSV_FILTER, out_dir, tmp_path / "profile")

    assert done.returncode == 0, done.stderr
    units = _csv(out_dir / "results-综合考核结果.csv")
    assert units[1][:6] == ["单位编码", "单位名称", "类别", "类别名称", "排名", "综合得分"]
    assert units[2] == [
        *("D01", "财政局", "JJ", "经济部门", "1", "79.99", "合格", "黄", "是", "否", "0.80", "3,200,000.00")
    ]
    assert units[3][:7] == ["T02", "乙镇", "ZJ", "镇街", "1", "92.35", "优秀"]
    q1 = {row[0]: row for row in _csv(out_dir / "results-明细-Q1.csv")}
    header = q1["单位编码"]
    assert q1["T01"][header.index("K01")] == "-2.00"
    assert q1["T03"][header.index("V01")] == "2"
    assert q1["D01"][header.index("A01")] == ""
    decomposition = {row[0]: row for row in _csv(out_dir / "results-目标分解.csv")}
    assert decomposition["A02"][4] == "95.23"


def test_libreoffice_prints_the_workbook_to_pdf(soffice, cycle_with_results, tmp_path):
    source = tmp_path / "results.xlsx"
    results_workbook_write(cycle=cycle_with_results, out=source)

    done = _convert(soffice, source, "pdf", tmp_path, tmp_path / "profile")

    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "results.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox[0 0 841.8" in pdf.replace(b"[ ", b"[")  # A4 landscape: 842 × 595 points


def _page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in whole points of every page, in order, from the /MediaBox of each page object (not of
    the /Pages tree, which LibreOffice also gives one)."""
    sizes = []
    for body in re.findall(rb"\d+ 0 obj(.*?)endobj", pdf, flags=re.DOTALL):
        box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", body)
        if box and re.search(rb"/Type\s*/Page(?![a-zA-Z])", body):
            sizes.append((round(float(box[1])), round(float(box[2]))))
    return sizes


def test_a_wide_workbook_prints_its_detail_sheets_on_one_a3_landscape_page_each(soffice, wide_cycle, tmp_path):
    # Issue 13 §5: 66 indicator columns on one A4 width could not be read; fitted to an A3 width each 明细 sheet
    # of the five units is one page, the other sheets stay one A4 landscape page each.
    source = tmp_path / "results.xlsx"
    results_workbook_write(cycle=wide_cycle, out=source)

    done = _convert(soffice, source, "pdf", tmp_path, tmp_path / "profile")

    assert done.returncode == 0, done.stderr
    a4, a3 = (842, 595), (1191, 842)
    sizes = _page_sizes((tmp_path / "results.pdf").read_bytes())
    assert sizes == [a4, a3, a3, a4, a4], sizes
