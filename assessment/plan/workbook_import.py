"""Importing the plan workbook 考核方案 (WORKBOOKS.md §1): all-or-nothing, idempotent, recorded in history.

Reading and checking happen first, collecting every problem of every sheet; only a clean file is written, in one
transaction, through the services of `assessment.plan.services` and `assessment.plan.cadres`.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from assessment.common.workbook_cells import INVALID, RowChecker, code_normalised
from assessment.common.workbook_errors import ErrorList, WorkbookError, database_busy_refused
from assessment.common.xlsx_reader import Sheet, sheet_read, text_list, workbook_opened
from assessment.plan.cadres import cadre_save, cadre_target_save
from assessment.plan.services import (
    CREATED,
    DELETED,
    UNCHANGED,
    UPDATED,
    category_save,
    cycle_save,
    indicator_periods_set,
    indicator_points_set,
    indicator_save,
    open_cycles_inputs_changed,
    period_delete,
    period_save,
    target_save,
    unit_save,
)
from assessment.plan.workbook_settings import COLUMNS as SETTINGS_COLUMNS
from assessment.plan.workbook_settings import PlanSettings, settings_parse
from assessment.recompute.queue import cycle_inputs_changed
from assessment.scoring.rules import RULE_BY_NAME, RULES, validate_params
from assessment.scoring.rules.checks import is_derived
from assessment.scoring.rules.rule import ByTarget
from assessment.supervision.period_ranges import default_range, overlap_error, without_range
from cadres.models import Cadre, CadreTarget
from targets.cycle_lock import cycle_lock_for_write
from targets.models import Cycle, CycleStatus, Indicator, IndicatorPoints, Period, Target
from units.models import Category, Unit

REASON = "导入考核方案"
LOCKED = "{cycle} 已审定锁定，不能再导入考核方案"
POINTS_PREFIXES = ("分值:", "分值：")
COLUMNS = {
    "考核设置": SETTINGS_COLUMNS,
    "考核类别": ["编码", "名称"],
    "单位": ["编码", "名称", "类别编码", "编制人数"],
    "干部": ["编码", "姓名", "单位编码", "职务", "班子成员"],
    "指标": ["编码", "名称", "上级编码", "规则", "参数", "期间", "牵头单位编码", "累加"],
    "目标": ["指标编码", "单位编码", "目标值", "基数", "责任领导编码"],
    "干部目标": ["编码", "干部编码", "名称", "指标编码", "权重", "目标值"],
}
SHEETS = list(COLUMNS)
# The indicator tree of the admin (assessment.plan.admin_targets.TREE_DEPTH) shows six ancestors; real plans have
# three levels.
MAX_LEVELS = 7


@dataclass
class PlanImportSummary:
    """What a plan import did: the cycle, and per sheet how many records were created/updated/unchanged."""

    cycle: Cycle
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    warnings: list[str] = field(default_factory=list)  # `sheet!row: message`, like the errors

    @property
    def changed(self) -> bool:
        return any(c[CREATED] or c[UPDATED] or c[DELETED] for c in self.counts.values())

    def __str__(self) -> str:
        text = self.counts_text()
        if self.warnings:
            text += f"\n提示（{len(self.warnings)} 项，已导入）：\n" + "\n".join(f"  {w}" for w in self.warnings)
        return text

    def counts_text(self) -> str:
        lines = [f"考核方案已导入：{self.cycle}" if self.changed else f"考核方案无变化：{self.cycle}"]
        for sheet in SHEETS:
            c = self.counts[sheet]
            line = f"  {sheet}：新增 {c[CREATED]}，更新 {c[UPDATED]}，未变 {c[UNCHANGED]}"
            lines.append(line + (f"，删除 {c[DELETED]}" if c[DELETED] else ""))
        return "\n".join(lines)


@dataclass
class _Existing:
    """What the database already holds, loaded in a fixed number of queries, keyed by code."""

    categories: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    cadres: dict = field(default_factory=dict)
    cycle: Cycle | None = None
    periods: dict = field(default_factory=dict)
    scored_periods: set = field(default_factory=set)
    indicators: dict = field(default_factory=dict)
    indicator_periods: dict = field(default_factory=dict)
    points: dict = field(default_factory=lambda: defaultdict(dict))
    targets: dict = field(default_factory=dict)  # (indicator code, unit code or "") → Target
    cadre_targets: dict = field(default_factory=dict)

    @classmethod
    def load(cls, year: int | None) -> "_Existing":
        ex = cls()
        ex.categories = {c.code: c for c in Category.objects.all()}
        ex.units = {u.code: u for u in Unit.objects.select_related("category")}
        ex.cadres = {c.code: c for c in Cadre.objects.select_related("unit")}
        ex.cycle = Cycle.objects.filter(year=year).first() if year else None
        if ex.cycle is None:
            return ex
        ex.periods = {p.code: p for p in Period.objects.filter(cycle=ex.cycle)}
        ex.scored_periods = set(ex.cycle.entries.values_list("period__code", flat=True).distinct())
        for ind in Indicator.objects.filter(cycle=ex.cycle).prefetch_related("periods"):
            ex.indicators[ind.code] = ind
            ex.indicator_periods[ind.id] = {p.id for p in ind.periods.all()}
        for ip in IndicatorPoints.objects.filter(indicator__cycle=ex.cycle):
            ex.points[ip.indicator_id][ip.category_id] = ip
        for t in Target.objects.filter(cycle=ex.cycle).select_related("indicator", "unit"):
            ex.targets[(t.indicator.code, t.unit.code if t.unit_id else "")] = t
        ex.cadre_targets = {t.code: t for t in CadreTarget.objects.filter(cycle=ex.cycle)}
        return ex


@dataclass
class _Plan:
    """The checked content of the workbook, keyed by code (only rows without errors)."""

    settings: PlanSettings
    categories: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    cadres: dict = field(default_factory=dict)
    indicators: dict = field(default_factory=dict)
    targets: dict = field(default_factory=dict)
    cadre_targets: dict = field(default_factory=dict)


def plan_import(*, file, user=None) -> PlanImportSummary:
    """Create or update one cycle with its categories, units, cadres, indicators and targets from a plan workbook.

    Raises WorkbookError listing every problem (`sheet!row: message`); then nothing was written.
    """
    errors = ErrorList(SHEETS)
    with workbook_opened(file) as workbook:
        sheets = {
            name: sheet_read(
                workbook, name, columns=columns, errors=errors, prefixes=POINTS_PREFIXES if name == "指标" else ()
            )
            for name, columns in COLUMNS.items()
        }
    settings = settings_parse(sheets["考核设置"], errors)
    existing = _Existing.load(settings.year)
    if existing.cycle is not None and existing.cycle.status == CycleStatus.FINAL:
        raise WorkbookError([LOCKED.format(cycle=existing.cycle)])
    parser = _PlanParser(sheets, settings, existing, errors)
    plan = parser.parse()
    errors.raise_if_any()
    with database_busy_refused(), transaction.atomic():
        if existing.cycle is not None:
            # Checked above on the cycle read at the start; the move to 已审定 may have committed since.
            try:
                existing.cycle = cycle_lock_for_write(cycle_id=existing.cycle.id, locked_message=LOCKED)
            except ValidationError as exc:
                raise WorkbookError(list(exc.messages)) from None
        summary = _PlanWriter(plan, existing, user).write()
    summary.warnings = parser.warnings.messages
    return summary


class _PlanParser:
    def __init__(self, sheets: dict[str, Sheet | None], settings: PlanSettings, existing: _Existing, errors: ErrorList):
        self.sheets = sheets
        self.ex = existing
        self.errors = errors
        self.warnings = ErrorList(SHEETS)  # what an office does every day but should see: imported, and listed
        self.plan = _Plan(settings=settings)
        # Codes a row may refer to: every code written in the sheet (even on a row with other errors, so one
        # mistake is reported once) and every code already in the database.
        self.category_codes = set(existing.categories)
        self.unit_category = {code: u.category.code for code, u in existing.units.items()}
        self.unit_codes = set(existing.units)
        self.cadre_unit = {code: c.unit.code for code, c in existing.cadres.items()}
        self.cadre_codes = set(existing.cadres)
        self.indicator_codes = set(existing.indicators)
        self.target_keys = set(existing.targets)

    def parse(self) -> _Plan:
        self._period_removals()
        self._categories()
        self._units()
        self._cadres()
        self._indicators()
        self._targets()
        self._cadre_targets()
        self._target_rules()
        self._period_ranges()
        return self.plan

    def _period_ranges(self) -> None:
        """期间日期 (SUPERVISION.md §4): for listed periods, not overlapping (defaults included); a `from_records`
        indicator scored in a period without a range is a plan error."""
        s = self.plan.settings
        codes = [code for code, _ in s.periods]
        row = s.period_ranges_row or s.periods_row
        for code in s.period_ranges:
            if code not in codes:
                self.errors.add("考核设置", row, f"期间日期：期间“{code}”不在“期间”中")
        year = s.year or 2000
        effective = {c: s.period_ranges.get(c) or default_range(c, year) for c in codes}
        problem = overlap_error({c: r for c, r in effective.items() if r is not None})
        if problem:
            self.errors.add("考核设置", row, f"期间日期：{problem}")
        for code, item in self.plan.indicators.items():
            if not is_derived(item.get("params") or {}):
                continue
            missing = without_range(item["periods"] or codes, effective)
            if missing:
                self.errors.add(
                    "指标",
                    item["row"],
                    f"参数：指标 {code} 由红黄黑档案计分（from_records），但期间 {'、'.join(missing)} 没有期间日期"
                    "（请在考核设置中填写“期间日期”）",
                )

    def _rows(self, name: str):
        sheet = self.sheets[name]
        return (sheet.rows if sheet else []), RowChecker(name, self.errors)

    def _period_removals(self) -> None:
        listed = {code for code, _ in self.plan.settings.periods}
        for code in sorted(set(self.ex.periods) - listed):
            if code in self.ex.scored_periods:
                self.errors.add(
                    "考核设置",
                    self.plan.settings.periods_row or None,
                    f"期间中缺少已有评分的考核期“{code}”（已有评分的考核期不能删除）",
                )

    def _categories(self) -> None:
        rows, check = self._rows("考核类别")
        seen: dict = {}
        for row in rows:
            code = check.code_text(row, "编码")
            name = check.text(row, "名称", required=True, max_length=100)
            if code is INVALID or not check.unique(row, code, seen, f"类别编码“{code}”"):
                continue
            self.category_codes.add(code)
            if name is not INVALID:
                self.plan.categories[code] = {"name": name}

    def _units(self) -> None:
        rows, check = self._rows("单位")
        seen: dict = {}
        for row in rows:
            code = check.code_text(row, "编码")
            name = check.text(row, "名称", required=True, max_length=100)
            category = check.code(row, "类别编码", self.category_codes)
            headcount = check.number(row, "编制人数", required=True, minimum=0, places=0, max_digits=9)
            if code is INVALID or not check.unique(row, code, seen, f"单位编码“{code}”"):
                continue
            self.unit_codes.add(code)
            if category is not INVALID:
                self.unit_category[code] = category
            if INVALID not in (name, category, headcount):
                self.plan.units[code] = {"name": name, "category": category, "headcount": int(headcount)}

    def _cadres(self) -> None:
        rows, check = self._rows("干部")
        seen: dict = {}
        for row in rows:
            code = check.code_text(row, "编码")
            name = check.text(row, "姓名", required=True, max_length=50)
            unit = check.code(row, "单位编码", self.unit_codes)
            post = check.text(row, "职务", max_length=100)
            team = check.yes_no(row, "班子成员")
            if code is INVALID or not check.unique(row, code, seen, f"干部编码“{code}”"):
                continue
            self.cadre_codes.add(code)
            if unit is not INVALID:
                self.cadre_unit[code] = unit
            if INVALID not in (name, unit, post, team):
                self.plan.cadres[code] = {"name": name, "unit": unit, "post": post, "team_member": team}

    def _indicators(self) -> None:
        sheet = self.sheets["指标"]
        rows, check = self._rows("指标")
        point_columns = self._point_columns(sheet, check) if sheet else {}
        period_codes = {code for code, _ in self.plan.settings.periods}
        seen: dict = {}
        parents: dict[str, str] = {}
        raw: list = []
        for row in rows:
            code = check.code_text(row, "编码")
            if code is INVALID or not check.unique(row, code, seen, f"指标编码“{code}”"):
                continue
            raw.append((row, code))
            parent = code_normalised(row.text("上级编码"))
            if parent:
                parents[code] = parent
        has_children = set(parents.values())
        for row, code in raw:
            name = check.text(row, "名称", required=True, max_length=200)
            parent = self._parent(row, code, parents, seen, check)
            lead = check.code(row, "牵头单位编码", self.unit_codes, required=False)
            additive = check.yes_no(row, "累加")
            item = {
                "name": name,
                "parent": parent,
                "lead": lead,
                "additive": additive,
                "rule": "",
                "params": {},
                "periods": [],
                "points": {},
                "row": row.number,
            }
            if code in has_children:
                if row.text("规则"):
                    check.error(row, f"规则：指标 {code} 有下级指标，是上级指标，规则必须为空")
                    continue
            else:
                leaf = self._leaf(row, code, check, period_codes, point_columns)
                if leaf is INVALID:
                    continue
                item.update(leaf)
            if INVALID not in (name, parent, lead, additive):
                self.plan.indicators[code] = item
        self.indicator_codes |= set(seen)

    def _point_columns(self, sheet: Sheet, check: RowChecker) -> dict[str, str]:
        columns = {}
        for header in sheet.headers:
            if not header.startswith(POINTS_PREFIXES):
                continue
            category = header[len(POINTS_PREFIXES[0]) :].strip()
            if category not in self.category_codes:
                check.error(sheet.header_row, f"列“{header}”的类别编码“{category}”不存在")
            elif category in columns.values():
                check.error(sheet.header_row, f"类别“{category}”的分值列重复")
            else:
                columns[header] = category
        return columns

    def _parent(self, row, code: str, parents: dict, seen: dict, check: RowChecker):
        parent = parents.get(code, "")
        if not parent:
            return ""
        if parent == code:
            check.error(row, f"上级编码不能是指标自己（{code}）")
            return INVALID
        if parent not in seen:
            check.error(row, f"上级编码“{parent}”不存在（须是本表中的指标编码）")
            return INVALID
        visited = {code}
        current = parent
        while current:
            if current in visited:
                check.error(row, f"上级编码“{parent}”形成了循环（{code} 最终又是自己的上级）")
                return INVALID
            if len(visited) == MAX_LEVELS:
                if self._levels(code, parents) == MAX_LEVELS + 1:
                    # Said once, on the first row too deep; the rows below it hang on this one.
                    check.error(row, f"指标 {code} 的层级过深（最多 {MAX_LEVELS} 级指标）")
                return INVALID
            visited.add(current)
            current = parents.get(current, "")
        return parent

    @staticmethod
    def _levels(code: str, parents: dict) -> int:
        """How many levels `code` is down (1: a top indicator), counted no further than two past the limit."""
        levels = 1
        while parents.get(code) and levels <= MAX_LEVELS + 1:
            code = parents[code]
            levels += 1
        return levels

    def _leaf(self, row, code: str, check: RowChecker, period_codes: set, point_columns: dict):
        rule_text = row.text("规则")
        ok = True
        rule = RULE_BY_NAME.get(rule_text) or RULE_BY_NAME.get(rule_text.lower())
        if not rule_text:
            check.error(row, f"规则：末级指标 {code} 必须填写规则（{'、'.join(RULES)}）")
            ok = False
        elif rule is None:
            check.error(row, f"规则“{rule_text}”不存在，可选：{'、'.join(RULES)}")
            ok = False
        params = self._params(row, rule, check)
        ok = ok and params is not INVALID
        periods = []
        for period in text_list(row.text("期间")):
            if period not in period_codes:
                check.error(row, f"期间“{period}”不存在（考核设置中的期间为：{'、'.join(sorted(period_codes))}）")
                ok = False
            elif period not in periods:
                periods.append(period)
        points = {}
        for header, category in point_columns.items():
            value = check.number(row, header, minimum=0, places=2, max_digits=8)
            if value is INVALID:
                ok = False
            elif value is not None:
                points[category] = value
        if not ok:
            return INVALID
        return {"rule": rule, "params": params, "periods": periods, "points": points}

    def _params(self, row, rule: str | None, check: RowChecker):
        text = row.text("参数")
        params: object = {}
        if text:
            # Excel's autocorrect turns straight quotes into curly ones; JSON needs the straight kind.
            for curly in "“”＂":
                text = text.replace(curly, '"')
            try:
                params = json.loads(text)
            except RecursionError:
                check.error(row, "参数嵌套层次过深，不是有效的计分参数")
                return INVALID
            except ValueError:
                check.error(row, f"参数“{row.text('参数')}”不是有效的 JSON")
                return INVALID
            if not isinstance(params, dict):
                check.error(row, '参数必须是 JSON 对象，例如 {"direction":"lower","floor":0.6}')
                return INVALID
        if rule:
            try:
                validate_params(rule, params)
            except ValueError as exc:
                check.error(row, f"参数：{exc}")
                return INVALID
        return params

    def _targets(self) -> None:
        rows, check = self._rows("目标")
        seen: dict = {}
        for row in rows:
            indicator = check.code(row, "指标编码", self.indicator_codes)
            unit = check.code(row, "单位编码", self.unit_codes, required=False)
            value = check.number(row, "目标值", required=True)
            base = check.number(row, "基数")
            leader = check.code(row, "责任领导编码", self.cadre_codes, required=False)
            if INVALID in (indicator, unit):
                continue
            label = f"指标 {indicator} 的{'单位 ' + unit + ' ' if unit else '区级'}目标"
            if not check.unique(row, (indicator, unit), seen, label):
                continue
            self.target_keys.add((indicator, unit))
            if INVALID not in (value, base, leader):
                self.plan.targets[(indicator, unit)] = {
                    "value": value,
                    "base": base,
                    "leader": leader,
                    "row": row.number,
                }

    def _cadre_targets(self) -> None:
        rows, check = self._rows("干部目标")
        seen: dict = {}
        for row in rows:
            code = check.code_text(row, "编码")
            cadre = check.code(row, "干部编码", self.cadre_codes)
            name = check.text(row, "名称", required=True, max_length=200)
            indicator = check.code(row, "指标编码", self.indicator_codes, required=False)
            weight = check.number(row, "权重", required=True, positive=True, max_digits=8)
            target = check.number(row, "目标值", required=True, positive=True)
            if code is INVALID or not check.unique(row, code, seen, f"干部目标编码“{code}”"):
                continue
            if indicator and INVALID not in (indicator, cadre):
                unit = self.cadre_unit.get(cadre)
                if unit is not None and (indicator, unit) not in self.target_keys:
                    # WORKBOOKS.md §1: kept with its indicator, outside the decomposition tree; a warning only.
                    self.warnings.add(
                        "干部目标",
                        row.number,
                        f"指标编码“{indicator}”：干部 {cadre} 所在单位 {unit} 没有该指标的目标，"
                        "该干部目标已保留，但不计入目标分解",
                    )
            if INVALID not in (cadre, name, indicator, weight, target):
                self.plan.cadre_targets[code] = {
                    "cadre": cadre,
                    "name": name,
                    "indicator": indicator,
                    "weight": weight,
                    "target_value": target,
                }

    def _target_rules(self) -> None:
        """SCORING.md §3: a target-based rule needs t > 0 (growth: t > b) for every unit it applies to."""
        check_targets = RowChecker("目标", self.errors)
        check_indicators = RowChecker("指标", self.errors)
        units_by_category: dict[str, list[str]] = defaultdict(list)
        for unit, category in sorted(self.unit_category.items()):
            units_by_category[category].append(unit)
        for code, item in self.plan.indicators.items():
            rule = RULES.get(item["rule"])
            if rule is None or not isinstance(rule.scoring, ByTarget):
                continue
            target_problem = rule.scoring.target_problem
            missing = []
            for category in sorted(item["points"]):
                for unit in units_by_category.get(category, []):
                    given = self.plan.targets.get((code, unit))
                    if given is not None:
                        value, base, row = given["value"], given["base"], given["row"]
                    elif (code, unit) in self.target_keys and (code, unit) not in self.ex.targets:
                        continue  # the row exists but has its own error already
                    elif (code, unit) in self.ex.targets:
                        stored = self.ex.targets[(code, unit)]
                        value, base, row = stored.value, stored.base, None
                    else:
                        missing.append(unit)
                        continue
                    problem = target_problem(value, base)
                    if problem and row:
                        check_targets.error(row, f"目标值：指标 {code} 是{rule.label}规则，{problem}")
                    elif problem:
                        missing.append(unit)
            if missing:
                need = rule.scoring.target_need
                check_indicators.error(
                    item["row"],
                    f"指标 {code} 是{rule.label}规则，以下单位缺少{need}（请在“目标”表填写）：{'、'.join(missing)}",
                )


class _PlanWriter:
    def __init__(self, plan: _Plan, existing: _Existing, user):
        self.plan = plan
        self.ex = existing
        self.user = user
        self.shared_changed = False
        self.cycle_changed = False
        self.summary: PlanImportSummary | None = None

    def _count(self, sheet: str, status: str, *, shared: bool = False) -> None:
        self.summary.counts[sheet][status] += 1
        if status != UNCHANGED:
            if shared:
                self.shared_changed = True
            else:
                self.cycle_changed = True

    def write(self) -> PlanImportSummary:
        s = self.plan.settings
        kw = {"user": self.user, "reason": REASON, "notify": False}
        cycle, status = cycle_save(year=s.year, values={"name": s.name, **s.values}, existing=self.ex.cycle, **kw)
        self.summary = PlanImportSummary(cycle=cycle)
        self.cycle = cycle
        self._count("考核设置", status)
        self.periods = self._periods(kw)
        categories = self._shared(
            self.plan.categories, self.ex.categories, "考核类别", category_save, lambda item: {"name": item["name"]}, kw
        )
        units = self._shared(
            self.plan.units,
            self.ex.units,
            "单位",
            unit_save,
            lambda item: {
                "name": item["name"],
                "category_id": categories[item["category"]].id,
                "headcount": item["headcount"],
            },
            kw,
        )
        cadres = self._shared(
            self.plan.cadres,
            self.ex.cadres,
            "干部",
            cadre_save,
            lambda item: {
                "name": item["name"],
                "unit_id": units[item["unit"]].id,
                "post": item["post"],
                "team_member": item["team_member"],
            },
            kw,
        )
        indicators = self._indicators(categories, units, kw)
        targets = self._targets(indicators, units, cadres, kw)
        self._cadre_targets(indicators, cadres, targets, kw)
        if self.shared_changed:
            open_cycles_inputs_changed()
        elif self.cycle_changed:
            cycle_inputs_changed(cycle_id=cycle.id)
        return self.summary

    def _periods(self, kw) -> dict[str, Period]:
        periods = {}
        for order, (code, weight) in enumerate(self.plan.settings.periods, start=1):
            current = self.ex.periods.get(code)
            start, end = self.plan.settings.period_ranges.get(code, (None, None))
            values = {"weight": weight, "order": order, "start_date": start, "end_date": end}
            if current is None:
                values["name"] = code
            periods[code], status = period_save(cycle=self.cycle, code=code, values=values, existing=current, **kw)
            self._count("考核设置", status)
        for code, period in self.ex.periods.items():
            if code not in periods:
                period_delete(period=period, user=self.user, reason=REASON, notify=False)
                self._count("考核设置", DELETED)
        return periods

    def _shared(self, items: dict, existing: dict, sheet: str, save, values, kw) -> dict:
        """Categories, units and cadres (not per cycle): the database's, updated by the sheet's."""
        records = dict(existing)
        for code, item in items.items():
            records[code], status = save(code=code, values=values(item), existing=existing.get(code), **kw)
            self._count(sheet, status, shared=True)
        return records

    def _indicators(self, categories: dict, units: dict, kw) -> dict[str, Indicator]:
        records = dict(self.ex.indicators)
        items = self.plan.indicators

        def depth(code: str) -> int:
            return 0 if not items[code]["parent"] else 1 + depth(items[code]["parent"])

        for code in sorted(items, key=lambda c: (depth(c), items[c]["row"])):
            item = items[code]
            current = self.ex.indicators.get(code)
            values = {
                "name": item["name"],
                "parent_id": records[item["parent"]].id if item["parent"] else None,
                "rule": item["rule"],
                "params": item["params"],
                "lead_unit_id": units[item["lead"]].id if item["lead"] else None,
                "additive": item["additive"],
            }
            indicator, status = indicator_save(cycle=self.cycle, code=code, values=values, existing=current, **kw)
            records[code] = indicator
            period_ids = {self.periods[p].id for p in item["periods"]}
            if indicator_periods_set(
                indicator=indicator,
                period_ids=period_ids,
                user=self.user,
                reason=REASON,
                current=self.ex.indicator_periods.get(indicator.id, set()),
                notify=False,
            ):
                status = UPDATED if status == UNCHANGED else status
            points = {categories[c].id: v for c, v in item["points"].items()}
            counts = indicator_points_set(
                indicator=indicator,
                points=points,
                user=self.user,
                reason=REASON,
                existing=self.ex.points.get(indicator.id, {}),
                notify=False,
            )
            if status == UNCHANGED and (counts[CREATED] or counts[UPDATED] or counts[DELETED]):
                status = UPDATED
            self._count("指标", status)
        return records

    def _targets(self, indicators: dict, units: dict, cadres: dict, kw) -> dict:
        records = dict(self.ex.targets)
        # District targets first: unit targets hang under them.
        for (code, unit), item in sorted(self.plan.targets.items(), key=lambda kv: (kv[0][1] != "", kv[1]["row"])):
            district = records.get((code, "")) if unit else None
            values = {
                "value": item["value"],
                "base": item["base"],
                "leader_id": cadres[item["leader"]].id if item["leader"] else None,
                "parent_id": district.id if district else None,
            }
            records[(code, unit)], status = target_save(
                cycle=self.cycle,
                indicator=indicators[code],
                unit=units[unit] if unit else None,
                values=values,
                existing=self.ex.targets.get((code, unit)),
                **kw,
            )
            self._count("目标", status)
        # A district target added now also becomes the parent of unit targets the sheet did not repeat.
        for (code, unit), target in records.items():
            district = records.get((code, ""))
            if unit and (code, unit) not in self.plan.targets and district and target.parent_id != district.id:
                target_save(
                    cycle=self.cycle,
                    indicator=target.indicator,
                    unit=target.unit,
                    values={"value": target.value, "parent_id": district.id},
                    existing=target,
                    **kw,
                )
                self.cycle_changed = True
        return records

    def _cadre_targets(self, indicators: dict, cadres: dict, targets: dict, kw) -> None:
        for code, item in self.plan.cadre_targets.items():
            cadre = cadres[item["cadre"]]
            parent = targets.get((item["indicator"], cadre.unit.code)) if item["indicator"] else None
            values = {
                "cadre_id": cadre.id,
                "name": item["name"],
                "weight": item["weight"],
                "target_value": item["target_value"],
                "parent_id": parent.id if parent else None,
                "indicator_id": indicators[item["indicator"]].id if item["indicator"] else None,
            }
            _, status = cadre_target_save(
                cycle=self.cycle, code=code, values=values, existing=self.ex.cadre_targets.get(code), **kw
            )
            self._count("干部目标", status)
