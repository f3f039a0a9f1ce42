"""The demo district's supervision: about 3 督办事项 per unit with milestones and monthly reports, 红黄黑档案
records of the cycle year that feed its 获上级表彰 (红) and 督查督办通报 (黄) indicators, a few reports waiting
for review, one returned, and the daily job's proposed 黄 records.

Items are dated relative to the seeding day (`today`) so that the board shows every light — 超期, 滞后, 临期,
正常 and 已办结 — and some 缺报, whenever the demo is seeded. Records are dated in the cycle year, inside its
periods' ranges, so they feed the indicators. Everything goes in through the 督查台账 import and the services.
"""

import datetime
import io
import random
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from assessment.demo.district import UNITS
from assessment.supervision.daily import supervision_daily
from assessment.supervision.models import Item, Report, ReportStatus
from assessment.supervision.services import report_file, report_review
from assessment.supervision.status import latest_report_month, report_due_day
from assessment.supervision.workbook_import import COLUMNS, supervision_import

SUPERVISION_FILE = "督查台账-示范区-{year}.xlsx"
DAY = datetime.timedelta(days=1)
SOURCES = ("目标任务", "重点项目", "领导批示", "会议议定", "其他")
TITLES = (
    "老旧小区改造提升",
    "营商环境优化攻坚",
    "河湖长制问题整改",
    "重点项目征地拆迁",
    "数字政务平台建设",
    "安全生产隐患排查整治",
    "农村人居环境整治",
    "招商引资项目落地",
    "民生实事项目推进",
    "信访积案化解",
)
# pattern → (start offset, milestone offsets, reports as (offset, percent, milestone done))
PATTERNS = {
    "done": (-200, (-150, -60), ((-152, 45, 1), (-62, 100, 2))),
    "overdue": (-150, (-20, 120), ((-60, 30, None),)),
    "behind": (-100, (40, 80), ((-40, 20, None),)),
    "due_soon": (-60, (4, 150), ((-20, 30, None),)),
    "on_track": (-30, (45, 260), ((-10, 12, None),)),
}
ORDER = ("on_track", "due_soon", "behind", "overdue", "done", "on_track")


@dataclass(frozen=True)
class Planned:
    code: str
    unit: str
    leader: str
    pattern: str
    start: datetime.date
    missing: bool  # leave the latest monthly report out (缺报)


def _latest_window(start: datetime.date, today: datetime.date):
    month = latest_report_month(start, today, 5)
    if month is None:
        return None
    return datetime.date(month[0], month[1], 1), report_due_day(*month, 5)


def _monthly_report_day(start: datetime.date, today: datetime.date) -> datetime.date | None:
    """A day inside the window of the latest monthly report due before today (none: no report is due yet)."""
    month = latest_report_month(start, today, 5)
    if month is None:
        return None
    due = report_due_day(*month, 5)
    return max(datetime.date(month[0], month[1], 1), start, min(due, today - DAY))


def supervision_book(*, year: int, today: datetime.date, cadres) -> tuple[bytes, list[Planned]]:
    """The demo's 督查台账 workbook (bytes) and what it plans."""
    rng = random.Random(f"supervision-{year}")
    first_cadre = {}
    for cadre in cadres:
        first_cadre.setdefault(cadre.unit, cadre.code)
    sheets = {name: [] for name in COLUMNS}
    planned = []
    for n, unit in enumerate(UNITS):
        for k in range(3 if n % 3 else 2):
            pattern = ORDER[(n + k) % len(ORDER)]
            start_off, steps, reports = PATTERNS[pattern]
            start = today + start_off * DAY
            code = f"DB{n + 1:03d}{k + 1}"
            missing = pattern in ("behind", "overdue") and rng.random() < 0.4
            planned.append(Planned(code, unit.code, first_cadre[unit.code], pattern, start, missing))
            title = TITLES[(n * 3 + k) % len(TITLES)]
            sheets["督办事项"].append(
                [code, f"{unit.name}{title}", SOURCES[(n + k) % 5], unit.code, first_cadre[unit.code], None, start]
            )
            for number, offset in enumerate(steps, start=1):
                content = "完成方案与前期手续" if number == 1 else "完成建设并通过验收"
                sheets["节点"].append([code, number, content, today + offset * DAY])
            window = _latest_window(start, today)
            for offset, percent, done in reports:
                day = today + offset * DAY
                if missing and window and window[0] <= day <= window[1]:
                    continue  # the unit did not report for that month: 缺报
                sheets["进展"].append([code, day, percent, done, "按计划推进"])
            monthly = _monthly_report_day(start, today)
            if pattern != "done" and not missing and monthly is not None:
                last = reports[-1][1]
                sheets["进展"].append([code, monthly, last + rng.randint(0, 5), None, "月度进展"])
    sheets["档案"] = _records(rng, year, planned)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(COLUMNS[name])
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = "yyyy-mm-dd"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), planned


def _records(rng, year: int, planned: list[Planned]) -> list[list]:
    rows, seq = [], 0
    commendations = ("获省级先进集体表彰", "工作经验获市委推广", "获全国示范单位称号", "获市级表彰")
    warnings = ("督查通报：工作推进滞后", "督查通报：整改不到位", "督查通报：报送材料不实")
    for n, unit in enumerate(UNITS):
        if n % 4 == 0:
            seq += 1
            points = rng.choice((1, 1, 1.5, 2))
            date = datetime.date(year, rng.choice((3, 5, 8, 11)), rng.randint(1, 28))
            rows.append(
                [
                    f"HHH{seq:03d}",
                    unit.code,
                    None,
                    "红",
                    date,
                    commendations[n % 4],
                    f"区委〔{year}〕{10 + seq}号",
                    points,
                    None,
                ]
            )
        if n % 5 == 2:
            for _ in range(1 + (n % 2)):
                seq += 1
                date = datetime.date(year, rng.choice((2, 4, 6, 9, 10, 12)), rng.randint(1, 28))
                rows.append(
                    [
                        f"HHH{seq:03d}",
                        unit.code,
                        None,
                        "黄",
                        date,
                        warnings[seq % 3],
                        f"区督〔{year}〕{seq}号",
                        None,
                        None,
                    ]
                )
        if n == 17:
            seq += 1
            rows.append(
                [
                    f"HHH{seq:03d}",
                    unit.code,
                    None,
                    "黑",
                    datetime.date(year, 9, 12),
                    "问责：重大项目推进中失职失责",
                    f"区纪〔{year}〕2号",
                    None,
                    None,
                ]
            )
    return rows


def demo_supervision_seed(*, cycle, office, liaison, today: datetime.date, cadres, out_dir: Path) -> list[str]:
    """Import the demo's 督查台账, file and review some reports on the pages' services, run the daily job."""
    content, planned = supervision_book(year=cycle.year, today=today, cadres=cadres)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / SUPERVISION_FILE.format(year=cycle.year)
    path.write_bytes(content)
    summary = supervision_import(file=io.BytesIO(content), cycle=cycle, user=office)
    lines = [
        f"督查台账：督办事项 {summary.items_created} 项，进展报告 {summary.reports_added} 份，"
        f"档案记录 {summary.records_created} 条"
    ]
    items = {i.code: i for i in Item.objects.filter(cycle=cycle).select_related("unit")}
    waiting = 0
    for plan in planned:
        item = items[plan.code]
        if plan.unit != liaison_unit(liaison) or plan.pattern == "done":
            continue
        if Report.objects.filter(item=item, status=ReportStatus.PENDING).exists():
            continue
        report = report_file(
            item=item, user=liaison, report_date=today, percent=35, text="本月完成方案评审，已进场施工"
        )
        waiting += 1
        if waiting == 1:
            report_review(report=report, user=office, approve=False, reason="请补充现场照片等佐证材料")
    result = supervision_daily(today)
    lines.append(f"每日督查任务：提出待确认黄色档案记录 {result.proposed} 条")
    return lines


def liaison_unit(user) -> str:
    membership = user.memberships.filter(role="liaison").select_related("unit").first()
    return membership.unit.code if membership else ""
