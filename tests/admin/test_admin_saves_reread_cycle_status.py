"""An admin save of plan or cadre data re-reads the cycle under the cycle lock before it writes: when the move to
已审定 commits between the page loading the object and the save, the form is refused with the service's message
and nothing is written. A settings save never writes back a status the lifecycle changed meanwhile."""

from decimal import Decimal

import pytest
from django.contrib.admin import site
from django.urls import reverse

from cadres.models import CadreTarget
from targets.models import Cycle, IndicatorPoints, Period, Target
from tests.admin.test_plan_edits_mark_results_stale import _indicator_form
from tests.factories import CadreFactory, CadreTargetFactory, TargetFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def moved_after_loading(monkeypatch, cycle):
    """The lifecycle moves the cycle to `status` right after the admin has loaded the object (and its cycle)."""

    def _moved(model, status="final"):
        model_admin = site._registry[model]
        real = type(model_admin).get_object

        def get_object(self, request, object_id, from_field=None):
            obj = real(self, request, object_id, from_field)
            if request.method == "POST" and obj is not None:
                str(getattr(obj, "cycle", obj))  # loaded as it was
                Cycle.objects.filter(pk=cycle.pk).update(status=status)
            return obj

        monkeypatch.setattr(type(model_admin), "get_object", get_object)

    return _moved


def _refused(response):
    assert response.status_code == 200, response.status_code
    assert "已审定锁定，不能再修改考核方案" in response.content.decode()


def test_indicator_save(office_client, moved_after_loading, towns, direct_indicator):
    points = IndicatorPoints.objects.get(indicator=direct_indicator, category=towns)
    moved_after_loading(type(direct_indicator))
    _refused(
        office_client.post(
            reverse("admin:targets_indicator_change", args=[direct_indicator.pk]),
            _indicator_form(direct_indicator, points, towns),
        )
    )
    assert IndicatorPoints.objects.get().points == D("20")


def test_target_save(office_client, moved_after_loading, cycle, direct_indicator, town_a):
    target = TargetFactory(indicator=direct_indicator, unit=town_a, value=D("100"))
    moved_after_loading(Target)
    _refused(
        office_client.post(
            reverse("admin:targets_target_change", args=[target.pk]),
            {
                "cycle": cycle.pk,
                "indicator": direct_indicator.pk,
                "unit": town_a.pk,
                "value": "120",
                "base": "",
                "leader": "",
                "parent": "",
            },
        )
    )
    assert Target.objects.get().value == D("100")


def test_period_save(office_client, moved_after_loading, cycle, periods):
    moved_after_loading(Period)
    q1 = periods["Q1"]
    _refused(
        office_client.post(
            reverse("admin:targets_period_change", args=[q1.pk]),
            {"cycle": cycle.pk, "code": "Q1", "name": "一季度", "weight": "0.2", "order": "1", "is_open": "on"},
        )
    )
    assert Period.objects.get(pk=q1.pk).weight == D("0.1")


def test_cadre_target_save(office_client, moved_after_loading, cycle, town_a):
    target = CadreTargetFactory(cycle=cycle, cadre=CadreFactory(code="K001", unit=town_a), target_value=D("100"))
    moved_after_loading(CadreTarget)
    _refused(
        office_client.post(
            reverse("admin:cadres_cadretarget_change", args=[target.pk]),
            {
                "cycle": cycle.pk,
                "cadre": target.cadre_id,
                "code": target.code,
                "name": target.name,
                "weight": "1",
                "target_value": "150",
                "actual_value": "",
                "parent": "",
            },
        )
    )
    assert CadreTarget.objects.get().target_value == D("100")


def test_period_delete(office_client, moved_after_loading, periods):
    moved_after_loading(Period)
    response = office_client.post(reverse("admin:targets_period_delete", args=[periods["Q3"].pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Period.objects.filter(pk=periods["Q3"].pk).exists()


def test_settings_save_keeps_the_status_the_lifecycle_set(office_client, moved_after_loading, cycle):
    moved_after_loading(Cycle, status="publicity")
    data = {
        field: getattr(cycle, field)
        for field in (
            "year",
            "name",
            "appeal_days",
            "excellent_quota",
            "excellent_min",
            "good_min",
            "pass_min",
            "bonus_cap",
            "last_place_count",
            "bonus_base",
            "coef_excellent",
            "coef_good",
            "coef_pass",
            "coef_fail",
            "cadre_weight_unit",
            "cadre_weight_target",
            "cadre_weight_eval",
            "cadre_quota_excellent",
            "cadre_quota_good",
            "cadre_quota_pass",
            "cadre_quota_fail",
            "cadre_excellent_min",
            "cadre_competent_min",
            "cadre_basic_min",
            "lag_tolerance",
            "warn_days",
            "report_day",
        )
    }
    data.update(
        {
            "bonus_base": "12000",
            "periods-TOTAL_FORMS": "0",
            "periods-INITIAL_FORMS": "0",
            "periods-MIN_NUM_FORMS": "0",
            "periods-MAX_NUM_FORMS": "1000",
        }
    )
    response = office_client.post(reverse("admin:targets_cycle_change", args=[cycle.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    fresh = Cycle.objects.get()
    assert (fresh.status, fresh.bonus_base) == ("publicity", D("12000"))
