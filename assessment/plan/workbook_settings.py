"""Sheet 考核设置 of the plan workbook: the cycle's year, name, periods and settings (WORKBOOKS.md §1).

Rows left out take the defaults of SCORING.md, also when the cycle already exists (the sheet is the whole truth).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from assessment.common.workbook_errors import ErrorList
from assessment.common.xlsx_reader import Sheet, SheetRow, cell_integer, cell_number, cell_text, text_pairs
from assessment.scoring.decimals import ONE
from assessment.supervision.period_ranges import ranges_parse
from targets.models import Cycle

SHEET = "考核设置"
COLUMNS = ["项目", "值"]
DEFAULT_PERIODS = [("Q1", Decimal("0.1")), ("Q2", Decimal("0.1")), ("Q3", Decimal("0.1")), ("Y", Decimal("0.7"))]

# item → (Cycle field, kind): "ratio" 0–1, "number" ≥ 0, "count" integer ≥ 0
SCALARS = {
    "优秀比例": ("excellent_quota", "ratio"),
    "优秀分数线": ("excellent_min", "number"),
    "良好分数线": ("good_min", "number"),
    "合格分数线": ("pass_min", "number"),
    "加分上限": ("bonus_cap", "number"),
    "末位数": ("last_place_count", "count"),
    "奖金基数": ("bonus_base", "number"),
    # Supervision (SUPERVISION.md §2, §5)
    "进度容差": ("lag_tolerance", "number"),
    "临期天数": ("warn_days", "count"),
    "报送日": ("report_day", "count"),
}
PERIOD_RANGES = "期间日期"
# item → ({key: Cycle field}, kind, whether the values must sum to 1)
MAPS = {
    "奖金系数": (
        {"优秀": "coef_excellent", "良好": "coef_good", "合格": "coef_pass", "不合格": "coef_fail"},
        "number",
        False,
    ),
    "干部权重": (
        {"单位": "cadre_weight_unit", "目标": "cadre_weight_target", "测评": "cadre_weight_eval"},
        "ratio",
        True,
    ),
    "干部优秀比例": (
        {
            "优秀": "cadre_quota_excellent",
            "良好": "cadre_quota_good",
            "合格": "cadre_quota_pass",
            "不合格": "cadre_quota_fail",
        },
        "ratio",
        False,
    ),
    "干部分数线": (
        {"优秀": "cadre_excellent_min", "称职": "cadre_competent_min", "基本称职": "cadre_basic_min"},
        "number",
        False,
    ),
}
ITEMS = ["年度", "名称", "期间", PERIOD_RANGES, *SCALARS, *MAPS]


@dataclass
class PlanSettings:
    """What 考核设置 says: None for year/name when missing or invalid (an error was recorded)."""

    year: int | None = None
    year_row: int | None = None
    name: str = ""
    periods: list[tuple[str, Decimal]] = field(default_factory=lambda: list(DEFAULT_PERIODS))
    periods_row: int | None = None
    values: dict = field(default_factory=dict)  # Cycle field → value, every setting (defaults filled)
    period_ranges: dict = field(default_factory=dict)  # 期间日期: code → (start, end) as written
    period_ranges_row: int | None = None


def _places(field_name: str) -> int:
    return getattr(Cycle._meta.get_field(field_name), "decimal_places", 0) or 0


def _default(field_name: str):
    return Cycle._meta.get_field(field_name).default


def setting_problem(number: Decimal, kind: str, label: str, places: int = 4) -> str | None:
    if number < 0:
        return f"{label}不能为负数，收到 {number}"
    if kind == "ratio" and number > ONE:
        return f"{label}必须在 0 到 1 之间，收到 {number}"
    if kind == "count" and number != number.to_integral_value():
        return f"{label}必须是整数，收到 {number}"
    if kind != "count" and number.as_tuple().exponent < -places:
        return f"{label}“{number}”小数位数过多（最多 {places} 位）"
    if abs(number) >= Decimal("1e8"):
        return f"{label}“{number}”超出范围"
    return None


def _split_rows(sheet: Sheet) -> list[tuple[SheetRow, str, object]]:
    """(row, item, value) — a row "优秀分数线 / 良好分数线 / 合格分数线" with "90 / 80 / 60" counts as three."""
    items = []
    for row in sheet.rows:
        item = row.text("项目")
        value = row["值"]
        if "/" in item:
            names = [n.strip() for n in item.split("/")]
            parts = [p.strip() for p in cell_text(value).split("/")]
            if len(parts) == len(names):
                items.extend((row, n, p) for n, p in zip(names, parts, strict=True))
                continue
        items.append((row, item, value))
    return items


def settings_parse(sheet: Sheet | None, errors: ErrorList) -> PlanSettings:
    result = PlanSettings()
    for _, (field_name, _kind) in SCALARS.items():
        result.values[field_name] = _default(field_name)
    for keys, _kind, _sum in MAPS.values():
        for field_name in keys.values():
            result.values[field_name] = _default(field_name)
    if sheet is None:
        return result
    seen: dict[str, int] = {}
    for row, item, value in _split_rows(sheet):
        if not item:
            errors.add(SHEET, row.number, "项目不能为空")
            continue
        if item not in ITEMS:
            errors.add(SHEET, row.number, f"未知的项目“{item}”，可填：{'、'.join(ITEMS)}")
            continue
        if item in seen:
            errors.add(SHEET, row.number, f"项目“{item}”重复（第 {seen[item]} 行已填写）")
            continue
        seen[item] = row.number
        _item_parse(result, row, item, value, errors)
    if "年度" not in seen:
        errors.add(SHEET, sheet.header_row, "缺少项目“年度”")
    if result.year is not None and not result.name:
        result.name = f"{result.year}年度目标责任制考核"
    return result


def _item_parse(result: PlanSettings, row: SheetRow, item: str, value, errors: ErrorList) -> None:
    if item == "年度":
        result.year_row = row.number
        try:
            year = cell_integer(value, "年度")
        except ValueError as exc:
            errors.add(SHEET, row.number, str(exc))
            return
        if year is None or not 2000 <= year <= 2100:
            errors.add(SHEET, row.number, f"年度必须是 2000 到 2100 之间的整数，收到“{cell_text(value)}”")
            return
        result.year = year
    elif item == "名称":
        name = cell_text(value)
        if len(name) > 200:
            errors.add(SHEET, row.number, "名称过长（最多 200 字）")
        result.name = name[:200]
    elif item == "期间":
        result.periods_row = row.number
        periods = _periods_parse(cell_text(value), row.number, errors)
        if periods is not None:
            result.periods = periods
    elif item == PERIOD_RANGES:
        result.period_ranges_row = row.number
        try:
            result.period_ranges = ranges_parse(cell_text(value))
        except ValueError as exc:
            errors.add(SHEET, row.number, f"{PERIOD_RANGES}：{exc}")
    elif item in SCALARS:
        field_name, kind = SCALARS[item]
        try:
            number = cell_number(value, item)
        except ValueError as exc:
            errors.add(SHEET, row.number, str(exc))
            return
        if number is None:
            return  # an empty value takes the default
        problem = setting_problem(number, kind, item, _places(field_name))
        if problem:
            errors.add(SHEET, row.number, problem)
            return
        if field_name == "report_day" and not 1 <= number <= 31:
            errors.add(SHEET, row.number, f"报送日必须是 1 到 31 之间的整数，收到 {number}")
            return
        result.values[field_name] = int(number) if kind == "count" else number
    else:
        _map_parse(result, row, item, value, errors)


def _map_parse(result: PlanSettings, row: SheetRow, item: str, value, errors: ErrorList) -> None:
    keys, kind, must_sum = MAPS[item]
    try:
        pairs = text_pairs(cell_text(value), item)
    except ValueError as exc:
        errors.add(SHEET, row.number, str(exc))
        return
    parsed: dict[str, Decimal] = {}
    ok = True
    for key, text in pairs:
        label = f"{item}“{key}”"
        if key not in keys:
            errors.add(SHEET, row.number, f"{item}中未知的“{key}”，可填：{'、'.join(keys)}")
            ok = False
            continue
        if key in parsed:
            errors.add(SHEET, row.number, f"{item}中“{key}”重复")
            ok = False
            continue
        try:
            number = cell_number(text, label)
        except ValueError as exc:
            errors.add(SHEET, row.number, str(exc))
            ok = False
            continue
        problem = setting_problem(number, kind, label)
        if problem:
            errors.add(SHEET, row.number, problem)
            ok = False
            continue
        parsed[key] = number
    if not ok:
        return
    merged = {key: parsed.get(key, result.values[field_name]) for key, field_name in keys.items()}
    if must_sum and sum(merged.values()) != ONE:
        shown = "、".join(f"{k} {v}" for k, v in merged.items())
        errors.add(SHEET, row.number, f"{item}之和必须等于 1，现为 {sum(merged.values())}（{shown}）")
        return
    for key, field_name in keys.items():
        result.values[field_name] = merged[key]


def _periods_parse(text: str, row: int, errors: ErrorList) -> list[tuple[str, Decimal]] | None:
    try:
        pairs = text_pairs(text, "期间")
    except ValueError as exc:
        errors.add(SHEET, row, str(exc))
        return None
    if not pairs:
        errors.add(SHEET, row, "期间不能为空，例如“Q1:0.1,Q2:0.1,Q3:0.1,Y:0.7”")
        return None
    periods: list[tuple[str, Decimal]] = []
    ok = True
    for code, weight_text in pairs:
        if code in (c for c, _ in periods):
            errors.add(SHEET, row, f"期间编码“{code}”重复")
            ok = False
            continue
        if len(code) > 16:
            errors.add(SHEET, row, f"期间编码“{code}”过长（最多 16 个字符）")
            ok = False
            continue
        try:
            weight = cell_number(weight_text, f"期间“{code}”的权重")
        except ValueError as exc:
            errors.add(SHEET, row, str(exc))
            ok = False
            continue
        if weight <= 0 or weight > ONE or weight.as_tuple().exponent < -4:
            errors.add(SHEET, row, f"期间“{code}”的权重必须大于 0、不超过 1、最多 4 位小数，收到 {weight_text}")
            ok = False
            continue
        periods.append((code, weight))
    if not ok:
        return None
    total = sum(w for _, w in periods)
    if total != ONE:
        errors.add(SHEET, row, f"期间权重之和必须等于 1，现为 {total}")
        return None
    return periods
