"""The model's rule choices, the admin's parameter help and the plan workbook's names come from the rule registry."""

from django.utils.html import escape

from assessment.plan.admin_forms import RULE_PARAM_HELP, params_help
from assessment.plan.workbook_import import RULE_BY_NAME
from assessment.scoring.rules import RULES
from targets.models import TARGET_RULES, Indicator, Rule


def test_model_choices_are_the_registrys_codes_and_labels():
    assert Rule.choices == [(code, rule.label) for code, rule in RULES.items()]
    assert Indicator._meta.get_field("rule").choices == Rule.choices
    assert TARGET_RULES == {code for code, rule in RULES.items() if rule.uses_targets}


def test_admin_help_lists_every_rules_params_from_the_registry():
    assert RULE_PARAM_HELP == {code: rule.params_help() for code, rule in RULES.items()}
    html = params_help("deduction")
    for code, rule in RULES.items():
        assert f"{rule.label}（{code}）" in html
        for param in rule.params:
            assert escape(param.describe()) in html
    assert html.index("<strong>扣分（deduction）</strong>") < html.index("完成率（completion）")


def test_the_plan_workbook_accepts_the_registrys_codes_and_labels():
    assert {RULE_BY_NAME[code] for code in RULES} == set(RULES)
    assert {RULE_BY_NAME[rule.label] for rule in RULES.values()} == set(RULES)
