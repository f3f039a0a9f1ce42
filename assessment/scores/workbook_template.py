"""The per-lead-department score template: the `评分` sheet pre-filled with every pair the department scores.

One row per applicable (period, unit, indicator) of the indicators the department leads, with the current value
and note, so a scorer fills in the blanks and uploads the same file. Extra columns to the right (names, rule)
help the scorer and are ignored on import: the names, the rule, the unit's target and base, full marks and the
rule in words (why a value gives its points).
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from assessment.models import ScoreEntry
from assessment.plan.plan_index import PlanIndex
from assessment.scores.workbook_import import SCORE_COLUMNS, SCORES
from assessment.scoring.rules import RULE_NAMES, TARGET_RULES, explain
from targets.models import Cycle, Period, Target
from units.models import Unit

HELP_COLUMNS = ["单位名称", "指标名称", "计分规则", "目标值", "基数", "满分", "计分说明"]
WIDTHS = [10, 14, 14, 12, 30, 24, 36, 14, 14, 14, 10, 60]


def score_template_build(*, cycle: Cycle, lead_unit: Unit, period: Period | None = None) -> bytes:
    """The .xlsx bytes of `lead_unit`'s template for `cycle` (all periods, or only `period`)."""
    index = PlanIndex.load(cycle.id)
    periods = [period] if period is not None else list(Period.objects.filter(cycle=cycle).order_by("order", "code"))
    leaves = sorted((i for i in index.leaves.values() if i.lead_unit_id == lead_unit.id), key=lambda i: i.code)
    categories = {category for (indicator_id, category) in index.points if indicator_id in {i.id for i in leaves}}
    units = list(Unit.objects.filter(category_id__in=categories).order_by("code"))
    current = {
        (e.period_id, e.unit_id, e.indicator_id): e
        for e in ScoreEntry.objects.filter(cycle=cycle, indicator__in=leaves, period__in=periods)
    }
    targets = {
        (uid, iid): (value, base)
        for uid, iid, value, base in Target.objects.filter(
            cycle=cycle, indicator__in=leaves, unit__isnull=False
        ).values_list("unit_id", "indicator_id", "value", "base")
    }

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SCORES
    sheet.append(SCORE_COLUMNS + HELP_COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for p in periods:
        for indicator in leaves:
            for unit in units:
                if index.applicability_error(indicator=indicator, unit=unit, period=p):
                    continue
                entry = current.get((p.id, unit.id, indicator.id))
                value = None
                if entry is not None:
                    value = entry.letter or entry.value
                full = index.points[(indicator.id, unit.category_id)]
                uses_targets = indicator.rule in TARGET_RULES
                target, base = targets.get((unit.id, indicator.id), (None, None)) if uses_targets else (None, None)
                # Why a value gives its points, beside it (ignored on import, like the names).
                explained = explain(indicator.rule, indicator.params, target=target, base=base, full=full)
                _append_row(
                    sheet,
                    [
                        p.code,
                        unit.code,
                        indicator.code,
                        value,
                        entry.note if entry else "",
                        unit.name,
                        indicator.name,
                        RULE_NAMES.get(indicator.rule, indicator.rule),
                        target,
                        base,
                        full,
                        explained,
                    ],
                )
    for n, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(n)].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _append_row(sheet, values: list) -> None:
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        # Text that looks like a formula (a note or name starting with "=") must stay text, never be run by Excel.
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
        elif isinstance(cell.value, str):
            cell.number_format = "@"
