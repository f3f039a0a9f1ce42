"""The indicator form of the admin: rule parameters checked by the engine, with each rule's parameter help."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from assessment.scoring.rules import RULES, validate_params
from targets.models import Indicator

# What each rule's `params` mean (SCORING.md §3), from the rule registry; shown under the 规则参数 field.
RULE_PARAM_HELP = {code: rule.params_help() for code, rule in RULES.items()}


def params_help(current_rule: str = ""):
    """Help for every rule, the indicator's current rule first and in bold."""
    codes = sorted(RULE_PARAM_HELP, key=lambda code: code != current_rule)
    items = format_html_join(
        "",
        "<li>{}</li>",
        (
            (
                format_html("<strong>{}（{}）</strong>：{}", RULES[code].label, code, RULE_PARAM_HELP[code])
                if code == current_rule
                else format_html("{}（{}）：{}", RULES[code].label, code, RULE_PARAM_HELP[code]),
            )
            for code in codes
        ),
    )
    return format_html("{}<ul>{}</ul>", _("JSON 对象，留空表示默认值。各计分规则的参数："), items)


class IndicatorAdminForm(forms.ModelForm):
    """Checks what the engine would refuse, so a bad plan never reaches a recompute."""

    class Meta:
        model = Indicator
        fields = ("cycle", "code", "name", "parent", "rule", "params", "periods", "lead_unit", "additive")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "params" in self.fields:
            self.fields["params"].help_text = params_help(self.instance.rule if self.instance.pk else "")

    def clean(self):
        cleaned = super().clean()
        rule, params = cleaned.get("rule"), cleaned.get("params")
        cycle, parent = cleaned.get("cycle"), cleaned.get("parent")
        if parent is not None:
            if cycle is not None and parent.cycle_id != cycle.id:
                self.add_error("parent", _("上级指标必须属于同一考核年度"))
            elif parent.rule:
                self.add_error("parent", _("上级指标“%(p)s”设有计分规则（是末级指标），不能再有下级") % {"p": parent})
            elif self.instance.pk and self._is_self_or_descendant(parent):
                self.add_error("parent", _("上级指标不能是本指标或其下级"))
        periods = cleaned.get("periods")
        if cycle is not None and periods and any(p.cycle_id != cycle.id for p in periods):
            self.add_error("periods", _("考核期必须属于同一考核年度"))
        if "params" in self.errors:
            return cleaned
        if not rule:
            if params:
                self.add_error("params", _("上级指标（未选择计分规则）不能设置规则参数"))
            return cleaned
        if self.instance.pk and self.instance.children.exists():
            self.add_error("rule", _("该指标有下级指标，不能设置计分规则（上级指标的分值是下级之和）"))
        try:
            validate_params(rule, params)
        except ValueError as exc:
            self.add_error("params", _("规则参数有误：%(msg)s") % {"msg": exc})
        return cleaned

    def _is_self_or_descendant(self, candidate) -> bool:
        node, seen = candidate, set()
        while node is not None and node.pk not in seen:
            if node.pk == self.instance.pk:
                return True
            seen.add(node.pk)
            node = node.parent
        return False
