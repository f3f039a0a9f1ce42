"""Every URL pattern of the resolver, filled with real ids, and what each role may do there (DESIGN.md).

`url_patterns()` walks the resolver; `fill()` turns a pattern into concrete requests (one per object it can
point at: own-scope and other-scope objects of the fixture district). A pattern nobody knows how to fill is an
error, unless `NOT_FILLED` lists it with the reason: a URL added later, or by a library, cannot slip through.

Expectations are DESIGN.md's, stated here without asking the code under test:
- `sees(role, obj)`: the readers of everything (考核办, 组织部, 纪检审计) see every object; a lead-department scorer
  the entries of the indicators their department leads and the published plan; a unit leader the rows of their
  own unit and the published plan.
- `may_write(...)`: only the office changes the plan and the entries by hand (never in a final cycle, never
  through record history, never the rows written by services); a scorer only entries of the led indicators in an
  open period; a leader only files appeals of their own unit; 组织部 and 纪检审计 write nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.contrib import admin
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse

OFFICE, SCORER, LEADER, ORG, AUDITOR = "office_user", "finance_scorer", "leader_of_town_a", "org_user", "auditor"
ROLES = (OFFICE, SCORER, LEADER, ORG, AUDITOR)
READERS = {OFFICE, ORG, AUDITOR}

# Patterns left out on purpose, with the reason.
NOT_FILLED: dict[str, str] = {}

# What the office maintains by hand (units.services.OFFICE_INPUT_MODELS): everything else is written by services.
OFFICE_INPUT_MODELS = {
    "units.category",
    "units.unit",
    "units.membership",
    "cadres.cadre",
    "cadres.cadretarget",
    "cadres.democraticevaluation",
    "targets.cycle",
    "targets.period",
    "targets.indicator",
    "targets.indicatorpoints",
    "targets.target",
    "assessment.scoreentry",
    "assessment.appeal",
}
# The published plan: every participant may read it (names and codes of units are in the ranking anyway).
PUBLISHED = {
    "units.category",
    "units.unit",
    "targets.cycle",
    "targets.period",
    "targets.indicator",
    "targets.indicatorpoints",
}
# Who may POST with effect to the workflow pages (whether the object allows it is checked in may_write).
WORKFLOW_WRITERS = {
    "workflow:grid": {OFFICE, SCORER},
    "workflow:index": {SCORER},
    "workflow:appeal_create": {LEADER},
    "workflow:appeal_resolve": {OFFICE},
    "workflow:exemption": {OFFICE},
    "workflow:cycle_transition": {OFFICE},
    "admin:import_plan": {OFFICE},
    "admin:import_scores": {OFFICE},
    "supervision:report_review": {OFFICE},
    "supervision:record_decide": {OFFICE},
    "supervision:report_create": {LEADER},
}
# The supervision rows of a unit (SUPERVISION.md): its leader sees its own, as the readers see every unit's.
SUPERVISION_ROWS = {"supervision.item", "supervision.report", "supervision.reportevidence", "supervision.record"}
ADMIN_KINDS = ("changelist", "add", "history", "delete", "change", "simple_history")


@dataclass
class Pattern:
    key: str  # the route as written, prefixes joined: "admin/targets/cycle/<path:object_id>/change/"
    name: str | None  # "namespace:name"


@dataclass
class Probe:
    """One concrete request target: a URL and the object it points at (None for a page about no one object)."""

    url: str
    obj: object = None
    post: dict = field(default_factory=dict)
    model_label: str = ""  # the admin's model, for admin model URLs
    kind: str = ""  # an ADMIN_KINDS entry, "autocomplete", or "" for other pages
    # Another object of the same kind, there for the scoped roles' own/other-scope pairs: the readers of
    # everything see every object alike, so they skip it (keeps the matrix fast).
    scope_only: bool = False


def url_patterns() -> list[Pattern]:
    def walk(patterns, prefix, namespace):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns, prefix + str(p.pattern), namespace + (f"{p.namespace}:" if p.namespace else "")
                )
            elif isinstance(p, URLPattern):
                yield Pattern(prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else None)

    return list(walk(get_resolver().url_patterns, "", ""))


def label(obj) -> str:
    return obj._meta.label_lower


def unit_of(obj):
    """The unit a row belongs to (None for plan data shared by everyone)."""
    for path in ("unit_id", "cadre.unit_id", "item.unit_id", "report.item.unit_id"):
        value = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            return value
    return None


def cycle_of(obj):
    from assessment.permissions import object_cycle

    return object_cycle(obj)


def sees(role: str, obj, world) -> bool:
    if role in READERS:
        return True
    name = label(obj)
    if name == "auth.user":
        return False
    if name in ("assessment.scoreentry", "assessment.historicalscoreentry"):
        if role == SCORER:
            return obj.indicator.lead_unit_id == world["dept_finance"].pk
        return obj.unit_id == world["town_a"].pk
    if name in PUBLISHED or name == "targets.historicalindicator":
        return True
    if role == LEADER and name in SUPERVISION_ROWS:
        return unit_of(obj) == world["town_a"].pk
    if name == "notifications.notification":
        return obj.recipient_id == world["users"][role].pk
    if role == LEADER and name in (
        "assessment.appeal",
        "assessment.unitresult",
        "assessment.unitperiodresult",
        "assessment.cadreresult",
        "cadres.cadre",
    ):
        return unit_of(obj) == world["town_a"].pk
    return False


def locked(obj) -> bool:
    cycle = cycle_of(obj) if obj is not None and not isinstance(obj, str) else None
    return cycle is not None and cycle.status == "final"


def may_write(role: str, probe: Probe, name: str | None, world) -> bool:
    obj = probe.obj
    if probe.kind == "simple_history":
        return False  # record history only reads
    if probe.model_label:
        if probe.kind not in ("add", "change", "delete", "changelist") or probe.model_label not in OFFICE_INPUT_MODELS:
            return False
        if locked(obj):
            return False
        if role == OFFICE:
            return True
        if role == SCORER and probe.model_label == "assessment.scoreentry" and probe.kind in ("add", "change"):
            return obj is None or (sees(SCORER, obj, world) and obj.period.is_open)
        return False
    if name in ("notifications:mark_read", "notifications:mark_all_read", "notifications:preference"):
        # Everyone marks their own messages read and sets their own e-mail preference, nobody else's.
        return obj is None or obj.recipient_id == world["users"][role].pk
    if role not in WORKFLOW_WRITERS.get(name, ()):
        return False
    if name == "workflow:grid":
        return role == OFFICE or obj.lead_unit_id == world["dept_finance"].pk
    if name == "workflow:appeal_create":
        return obj.pk == world["town_a"].pk
    if name == "supervision:report_create":
        return obj.unit_id == world["town_a"].pk and not locked(obj)
    if name == "workflow:cycle_transition":
        return True  # reopening a final cycle is a logged move of the office (SCORING lifecycle)
    return not locked(obj)


# --- Filling the patterns ------------------------------------------------------------------------------------


def pick(qs, n=4):
    """Up to `n` objects of `qs` that differ in unit, indicator and cycle (own-scope and other-scope ones); the
    newest first, so that the first and the last come from different cycles where there are two."""
    seen, out = set(), []
    for obj in qs.order_by("-pk")[:200]:
        key = (getattr(obj, "unit_id", None), getattr(obj, "indicator_id", None), getattr(obj, "cycle_id", None))
        if key in seen:
            continue
        seen.add(key)
        out.append(obj)
        if len(out) == n:
            break
    return out


def _model_admin_for(key: str):
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if key.startswith(f"admin/{opts.app_label}/{opts.model_name}/"):
            return model, model_admin
    return None, None


def _admin_kind(pattern: Pattern, model) -> str | None:
    if pattern.name is None:
        return "redirect" if pattern.key.endswith("/<path:object_id>/") else None
    base = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
    kind = pattern.name.removeprefix(base)
    return kind if pattern.name.startswith(base) and kind in ADMIN_KINDS else None


def _form_data(model_admin, obj, world):
    from tests.admin_post import admin_form_data

    try:
        return admin_form_data(model_admin, obj, world["office_user"])
    except Exception:  # a form that cannot even be built for this object posts nothing
        return {}


def _admin_probes(pattern: Pattern, model, model_admin, world) -> list[Probe] | None:
    kind = _admin_kind(pattern, model)
    if kind is None:
        return None
    lbl = model._meta.label_lower
    info = model._meta.app_label, model._meta.model_name
    objects = pick(model_admin.model._default_manager.all())
    if not objects and kind not in ("changelist", "add"):
        return None
    if kind == "changelist":
        ids = [str(o.pk) for o in objects]
        return [
            Probe(
                reverse(pattern.name),
                None,
                {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
                lbl,
                kind,
            )
        ]
    if kind == "add":
        data = _form_data(model_admin, objects[0], world) if objects else {}
        return [Probe(reverse(pattern.name), None, data, lbl, kind)]
    probes = []
    for n, obj in enumerate(objects):
        first = len(probes)
        if kind == "redirect":
            probes.append(Probe(f"/admin/{info[0]}/{info[1]}/{obj.pk}/", obj, {}, lbl, kind))
        elif kind == "simple_history":
            for version in obj.history.order_by("history_id")[:1]:
                probes.append(
                    Probe(
                        reverse(pattern.name, args=[obj.pk, version.history_id]),
                        obj,
                        _form_data(model_admin, version.instance, world),
                        lbl,
                        kind,
                    )
                )
        elif kind == "delete":
            probes.append(Probe(reverse(pattern.name, args=[obj.pk]), obj, {"post": "yes"}, lbl, kind))
        elif kind == "change":
            probes.append(
                Probe(reverse(pattern.name, args=[obj.pk]), obj, _form_data(model_admin, obj, world), lbl, kind)
            )
        else:  # history
            probes.append(Probe(reverse(pattern.name, args=[obj.pk]), obj, {}, lbl, kind))
        if 0 < n < len(objects) - 1 and not locked(obj):
            for probe in probes[first:]:
                probe.scope_only = True
    return probes or None


def _autocomplete_probes(world) -> list[Probe]:
    """Every autocomplete field of every admin: the answers list objects of the related model."""
    probes = []
    for model, model_admin in admin.site._registry.items():
        for field_name in model_admin.autocomplete_fields:
            query = f"app_label={model._meta.app_label}&model_name={model._meta.model_name}&field_name={field_name}"
            probes.append(Probe(f"/admin/autocomplete/?{query}&term=", None, {}, "", "autocomplete"))
    return probes


def _project_probes(pattern: Pattern, world) -> list[Probe] | None:
    from assessment.models import Appeal, ResultArchive, ScoreEntry, UnitResult
    from targets.models import Cycle
    from units.models import Unit

    w = world
    entries = pick(ScoreEntry.objects.all())

    def api_cycle_urls(tail):
        return lambda: [Probe(f"/api/v1/cycles/{c.year}/{tail}") for c in Cycle.objects.all()]

    by_name = {
        # The API (session calls here; tokens and the JSON bodies in tests/api/test_permission_matrix.py).
        "api:units_list": api_cycle_urls("units"),
        "api:cadres_list": api_cycle_urls("cadres"),
        "api:entries_put": api_cycle_urls("entries"),
        "api:simulate_post": api_cycle_urls("simulate"),
        "api:unit_detail": lambda: [
            Probe(f"/api/v1/cycles/{r.cycle.year}/units/{r.unit.code}", r)
            for r in pick(UnitResult.objects.select_related("cycle", "unit"))
        ],
        "admin:view_on_site": lambda: [
            Probe(reverse(pattern.name, args=[w["entry_content_type"], e.pk]), e) for e in entries
        ],
        "admin:app_list": lambda: [
            Probe(reverse(pattern.name, args=[app]))
            for app in ("auth", "axes", "assessment", "units", "cadres", "targets", "api")
        ],
        "admin:auth_user_password_change": lambda: [
            Probe(reverse(pattern.name, args=[u.pk]), u, {"password1": "x-Kaohe-2025!", "password2": "x-Kaohe-2025!"})
            for u in (w["office_user"], w["leader_user"])
        ],
        "password_reset_confirm": lambda: [Probe(reverse(pattern.name, args=["MQ", "set-password"]))],
        "workflow:grid": lambda: [
            Probe(w["grid_url"](w["q1"], ind), ind, w["grid_post"](ind))
            for ind in (w["direct_indicator"], w["environment_indicator"])
        ],
        "workflow:evidence": lambda: [Probe(reverse(pattern.name, args=[e.pk]), e) for e in entries],
        "workflow:exemption": lambda: [
            Probe(
                reverse(pattern.name, args=[e.pk]),
                e,
                {"reason": "试点", "approver": "区考核委", "doc_no": "1号", "version": e.version},
            )
            for e in entries
        ],
        "workflow:appeal_create": lambda: [
            Probe(reverse(pattern.name, args=[u.pk]), u, {"entry": w["entries"]["a_a01"].pk, "reason": "漏计"})
            for u in Unit.objects.filter(pk__in=[w["town_a"].pk, w["town_b"].pk])
        ],
        "workflow:appeal_attachment": lambda: [
            Probe(reverse(pattern.name, args=[a.pk]), a) for a in Appeal.objects.all()
        ],
        "workflow:appeal_resolve": lambda: [
            Probe(reverse(pattern.name, args=[a.pk]), a, {"decision": "reject", "reply": "驳回"})
            for a in Appeal.objects.all()
        ],
        "workflow:cycle_transition": lambda: [
            Probe(reverse(pattern.name, args=[c.pk]), c, {"to_status": "publicity", "reason": "按期公示"})
            for c in Cycle.objects.all()
        ],
        "workflow:archive": lambda: [Probe(reverse(pattern.name, args=[a.pk]), a) for a in ResultArchive.objects.all()],
        "pages:unit_ranking": lambda: [
            Probe(reverse(pattern.name, args=[u.pk]), u) for u in (w["town_a"], w["town_b"])
        ],
        # What-if writes nothing for anyone (the recorder checks it); reading another unit's is refused.
        "pages:whatif_simulate": lambda: [
            Probe(reverse(pattern.name, args=[u.pk]), u) for u in (w["town_a"], w["town_b"])
        ],
        "pages:whatif_solve": lambda: [
            Probe(reverse(pattern.name, args=[u.pk]), u) for u in (w["town_a"], w["town_b"])
        ],
        "supervision:unit": lambda: [Probe(reverse(pattern.name, args=[u.pk]), u) for u in (w["town_a"], w["town_b"])],
        "supervision:report_create": lambda: [
            Probe(
                reverse(pattern.name, args=[i.pk]),
                i,
                {"report_date": "2025-06-10", "percent": "50", "milestone_number": "", "text": "按计划推进"},
            )
            for i in w["supervision"]["items"]
        ],
        "supervision:report_review": lambda: [
            Probe(reverse(pattern.name, args=[r.pk]), r, {"decision": "return", "reason": "缺少佐证材料"})
            for r in w["supervision"]["reports"]
        ],
        "supervision:record_decide": lambda: [
            Probe(reverse(pattern.name, args=[r.pk]), r, {"decision": "dismiss", "reason": "节点已按期完成"})
            for r in w["supervision"]["records"]
        ],
        "supervision:evidence": lambda: [
            Probe(reverse(pattern.name, args=[e.pk]), e) for e in w["supervision"]["evidence"]
        ],
        "notifications:mark_read": lambda: [Probe(reverse(pattern.name, args=[n.pk]), n) for n in w["notifications"]],
        "pages:guide_screenshot": lambda: [
            Probe(reverse(pattern.name, args=[n])) for n in ("ranking-desktop.png", "no-such.png")
        ],
    }
    if pattern.key == "admin/(?P<url>.*)$":  # the admin's catch-all: any unknown admin address
        return [Probe("/admin/no-such-page/")]
    if pattern.name in by_name:
        return by_name[pattern.name]()
    if "<" in pattern.key or "(" in pattern.key:
        return None  # has parameters nobody knows how to fill
    try:
        url = reverse(pattern.name) if pattern.name else "/" + pattern.key
    except Exception:
        return None
    return [Probe(url, None, {})]


def fill(pattern: Pattern, world) -> list[Probe] | None:
    if pattern.name == "admin:autocomplete":
        return _autocomplete_probes(world)
    model, model_admin = _model_admin_for(pattern.key)
    if model is not None:
        probes = _admin_probes(pattern, model, model_admin, world)
        if probes is not None:
            return probes
    return _project_probes(pattern, world)


# --- Did anything change? ------------------------------------------------------------------------------------


def _tables() -> list[tuple[str, str]]:
    from django.apps import apps

    out = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in (
            "units",
            "cadres",
            "targets",
            "assessment",
            "notifications",
        ) or model._meta.db_table in (
            "auth_user_groups",
            "auth_group_permissions",
            "auth_user_user_permissions",
            "auth_group",
        ):
            out.append((model._meta.db_table, "*"))
    # A user's own password and last login change by signing in and out; privileges must not.
    out.append(("auth_user", "id, username, is_staff, is_superuser, is_active"))
    return sorted(set(out))


class WriteRecorder:
    """Which domain tables (and users' privileges) a request wrote, whatever way it wrote them.

    On SQLite, temporary triggers note every INSERT, UPDATE and DELETE in a temporary table: one query per check
    (the caller rolls the request back, notes included). Elsewhere, every table is hashed before and after.
    """

    def __init__(self):
        self.tables = _tables()
        self.triggers = connection.vendor == "sqlite"
        if self.triggers:
            with connection.cursor() as cursor:
                cursor.execute("CREATE TEMP TABLE IF NOT EXISTS kaohe_writes (tbl TEXT)")
                cursor.execute("DELETE FROM kaohe_writes")
                for table, columns in self.tables:
                    of = "" if columns == "*" else f" OF {columns.replace('id, ', '')}"
                    for n, event in enumerate(("INSERT", "DELETE", f"UPDATE{of}")):
                        cursor.execute(
                            f'CREATE TEMP TRIGGER IF NOT EXISTS "kaohe_w_{table}_{n}" AFTER {event} ON "{table}" '
                            f"BEGIN INSERT INTO kaohe_writes VALUES ('{table}'); END"
                        )
        self.baseline = self._state()

    def _state(self):
        if self.triggers:
            return {}
        return fingerprint(self.tables)

    def written(self) -> list[str]:
        if self.triggers:
            with connection.cursor() as cursor:
                cursor.execute("SELECT DISTINCT tbl FROM kaohe_writes ORDER BY tbl")
                return [row[0] for row in cursor.fetchall()]
        after = self._state()
        return sorted(t for t in after if self.baseline.get(t) != after[t])


def fingerprint(tables) -> dict[str, str]:
    """A hash of every row of every domain table (and of users' privileges), per table."""
    out = {}
    with connection.cursor() as cursor:
        for table, columns in tables:
            cursor.execute(f"SELECT {columns} FROM {connection.ops.quote_name(table)} ORDER BY 1")
            out[table] = hashlib.sha1(repr(cursor.fetchall()).encode()).hexdigest()
    return out


def supervision_rows(*, cycle, units, cadres, pdf) -> dict:
    """An item of each town with a milestone, a pending report with evidence, and a proposed record; a daily run."""
    import datetime

    from assessment.supervision.models import DailyRun, Item, Milestone, Record, Report, ReportEvidence

    DailyRun.objects.create(date=datetime.date(2025, 6, 2), host="worker-1", proposed=2)

    rows: dict[str, list] = {"items": [], "reports": [], "evidence": [], "records": []}
    for n, (unit, cadre) in enumerate(zip(units, cadres, strict=True), start=1):
        item = Item.objects.create(
            cycle=cycle, code=f"DB0{n}", title="督办事项", unit=unit, leader=cadre, start_date=datetime.date(2025, 1, 1)
        )
        Milestone.objects.create(item=item, number=1, content="完成", due_date=datetime.date(2025, 6, 1))
        report = Report.objects.create(item=item, report_date=datetime.date(2025, 5, 30), percent=40, text="进展")
        evidence = ReportEvidence(report=report, original_name="佐证.pdf")
        evidence.file.save("evidence.pdf", pdf(), save=True)
        record = Record.objects.create(
            cycle=cycle,
            code=f"R0{n}",
            unit=unit,
            kind="黄",
            date=datetime.date(2025, 6, 2),
            reason="节点逾期",
            item=item,
            status="proposed",
            origin="proposed",
        )
        rows["items"].append(item)
        rows["reports"].append(report)
        rows["evidence"].append(evidence)
        rows["records"].append(record)
    return rows
