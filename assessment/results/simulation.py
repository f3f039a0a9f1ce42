"""What-if: a cycle's results with some entries changed and some settings replaced, checked like a save, saving
nothing (`POST /api/v1/cycles/{year}/simulate`, the what-if panel of the ranking page, the office's 模拟测算).

`simulate` validates the request exactly as the score-write service validates a save — the same parsing and
messages (`assessment.scores.entries`), the same applicability checks (`PlanIndex`) — and the settings as the plan
workbook's 考核设置 sheet does; checks who may ask (anyone who sees the cycle's results; a unit leader only for
their own unit's entries; only the office for settings); runs `assessment.recompute.simulate.cycle_simulate`; and
returns unsaved result instances with exactly the values a recompute would store, their relations attached.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from assessment.common.errors import SimulationError
from assessment.common.numbers import number_parse
from assessment.models import CadreResult, UnitPeriodResult, UnitResult
from assessment.models.entries import VALUE_FIELD
from assessment.permissions import can_see_cycle_results, is_office, led_unit_ids, reads_everything
from assessment.plan.plan_index import PlanIndex
from assessment.plan.workbook_settings import SCALARS, setting_problem
from assessment.recompute.load import cycle_settings
from assessment.recompute.simulate import STORED_PERIOD_FIELDS, EntryChange, cycle_simulate
from assessment.recompute.write import result_instances, results_rows_build, unsaved_instance
from assessment.scores.entries import entry_parse_value
from assessment.scoring.decimals import ONE
from assessment.scoring.types import EXCELLENT, FAIL, GOOD, PASS
from cadres.models import Cadre
from targets.models import Cycle, Indicator, Period
from units.models import Category, Unit

ENTRY_FIELDS = ("period", "unit", "indicator", "value")
# API.md's settings names -> (the 考核设置 item, its kind), as the plan workbook checks them.
SCALAR_SETTINGS = {name: (item, kind) for item, (name, kind) in SCALARS.items()}
COEFFICIENTS = {"优秀": EXCELLENT, "良好": GOOD, "合格": PASS, "不合格": FAIL}
SETTINGS_KEYS = (*SCALAR_SETTINGS, "coefficients", "period_weights")

STORED_PLACES = Decimal(1).scaleb(-VALUE_FIELD.decimal_places)

Errors = list[tuple[int | None, str, str]]


@dataclass
class SimulationResult:
    """Unsaved result rows: every unit, period and cadre of the categories the change touches (all of them when
    settings were given), in the order the pages show them."""

    units: list[UnitResult] = field(default_factory=list)
    periods: list[UnitPeriodResult] = field(default_factory=list)
    cadres: list[CadreResult] = field(default_factory=list)


def simulate(*, cycle: Cycle, user, entries: list[dict], settings: dict | None = None) -> SimulationResult:
    """The results ``cycle`` would have with ``entries`` changed and ``settings`` replaced; writes nothing.

    Raises PermissionDenied, or SimulationError listing every bad input (index in ``entries`` or None, field,
    Chinese message)."""
    if not can_see_cycle_results(user, cycle):
        raise PermissionDenied("无权查看该年度的考核结果")
    if settings is not None and not is_office(user):
        raise PermissionDenied("只有考核办可以模拟考核设置")
    errors: Errors = []
    if not isinstance(entries, list):
        raise SimulationError([(None, "entries", "entries 必须是列表")])
    changes, unit_ids = _entries_parse(cycle, entries, errors)
    engine_settings, weights = (None, None)
    if settings is not None:
        engine_settings, weights = _settings_parse(cycle, settings, errors)
    if errors:
        raise SimulationError(errors)
    if not reads_everything(user) and not unit_ids <= led_unit_ids(user):
        raise PermissionDenied("只能模拟本单位的评分")
    if not changes and settings is None:
        return SimulationResult()
    simulated = cycle_simulate(cycle=cycle, changes=changes, settings=engine_settings, period_weights=weights)
    return _result(cycle, simulated)


def _entries_parse(cycle: Cycle, entries: list, errors: Errors) -> tuple[list[EntryChange], set[int]]:
    """The changes as the engine takes them, and the ids of the units they change; problems go to ``errors``."""
    wanted = {name: set() for name in ("period", "unit", "indicator")}
    for pos, item in enumerate(entries):
        if not isinstance(item, dict):
            errors.append((pos, "entries", "每一项必须是对象"))
            continue
        for name in sorted(set(item) - set(ENTRY_FIELDS)):
            errors.append((pos, str(name), f"未知的字段“{name}”"))
        for name in wanted:
            code = item.get(name)
            if name not in item:
                errors.append((pos, name, "缺少该字段"))
            elif not isinstance(code, str) or not code:
                errors.append((pos, name, "必须是非空字符串"))
            else:
                wanted[name].add(code)
        if "value" not in item:
            errors.append((pos, "value", "缺少该字段"))
    periods = {p.code: p for p in Period.objects.filter(cycle=cycle, code__in=wanted["period"])}
    units = {u.code: u for u in Unit.objects.filter(code__in=wanted["unit"])}
    indicators = {i.code: i for i in Indicator.objects.filter(cycle=cycle, code__in=wanted["indicator"])}
    index = PlanIndex.for_indicators(cycle.id, {i.id for i in indicators.values()})
    changes: list[EntryChange] = []
    unit_ids: set[int] = set()
    seen: set[tuple[str, str, str]] = set()
    for pos, item in enumerate(entries):
        if not isinstance(item, dict) or any(not isinstance(item.get(n), str) for n in wanted) or "value" not in item:
            continue
        period = periods.get(item["period"])
        unit = units.get(item["unit"])
        indicator = indicators.get(item["indicator"])
        missing = False
        found_by_name = (("period", period, "考核期"), ("unit", unit, "单位"), ("indicator", indicator, "指标"))
        for name, found, what in found_by_name:
            if found is None:
                errors.append((pos, name, f"{what}“{item[name]}”不存在"))
                missing = True
        if missing:
            continue
        problem = index.applicability_error(indicator=indicator, unit=unit, period=period)
        if problem:
            applies = indicator.id in index.leaves and (indicator.id, unit.category_id) in index.points
            errors.append((pos, "period" if applies else "indicator", problem))
            continue
        key = (unit.code, indicator.code, period.code)
        if key in seen:
            errors.append((pos, "indicator", f"{period.code}/{unit.code}/{indicator.code} 重复出现"))
            continue
        seen.add(key)
        raw = item["value"]
        value: Decimal | str | None = None
        if not (raw is None or (isinstance(raw, str) and raw.strip() == "")):
            try:
                number, letter = entry_parse_value(indicator=index.leaves[indicator.id], raw=raw)
            except ValueError as exc:
                errors.append((pos, "value", f"指标 {indicator.code}：{exc}"))
                continue
            # As the database gives the stored value back (a count 0 is 0.0000): the engine copies it into points.
            value = letter or number.quantize(STORED_PLACES)
        changes.append(EntryChange(unit.code, indicator.code, period.code, value))
        unit_ids.add(unit.id)
    return changes, unit_ids


def _number(value, label: str, errors: Errors, name: str) -> Decimal | None:
    try:
        return number_parse(value, label=label)
    except ValueError as exc:
        errors.append((None, name, str(exc)))
        return None


def _settings_parse(cycle: Cycle, settings: dict, errors: Errors):
    """(engine Settings, period weights) of the cycle with ``settings`` replacing its values."""
    if not isinstance(settings, dict):
        errors.append((None, "settings", "settings 必须是对象"))
        return None, None
    base = cycle_settings(cycle)
    replaced: dict[str, object] = {}
    for name in sorted(set(settings) - set(SETTINGS_KEYS)):
        errors.append((None, str(name), f"未知的设置项“{name}”，可填：{'、'.join(SETTINGS_KEYS)}"))
    for name, (item, kind) in SCALAR_SETTINGS.items():
        if name not in settings:
            continue
        number = _number(settings[name], item, errors, name)
        if number is None:
            continue
        places = 0 if kind == "count" else Cycle._meta.get_field(name).decimal_places
        problem = setting_problem(number, kind, item, places)
        if problem:
            errors.append((None, name, problem))
            continue
        replaced[name] = int(number) if kind == "count" else number
    coefficients = dict(base.coefficients)
    given = settings.get("coefficients")
    if given is not None:
        if not isinstance(given, dict):
            errors.append((None, "coefficients", '奖金系数必须是对象，例如 {"优秀": "1.2"}'))
        else:
            for key, raw in given.items():
                label = f"奖金系数“{key}”"
                if key not in COEFFICIENTS:
                    errors.append((None, "coefficients", f"奖金系数中未知的“{key}”，可填：{'、'.join(COEFFICIENTS)}"))
                    continue
                number = _number(raw, label, errors, "coefficients")
                if number is None:
                    continue
                problem = setting_problem(number, "number", label)
                if problem:
                    errors.append((None, "coefficients", problem))
                    continue
                coefficients[COEFFICIENTS[key]] = number
    weights = _weights_parse(cycle, settings.get("period_weights"), errors)
    return dataclasses.replace(base, **replaced, coefficients=coefficients), weights


def _weights_parse(cycle: Cycle, given, errors: Errors) -> dict[str, Decimal] | None:
    if given is None:
        return None
    if not isinstance(given, dict):
        errors.append((None, "period_weights", '期间权重必须是对象，例如 {"Q1": "0.1"}'))
        return None
    current = dict(Period.objects.filter(cycle=cycle).order_by("order", "code").values_list("code", "weight"))
    merged = dict(current)
    ok = True
    for code, raw in given.items():
        if code not in current:
            errors.append((None, "period_weights", f"考核期“{code}”不存在"))
            ok = False
            continue
        weight = _number(raw, f"期间“{code}”的权重", errors, "period_weights")
        if weight is None:
            ok = False
            continue
        if weight <= 0 or weight > ONE or weight.as_tuple().exponent < -4:
            message = f"期间“{code}”的权重必须大于 0、不超过 1、最多 4 位小数，收到 {raw}"
            errors.append((None, "period_weights", message))
            ok = False
            continue
        merged[code] = weight
    if not ok:
        return None
    total = sum(merged.values(), Decimal(0))
    if total != ONE:
        errors.append((None, "period_weights", f"期间权重之和必须等于 1，现为 {total}"))
        return None
    return merged


def _read(queryset) -> list:
    """The rows of ``queryset`` as instances, every concrete field read, without ``Model.from_db``'s per-row
    ``__init__`` (a city category has 2,000 cadres)."""
    model = queryset.model
    names = [f.attname for f in model._meta.concrete_fields]
    rows = []
    for values in queryset.order_by().values_list(*names):
        instance = unsaved_instance(model, dict(zip(names, values, strict=True)))
        instance._state.adding = False
        instance._state.db = queryset.db
        rows.append(instance)
    return rows


def _attach(row, **related) -> None:
    """Set the related objects of an unsaved row in its relation cache, as select_related does."""
    cache = row._state.fields_cache
    for name, obj in related.items():
        cache[name] = obj


def _result(cycle: Cycle, simulated) -> SimulationResult:
    """Unsaved instances of the simulated rows (the other started periods' rows as stored), relations attached."""
    loaded = simulated.loaded
    now = timezone.now()
    built = {
        table.model: result_instances(table, cycle_id=cycle.id, input_version=simulated.input_version, computed_at=now)
        for table in results_rows_build(loaded=loaded, results=simulated.results)
    }
    categories = {c.id: c for c in Category.objects.filter(id__in=simulated.category_ids)}
    units = {u.id: u for u in _read(Unit.objects.filter(category_id__in=simulated.category_ids))}
    for unit in units.values():
        _attach(unit, category=categories[unit.category_id])
    periods = {p.id: p for p in Period.objects.filter(cycle=cycle)}
    cadres = {c.id: c for c in _read(Cadre.objects.filter(unit_id__in=list(units)))}
    period_rows = built[UnitPeriodResult]
    if simulated.period_codes is not None:
        # The other started periods' rows as stored (the simulation read them); never saved from here either: the
        # id is left out, like the simulated rows', and each gets its own points dict.
        for values in simulated.stored_period_rows:
            row = dict(zip(STORED_PERIOD_FIELDS, values, strict=True))
            row.update(id=None, points=dict(row["points"]))
            period_rows.append(unsaved_instance(UnitPeriodResult, row))
    # Relations straight into each row's relation cache, and the sort keys from plain dicts: 2,750 rows of a city
    # category through the descriptors cost as much as scoring them.
    category_code = {uid: categories[u.category_id].code for uid, u in units.items()}
    unit_code = {uid: u.code for uid, u in units.items()}
    period_order = {pid: p.order for pid, p in periods.items()}
    for row in built[UnitResult]:
        unit = units[row.unit_id]
        row._state.fields_cache.update(cycle=cycle, unit=unit, category=unit._state.fields_cache["category"])
    for row in period_rows:
        unit = units[row.unit_id]
        row._state.fields_cache.update(
            cycle=cycle, unit=unit, category=unit._state.fields_cache["category"], period=periods[row.period_id]
        )
    for row in built[CadreResult]:
        cadre = cadres[row.cadre_id]
        cadre._state.fields_cache["unit"] = units[cadre.unit_id]
        row._state.fields_cache.update(cycle=cycle, unit=units[row.unit_id], cadre=cadre)
    return SimulationResult(
        units=sorted(built[UnitResult], key=lambda r: (category_code[r.unit_id], r.rank, unit_code[r.unit_id])),
        periods=sorted(
            period_rows,
            key=lambda r: (period_order[r.period_id], category_code[r.unit_id], r.rank, unit_code[r.unit_id]),
        ),
        cadres=sorted(built[CadreResult], key=lambda r: (unit_code[r.unit_id], r.rank, cadres[r.cadre_id].code)),
    )
