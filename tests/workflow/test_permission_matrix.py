"""Every role × object × action, allowed and denied, asked the way a browser would (including URLs edited by
hand to point at another unit's ids), plus what each role's lists and exports contain.

World: towns A and B; indicator A01 led by the finance department (with evidence on town A's entry), A02 led by
the environment department; a cadre in each town; results computed; an appeal of each town.
"""

from decimal import Decimal

import pytest
from django.db import transaction

from assessment.models import Appeal, ScoreEntry
from assessment.recompute.service import cycle_recompute
from tests.factories import CadreFactory, TargetFactory
from tests.workflow import url_matrix

pytestmark = pytest.mark.django_db

ROLES = ["office_user", "finance_scorer", "leader_of_town_a", "org_user", "auditor"]
OFFICE, SCORER, LEADER, ORG, AUDITOR = ROLES
READERS = {OFFICE, ORG, AUDITOR}


@pytest.fixture
def world(
    cycle,
    periods,
    town_a,
    town_b,
    direct_indicator,
    environment_indicator,
    write,
    pdf_upload,
    office_user,
    leader_of_town_a,
    leader_of_town_b,
    finance_scorer,
):
    q1 = periods["Q1"]
    entries = {
        "a_a01": write(q1, town_a, direct_indicator, "12", evidence=pdf_upload()),
        "b_a01": write(q1, town_b, direct_indicator, "15", evidence=pdf_upload()),
        "a_a02": write(q1, town_a, environment_indicator, "80", evidence=pdf_upload()),
    }
    cycle_recompute(cycle_id=cycle.id)
    appeals = {
        "a": Appeal.objects.create(
            cycle=cycle,
            unit=town_a,
            period=q1,
            indicator=direct_indicator,
            reason="漏计",
            entry=entries["a_a01"],
            filed_by=leader_of_town_a,
            attachment=pdf_upload(),
        ),
        "b": Appeal.objects.create(
            cycle=cycle,
            unit=town_b,
            period=q1,
            indicator=direct_indicator,
            reason="漏计",
            entry=entries["b_a01"],
            filed_by=leader_of_town_b,
            attachment=pdf_upload(),
        ),
    }
    return {
        "entries": entries,
        "appeals": appeals,
        "q1": q1,
        "cadres": {"a": CadreFactory(code="K01", unit=town_a), "b": CadreFactory(code="K02", unit=town_b)},
        "target": TargetFactory(indicator=direct_indicator, unit=town_a, value=Decimal("100")),
    }


@pytest.fixture
def as_role(request, client):
    def _login(role):
        client.force_login(request.getfixturevalue(role))
        return client

    return _login


def _allowed(response) -> bool:
    return response.status_code == 200


# --- score entries ----------------------------------------------------------------------------------------------

ENTRY_VIEW = {  # admin change page (read or edit)
    OFFICE: {"a_a01", "b_a01", "a_a02"},
    SCORER: {"a_a01", "b_a01"},
    LEADER: set(),
    ORG: {"a_a01", "b_a01", "a_a02"},
    AUDITOR: {"a_a01", "b_a01", "a_a02"},
}
ENTRY_CHANGE = {
    OFFICE: {"a_a01", "b_a01", "a_a02"},
    SCORER: {"a_a01", "b_a01"},
    LEADER: set(),
    ORG: set(),
    AUDITOR: set(),
}
ENTRY_DELETE = {OFFICE: {"a_a01", "b_a01", "a_a02"}, SCORER: set(), LEADER: set(), ORG: set(), AUDITOR: set()}
EVIDENCE = {
    OFFICE: {"a_a01", "b_a01", "a_a02"},
    SCORER: {"a_a01", "b_a01"},
    LEADER: {"a_a01", "a_a02"},
    ORG: {"a_a01", "b_a01", "a_a02"},
    AUDITOR: {"a_a01", "b_a01", "a_a02"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["a_a01", "b_a01", "a_a02"])
def test_entry_view_in_admin(world, as_role, role, key):
    entry = world["entries"][key]
    response = as_role(role).get(f"/admin/assessment/scoreentry/{entry.pk}/change/")
    assert _allowed(response) == (key in ENTRY_VIEW[role])


@pytest.mark.parametrize("role", ROLES)
def test_entry_changelist_shows_only_visible_entries(world, as_role, role):
    response = as_role(role).get("/admin/assessment/scoreentry/")
    if not ENTRY_VIEW[role]:
        assert response.status_code in (302, 403)
        return
    shown = {e.pk for e in response.context["cl"].result_list}
    assert shown == {world["entries"][k].pk for k in ENTRY_VIEW[role]}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["a_a01", "b_a01", "a_a02"])
def test_entry_change_in_admin(world, as_role, role, key):
    entry = world["entries"][key]
    as_role(role).post(
        f"/admin/assessment/scoreentry/{entry.pk}/change/",
        {"raw": "1", "note": "", "reason": "", "loaded_version": entry.version},
    )
    changed = ScoreEntry.objects.get(pk=entry.pk).value == Decimal("1")
    assert changed == (key in ENTRY_CHANGE[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["a_a01", "b_a01", "a_a02"])
def test_entry_delete_in_admin(world, as_role, role, key):
    entry = world["entries"][key]
    as_role(role).post(f"/admin/assessment/scoreentry/{entry.pk}/delete/", {"post": "yes"})
    deleted = not ScoreEntry.objects.filter(pk=entry.pk).exists()
    assert deleted == (key in ENTRY_DELETE[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["a_a01", "b_a01", "a_a02"])
def test_evidence_download(world, as_role, role, key):
    response = as_role(role).get(f"/workflow/evidence/{world['entries'][key].pk}/")
    assert _allowed(response) == (key in EVIDENCE[role])
    if key not in EVIDENCE[role]:
        assert response.status_code == 404  # not 403: another unit's ids reveal nothing


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("indicator", ["direct_indicator", "environment_indicator"])
def test_grid_save(request, world, as_role, role, indicator, town_a, grid_url):
    ind = request.getfixturevalue(indicator)
    entry = ScoreEntry.objects.get(unit=town_a, indicator=ind)
    as_role(role).post(
        grid_url(world["q1"], ind),
        {
            f"value_{town_a.pk}": "3",
            f"orig_value_{town_a.pk}": entry.display_value,
            f"version_{town_a.pk}": entry.version,
        },
    )
    changed = ScoreEntry.objects.get(pk=entry.pk).value == Decimal("3")
    may = role == OFFICE or (role == SCORER and indicator == "direct_indicator")
    assert changed == may


# --- results, cadres, history, appeals --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unit", ["town_a", "town_b"])
def test_unit_detail_page(request, world, as_role, role, unit):
    response = as_role(role).get(f"/ranking/unit/{request.getfixturevalue(unit).pk}/")
    assert _allowed(response) == (role in READERS or (role == LEADER and unit == "town_a"))


@pytest.mark.parametrize("role", ROLES)
def test_unit_results_and_cadres_in_admin(world, as_role, role):
    client = as_role(role)
    for url in ("/admin/assessment/unitresult/", "/admin/cadres/cadre/"):
        response = client.get(url)
        if role in READERS:
            assert len(response.context["cl"].result_list) == 2
        else:
            assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cadre", ["a", "b"])
def test_cadre_change_in_admin(world, as_role, role, cadre):
    obj = world["cadres"][cadre]
    response = as_role(role).get(f"/admin/cadres/cadre/{obj.pk}/change/")
    assert _allowed(response) == (role in READERS)
    if role in READERS:
        assert response.context["has_change_permission"] == (role == OFFICE)


@pytest.mark.parametrize("role", ROLES)
def test_history_changelist(world, as_role, role):
    response = as_role(role).get("/admin/assessment/historicalscoreentry/")
    if role in READERS:
        assert {r.id for r in response.context["cl"].result_list} == {e.pk for e in world["entries"].values()}
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["a", "b"])
def test_appeal_attachment(world, as_role, role, key):
    response = as_role(role).get(f"/workflow/appeals/{world['appeals'][key].pk}/attachment/")
    assert _allowed(response) == (role in READERS or (role == LEADER and key == "a"))


@pytest.mark.parametrize("role", ROLES)
def test_appeal_resolution_page(world, as_role, role):
    as_role(role).post(
        f"/workflow/appeals/{world['appeals']['a'].pk}/resolve/", {"decision": "reject", "reply": "驳回"}
    )
    resolved = Appeal.objects.get(pk=world["appeals"]["a"].pk).status == "rejected"
    assert resolved == (role == OFFICE)


# --- plan rows, lifecycle, exemptions ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_target_change_in_admin(world, as_role, role, cycle, direct_indicator, town_a):
    target = world["target"]
    as_role(role).post(
        f"/admin/targets/target/{target.pk}/change/",
        {"cycle": cycle.pk, "indicator": direct_indicator.pk, "unit": town_a.pk, "value": "777"},
    )
    target.refresh_from_db()
    assert (target.value == Decimal("777")) == (role == OFFICE)


@pytest.mark.parametrize("role", ROLES)
def test_cycle_transition_page(world, as_role, role, cycle):
    response = as_role(role).get(f"/workflow/cycles/{cycle.pk}/transition/")
    assert _allowed(response) == (role == OFFICE)


@pytest.mark.parametrize("role", ROLES)
def test_exemption_page(world, as_role, role, safety_deduction, town_a, write):
    entry = write(world["q1"], town_a, safety_deduction, "1")
    as_role(role).post(
        f"/workflow/entries/{entry.pk}/exemption/",
        {"reason": "试点", "approver": "区考核委", "doc_no": "1号", "version": entry.version},
    )
    assert ScoreEntry.objects.get(pk=entry.pk).is_exempted == (role == OFFICE)


# --- exports ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_result_workbook_export(world, as_role, role, cycle):
    response = as_role(role).get(f"/results/download/?cycle={cycle.year}")
    assert _allowed(response) == (role in {OFFICE, ORG})


@pytest.mark.parametrize("role", ROLES)
def test_score_template_export_is_limited_to_led_indicators(
    world, as_role, role, cycle, dept_finance, dept_environment
):
    client = as_role(role)
    for unit, mine in ((dept_finance, True), (dept_environment, False)):
        url = f"/workflow/scores/template/?cycle={cycle.pk}&unit={unit.pk}&period={world['q1'].pk}"
        may = role == OFFICE or (role == SCORER and mine)
        assert _allowed(client.get(url)) == may


# --- URL tampering by the leader of town A ----------------------------------------------------------------------


def test_leader_editing_urls_to_town_b_gets_nothing(world, as_role, town_b, publicity):
    publicity()
    client = as_role(LEADER)
    b_entry, b_appeal = world["entries"]["b_a01"], world["appeals"]["b"]
    assert client.get(f"/ranking/unit/{town_b.pk}/").status_code == 403
    assert client.get(f"/workflow/appeals/unit/{town_b.pk}/").status_code == 404
    assert client.post(f"/workflow/appeals/unit/{town_b.pk}/", {"entry": b_entry.pk, "reason": "x"}).status_code == 404
    assert client.get(f"/workflow/evidence/{b_entry.pk}/").status_code == 404
    assert client.get(f"/workflow/appeals/{b_appeal.pk}/attachment/").status_code == 404
    assert Appeal.objects.filter(unit=town_b).count() == 1


def test_leader_page_lists_only_own_appeals(world, as_role):
    page = as_role(LEADER).get("/workflow/appeals/")
    assert [a.unit.code for a in page.context["appeals"]] == ["T01"]


# --- every URL of the resolver × every role × GET and POST ------------------------------------------------------


@pytest.fixture
def district_of_every_model(
    request,
    world,
    cycle,
    periods,
    town_a,
    town_b,
    dept_finance,
    direct_indicator,
    environment_indicator,
    office_user,
    leader_of_town_a,
    grid_url,
    towns,
    pdf_upload,
):
    """The world above plus one row of every model an admin lists, and a final (locked) earlier cycle."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from assessment.api.tokens import token_create
    from assessment.models import CadreResult, DecompositionResult, ResultArchive
    from assessment.notifications.models import Notification
    from targets.models import CycleTransition
    from tests.factories import (
        CadreTargetFactory,
        CycleFactory,
        DemocraticEvaluationFactory,
        IndicatorFactory,
        IndicatorPointsFactory,
        PeriodFactory,
        ScoreEntryFactory,
    )

    final = CycleFactory(year=2024, status="scoring")
    final_period = PeriodFactory(cycle=final, code="Y", is_open=True)
    final_indicator = IndicatorFactory(
        cycle=final, code="A01", name="重点项目推进", rule="direct", lead_unit=dept_finance
    )
    IndicatorPointsFactory(indicator=final_indicator, category=towns, points=Decimal("20"))
    final_entry = ScoreEntryFactory(period=final_period, unit=town_b, indicator=final_indicator)
    type(final).objects.filter(pk=final.pk).update(status="final")
    CycleTransition.objects.create(
        cycle=final, from_status="publicity", to_status="final", user=office_user, reason="审定"
    )
    archive = ResultArchive(cycle=final, sha256="0" * 64, created_by=office_user)
    archive.file.save("result.xlsx", ContentFile(b"PK"), save=True)
    for cadre in world["cadres"].values():
        CadreTargetFactory(cadre=cadre, cycle=cycle)
        DemocraticEvaluationFactory(cadre=cadre, cycle=cycle)
    DecompositionResult.objects.create(
        cycle=cycle,
        target=world["target"],
        indicator=direct_indicator,
        value=Decimal("100"),
        children_sum=Decimal("0"),
        rate=None,
        input_version=1,
        computed_at=timezone.now(),
    )
    token_create(user=office_user, name="统计局推送")
    AccessAttempt.objects.create(username="x", ip_address="10.0.0.1", user_agent="t", failures_since_start=1)
    AccessLog.objects.create(username="x", ip_address="10.0.0.1", user_agent="t")
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1", user_agent="t", locked_out=False)

    for cadre in world["cadres"].values():
        CadreResult.objects.get_or_create(
            cycle=cycle,
            cadre=cadre,
            defaults=dict(
                unit=cadre.unit,
                team_member=True,
                evaluation=Decimal("90"),
                score=Decimal("90"),
                rank=1,
                grade="competent",
                recall=False,
                input_version=1,
                computed_at=timezone.now(),
            ),
        )

    from assessment.notifications.services import notify

    for user in (office_user, leader_of_town_a, request.getfixturevalue("leader_of_town_b")):
        notify(users=[user], event="appeal_answered", key=f"matrix:{user.pk}", title="申诉已答复")
    notifications = list(Notification.objects.order_by("pk"))
    users = {role: request.getfixturevalue(role) for role in url_matrix.ROLES}

    def grid_post(indicator):
        entry = ScoreEntry.objects.get(unit=town_a, indicator=indicator, period=periods["Q1"])
        return {
            f"value_{town_a.pk}": "3",
            f"orig_value_{town_a.pk}": entry.display_value,
            f"version_{town_a.pk}": entry.version,
        }

    from tests.workflow.url_matrix import supervision_rows

    supervision = supervision_rows(
        cycle=cycle, units=[town_a, town_b], cadres=[world["cadres"]["a"], world["cadres"]["b"]], pdf=pdf_upload
    )
    return {
        **world,
        "supervision": supervision,
        "town_a": town_a,
        "town_b": town_b,
        "dept_finance": dept_finance,
        "office_user": office_user,
        "leader_user": leader_of_town_a,
        "direct_indicator": direct_indicator,
        "environment_indicator": environment_indicator,
        "final_entry": final_entry,
        "grid_url": grid_url,
        "grid_post": grid_post,
        "entry_content_type": ContentType.objects.get_for_model(ScoreEntry).pk,
        "notifications": notifications,
        "users": users,
    }


REFUSED = (302, 403, 404, 405)


def _get_failures(role, user, probe, name, response, world) -> list[str]:
    from django.contrib import admin as django_admin

    from tests.workflow import url_matrix as m

    status, out = response.status_code, []
    where = f"{role} GET {probe.url}"
    if status >= 500:
        return [f"{where}: {status}"]
    if role == m.LEADER and probe.url.startswith("/admin/") and name not in ("admin:login", "admin:logout"):
        if status != 302 or "/admin/login/" not in response.get("Location", ""):
            out.append(f"{where}: {status}, expected the admin login (not staff)")
        return out
    if probe.obj is not None and probe.kind != "redirect" and not m.sees(role, probe.obj, world):
        if status not in REFUSED:
            out.append(f"{where}: {status}, shows another unit's/department's {m.label(probe.obj)}")
    if probe.model_label and probe.obj is not None and probe.kind in ("change", "history", "simple_history"):
        app, model = probe.model_label.split(".")
        may_read = user.has_perm(f"{app}.view_{model}") or user.has_perm(f"{app}.change_{model}")
        if may_read and m.sees(role, probe.obj, world) and status != 200:
            out.append(f"{where}: {status}, expected 200")
    if probe.kind in ("delete", "add") and role in (m.ORG, m.AUDITOR, m.LEADER) and status not in REFUSED:
        out.append(f"{where}: {status}, a read-only role is offered a write form")
    if probe.kind == "autocomplete" and status == 200:
        params = dict(part.split("=", 1) for part in probe.url.split("?", 1)[1].split("&"))
        source = django_admin.site._registry[
            next(
                md
                for md in django_admin.site._registry
                if md._meta.model_name == params["model_name"] and md._meta.app_label == params["app_label"]
            )
        ]
        related = source.model._meta.get_field(params["field_name"]).related_model
        for row in response.json()["results"]:
            obj = related._default_manager.get(pk=row["id"])
            if not m.sees(role, obj, world) and m.label(obj) not in m.PUBLISHED:
                out.append(f"{where}: lists {m.label(obj)} {obj.pk}")
    return out


@pytest.mark.parametrize("role", url_matrix.ROLES)
def test_every_url_pattern_for_every_role(request, client, district_of_every_model, role):
    """Every pattern of the resolver (admin of every registered model, history, autocomplete, custom views,
    project and library URLs), filled with own-scope and other-scope ids, GET and POST as each of the five roles:
    nobody reads another unit's or department's object, nobody writes who may not (the database is compared
    table by table after each POST, which is then rolled back), and nothing answers 500."""
    m = url_matrix
    world = district_of_every_model
    patterns = m.url_patterns()
    keys = {p.key for p in patterns}
    stale = sorted(k for k in m.NOT_FILLED if k not in keys)
    assert stale == [], f"NOT_FILLED lists patterns that no longer exist: {stale}"
    filled, unfilled = [], []
    for pattern in patterns:
        if pattern.key in m.NOT_FILLED:
            continue
        probes = m.fill(pattern, world)
        if probes:
            filled.extend((pattern.name, probe) for probe in probes)
        else:
            unfilled.append(pattern.key)
    assert unfilled == [], (
        f"URL patterns the permission matrix cannot fill: {unfilled}. Teach tests/workflow/url_matrix.py to fill "
        "them (with own-scope and other-scope ids) or list them in NOT_FILLED with the reason."
    )

    user = request.getfixturevalue(role)
    failures = []
    client.force_login(user)
    recorder = m.WriteRecorder()
    for name, probe in filled:
        if probe.scope_only and role in m.READERS:
            continue
        try:
            response = client.get(probe.url)
        except Exception as exc:  # every crash is a finding, listed with the others
            failures.append(f"{role} GET {probe.url}: {type(exc).__name__}: {exc}")
        else:
            failures += _get_failures(role, user, probe, name, response, world)
        if name and "logout" in name:
            client.force_login(user)
        savepoint = transaction.savepoint()
        try:
            response = client.post(probe.url, probe.post)
            status = response.status_code
        except Exception as exc:
            status = f"{type(exc).__name__}: {exc}"
        changed = recorder.written()
        transaction.savepoint_rollback(savepoint)
        if not isinstance(status, int) or status >= 500:
            failures.append(f"{role} POST {probe.url}: {status}")
        if changed and not m.may_write(role, probe, name, world):
            failures.append(f"{role} POST {probe.url}: wrote {changed}")
        if name and ("logout" in name or name.endswith("login")):
            client.force_login(user)
    changed = recorder.written()
    if changed:
        failures.append(f"{role}: a GET wrote {changed}")
    assert failures == [], "\n".join(failures)
