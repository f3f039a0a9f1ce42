"""The demo's plan workbook 考核方案 and score workbook 评分表, in the exact formats of WORKBOOKS.md §1–2.

They double as format examples for new users: a title row above each header, a frozen header, sensible
widths, a 填表说明 sheet, and grey helper columns (names) to the right that the imports ignore.
"""

import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assessment.demo.build import DemoData
from assessment.demo.district import (
    CATEGORIES,
    CYCLE_NAME,
    INDICATOR_BY_CODE,
    INDICATORS,
    SETTINGS,
    UNIT_BY_CODE,
    UNITS,
)
from assessment.scoring.rules import RULE_NAMES

PLAN_FILE = "考核方案-示范区-{year}.xlsx"
SCORES_FILE = "评分表-示范区-{year}.xlsx"
FIXED_TIME = datetime(2025, 1, 1, 9, 0, 0)  # no wall-clock creation time in a committed example

TITLE_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HELP_FONT = Font(bold=True, color="808080")
HELP_FILL = PatternFill("solid", fgColor="EDEDED")


def _cell(value):
    """Numbers as Excel numbers (int when whole), "" as an empty cell, everything else as given."""
    if value == "":
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _sheet(
    workbook,
    name: str,
    title: str,
    headers: list[str],
    rows: list[list],
    *,
    helpers: list[str] = (),
    text_columns: tuple[int, ...] = (0,),
):
    """A sheet with a title row, the contract's header row, data rows and grey helper columns to the right."""
    sheet = workbook.create_sheet(name)
    columns = list(headers) + list(helpers)
    sheet.append([title])
    sheet.append(columns)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = TITLE_FONT
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    for n, cell in enumerate(sheet[2]):
        helper = n >= len(headers)
        cell.font = HELP_FONT if helper else HEADER_FONT
        cell.fill = HELP_FILL if helper else HEADER_FILL
        cell.alignment = Alignment(horizontal="center")
    widths = [_width(c) + 4 for c in columns]
    for row in rows:
        sheet.append([_cell(v) for v in row])
        for n, value in enumerate(row):
            widths[n] = max(widths[n], min(_width(value) + 2, 48))
    for n in text_columns:  # codes are text (WORKBOOKS.md): keep "001" from turning into 1 when edited
        for (cell,) in sheet.iter_rows(min_row=3, min_col=n + 1, max_col=n + 1):
            cell.number_format = "@"
    for n, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A3"
    return sheet


def _notes(workbook, title: str, lines: list[str]) -> None:
    sheet = workbook.active
    sheet.title = "填表说明"
    sheet.append([title])
    sheet["A1"].font = TITLE_FONT
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110


def _new_workbook():
    workbook = openpyxl.Workbook()
    workbook.properties.creator = "Kaohe 考核 示范数据"
    workbook.properties.created = FIXED_TIME
    return workbook


def _name(code: str) -> str:
    ind = INDICATOR_BY_CODE[code]
    return f"{ind.name}（{ind.measure}）" if ind.measure else ind.name


def plan_workbook(data: DemoData) -> openpyxl.Workbook:
    """考核方案: 考核设置, 考核类别, 单位, 干部, 指标, 目标, 干部目标 (WORKBOOKS.md §1)."""
    wb = _new_workbook()
    year = data.year
    _notes(
        wb,
        f"示范区{year}年度考核方案 填表说明",
        [
            "本工作簿是系统导入格式的示例（示范区为虚构地区，人名、地名均为虚构）。"
            "导入：manage.py import_plan 本文件。",
            "各表第一行为标题，第二行为表头；表名和表头必须与示例一致。灰色表头的列仅供参考，导入时忽略。",
            "编码按文本填写（001 不会变成 1）。同一文件重复导入不会产生重复数据：按编码匹配并更新。",
            "考核设置：期间写成“期间编码:权重”，按先后顺序，用逗号分隔；未列出的设置项采用默认值。",
            "指标：上级指标（一级/二级）的规则、参数、期间、分值留空；末级指标必须填写规则。",
            "规则：completion 完成率、growth 增量、tiered 分档、rank 按排名赋分、percent 百分制折算、direct 直接赋分、"
            "grade 定性评价、bonus 加分、deduction 扣分、veto 一票否决。",
            '参数：JSON 对象，例如 {"direction":"lower"}（越小越好）、{"floor":0.6}（完成率低于 60% 不得分）、'
            '{"tiers":[[1.0,1.0],[0.9,0.8]]}（分档）、{"step":0.2,"min_fraction":0.5}（排名每降一名扣 0.2 分，'
            '最低得 50%）、{"per_event":0.5}（每次扣 0.5 分）；留空为默认。',
            "期间：该指标计分的考核期，逗号分隔；留空表示全部考核期都计分（如“Y”表示只在年终考核）。",
            "分值:类别编码：该指标对该类别单位的分值；留空表示不适用于该类别。加分、扣分、一票否决不计入满分。",
            "目标：单位编码留空为区级目标；增量规则须填基数（上年数）且目标值大于基数；责任领导填干部编码（一个项目一名领导）。",
            "累加：是——各单位目标相加应等于区级目标（分解率）；低于 100% 会提示考核办。",
            "干部目标：指标编码可选，填写后该干部目标挂接到其所在单位该指标的目标之下。",
        ],
    )
    settings = [["年度", year], ["名称", CYCLE_NAME.format(year=year)]] + [list(row) for row in SETTINGS]
    _sheet(wb, "考核设置", f"{year}年度考核设置", ["项目", "值"], settings)
    _sheet(wb, "考核类别", "考核类别", ["编码", "名称"], [[c.code, c.name] for c in CATEGORIES])
    category_names = {c.code: c.name for c in CATEGORIES}
    _sheet(
        wb,
        "单位",
        "被考核单位",
        ["编码", "名称", "类别编码", "编制人数"],
        [[u.code, u.name, u.category, u.headcount, category_names[u.category]] for u in UNITS],
        helpers=["类别名称"],
        text_columns=(0, 2),
    )
    _sheet(
        wb,
        "干部",
        "干部名册",
        ["编码", "姓名", "单位编码", "职务", "班子成员"],
        [
            [c.code, c.name, c.unit, c.post, "是" if c.team_member else "否", UNIT_BY_CODE[c.unit].name]
            for c in data.cadres
        ],
        helpers=["单位名称"],
        text_columns=(0, 2),
    )
    indicator_rows = []
    for ind in INDICATORS:
        indicator_rows.append(
            [
                ind.code,
                _name(ind.code),
                ind.parent,
                ind.rule,
                json.dumps(ind.params, ensure_ascii=False, separators=(",", ":")) if ind.params else "",
                ",".join(ind.periods),
                UNIT_BY_CODE[ind.lead].code if ind.lead else "",
                ("是" if ind.additive else "否") if ind.is_leaf else "",
                *[ind.points.get(c.code) for c in CATEGORIES],
                RULE_NAMES.get(ind.rule, "一级指标" if len(ind.code) == 2 else "二级指标"),
                UNIT_BY_CODE[ind.lead].name if ind.lead else "",
            ]
        )
    _sheet(
        wb,
        "指标",
        f"{year}年度考核指标及分值",
        [
            "编码",
            "名称",
            "上级编码",
            "规则",
            "参数",
            "期间",
            "牵头单位编码",
            "累加",
            *[f"分值:{c.code}" for c in CATEGORIES],
        ],
        indicator_rows,
        helpers=["规则说明", "牵头单位"],
        text_columns=(0, 2, 6),
    )
    cadre_names = {c.code: c for c in data.cadres}
    _sheet(
        wb,
        "目标",
        f"{year}年度目标分解（区级 → 单位 → 责任领导）",
        ["指标编码", "单位编码", "目标值", "基数", "责任领导编码"],
        [
            [
                t.indicator,
                t.unit,
                t.value,
                t.base,
                t.leader,
                _name(t.indicator),
                UNIT_BY_CODE[t.unit].name if t.unit else "区级目标",
                f"{cadre_names[t.leader].name}（{cadre_names[t.leader].post}）" if t.leader else "",
            ]
            for t in data.targets
        ],
        helpers=["指标名称", "单位名称", "责任领导"],
        text_columns=(0, 1, 4),
    )
    _sheet(
        wb,
        "干部目标",
        f"{year}年度干部个人目标",
        ["编码", "干部编码", "名称", "指标编码", "权重", "目标值"],
        [
            [
                t.code,
                t.cadre,
                t.name,
                t.indicator,
                t.weight,
                t.target,
                cadre_names[t.cadre].name,
                UNIT_BY_CODE[cadre_names[t.cadre].unit].name,
            ]
            for t in data.cadre_targets
        ],
        helpers=["干部姓名", "单位名称"],
        text_columns=(0, 1, 3),
    )
    return wb


def scores_workbook(data: DemoData) -> openpyxl.Workbook:
    """评分表: 评分, 干部目标完成, 民主测评 (WORKBOOKS.md §2)."""
    wb = _new_workbook()
    year = data.year
    _notes(
        wb,
        f"示范区{year}年度评分表 填表说明",
        [
            "本工作簿是评分导入格式的示例（示范数据，均为虚构）。导入：manage.py import_scores 本文件 --cycle 年度。",
            "评分：每行一个“期间 + 单位 + 指标”的填报值。值为数字；定性评价填等次字母（A/B/C/D）；"
            "扣分、一票否决填发生次数（整数）；加分填申报分值。值留空表示删除该条评分。",
            "不适用于该单位类别、或不在该期间计分的指标不能填报（导入时报错）。没有填报的指标该期得 0 分。",
            "干部目标完成：填干部个人目标的实际值；民主测评：填 0–100 的测评得分。这两张表可以不要。",
            "灰色表头的列（单位名称、指标名称等）仅供核对，导入时忽略。",
            "本示例的季度数值按时序进度折算为全年口径填报，便于与年度目标比较。",
        ],
    )
    cadres = {c.code: c for c in data.cadres}
    targets = {t.code: t for t in data.cadre_targets}
    _sheet(
        wb,
        "评分",
        f"{year}年度评分表",
        ["期间", "单位编码", "指标编码", "值", "备注"],
        [
            [
                e.period,
                e.unit,
                e.indicator,
                e.value,
                e.note,
                UNIT_BY_CODE[e.unit].name,
                _name(e.indicator),
                RULE_NAMES[INDICATOR_BY_CODE[e.indicator].rule],
            ]
            for e in data.entries
        ],
        helpers=["单位名称", "指标名称", "计分规则"],
        text_columns=(0, 1, 2),
    )
    _sheet(
        wb,
        "干部目标完成",
        f"{year}年度干部个人目标完成情况",
        ["干部目标编码", "实际值"],
        [
            [code, actual, targets[code].name, targets[code].target, cadres[targets[code].cadre].name]
            for code, actual in data.cadre_actuals
        ],
        helpers=["目标名称", "目标值", "干部姓名"],
    )
    _sheet(
        wb,
        "民主测评",
        f"{year}年度干部民主测评",
        ["干部编码", "得分"],
        [
            [code, score, cadres[code].name, cadres[code].post, UNIT_BY_CODE[cadres[code].unit].name]
            for code, score in data.evaluations
        ],
        helpers=["姓名", "职务", "单位名称"],
    )
    return wb


def workbook_values(source) -> dict[str, list[tuple]]:
    """Every sheet's cell values (a path or an open binary file), to compare workbooks by content, not bytes."""
    workbook = openpyxl.load_workbook(source, read_only=True, data_only=True)
    try:
        return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
    finally:
        workbook.close()


def workbooks_write(*, data: DemoData, out_dir: Path) -> tuple[Path, Path]:
    """Write both workbooks into `out_dir`; a file whose content is already the same is left untouched."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for filename, build in ((PLAN_FILE, plan_workbook), (SCORES_FILE, scores_workbook)):
        path = out_dir / filename.format(year=data.year)
        workbook = build(data)
        if not path.exists() or _saved_values(path) != _round_trip(workbook):
            workbook.save(path)
        paths.append(path)
    return paths[0], paths[1]


def _saved_values(path: Path) -> dict | None:
    try:
        return workbook_values(path)
    except Exception:  # a damaged or foreign file is simply rewritten
        return None


def _round_trip(workbook) -> dict:
    """The values a saved copy of `workbook` reads back as (it holds only str, int, float and None)."""
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in workbook.worksheets}
