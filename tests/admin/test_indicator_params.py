"""Rule parameters entered in the admin are checked by the engine, with a clear Chinese message."""

from django.urls import reverse

from targets.models import Indicator


def _form(cycle, **overrides):
    data = {
        "cycle": cycle.pk,
        "code": "E01",
        "name": "单位能耗下降",
        "parent": "",
        "rule": "completion",
        "params": '{"direction": "lower", "floor": 0.6}',
        "lead_unit": "",
        "points_by_category-TOTAL_FORMS": "0",
        "points_by_category-INITIAL_FORMS": "0",
        "points_by_category-MIN_NUM_FORMS": "0",
        "points_by_category-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_bad_params_are_refused_with_the_engines_message(office_client, cycle):
    response = office_client.post(
        reverse("admin:targets_indicator_add"), _form(cycle, params='{"direction": "sideways"}')
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "规则参数有误" in page
    assert "未知的方向「sideways」" in page
    assert not Indicator.objects.filter(code="E01").exists()


def test_a_required_param_missing_is_named(office_client, cycle):
    response = office_client.post(reverse("admin:targets_indicator_add"), _form(cycle, rule="deduction", params="{}"))
    assert "扣分规则必须设置每次扣分 per_event" in response.content.decode()
    assert not Indicator.objects.filter(code="E01").exists()


def test_good_params_are_saved(office_client, cycle):
    response = office_client.post(reverse("admin:targets_indicator_add"), _form(cycle))
    assert response.status_code == 302
    assert Indicator.objects.get(code="E01").params == {"direction": "lower", "floor": 0.6}


def test_a_parent_row_cannot_carry_params(office_client, cycle):
    response = office_client.post(reverse("admin:targets_indicator_add"), _form(cycle, rule="", params='{"cap": 1}'))
    assert "上级指标（未选择计分规则）不能设置规则参数" in response.content.decode()


def test_the_form_explains_each_rules_params(office_client, cycle):
    page = office_client.get(reverse("admin:targets_indicator_add")).content.decode()
    assert "floor：完成率低于此值得 0" in page
    assert "tiers：[门槛, 得分比例] 列表" in page
    assert "per_event：每次扣分（必填）" in page


def test_the_current_rules_help_comes_first(office_client, count_indicator):
    page = office_client.get(reverse("admin:targets_indicator_change", args=[count_indicator.pk])).content.decode()
    assert "<strong>扣分（deduction）</strong>" in page
