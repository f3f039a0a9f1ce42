"""Forms of the workflow pages: appeals, their resolution, 容错 exemptions, lifecycle moves, scorer uploads."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.plan.lifecycle import cycle_moves

REASON_WIDGET = forms.Textarea(attrs={"rows": 3, "cols": 60})


class AppealForm(forms.Form):
    reason = forms.CharField(label=_("申诉理由"), max_length=2000, widget=REASON_WIDGET)
    requested_value = forms.CharField(
        label=_("申请改为"),
        max_length=50,
        required=False,
        help_text=_("可不填；定性评价填等次字母，扣分、一票否决填次数。"),
    )
    attachment = forms.FileField(
        label=_("附件"), required=False, help_text=_("佐证材料：PDF、图片、Word、Excel 或 zip，不超过 10 MB。")
    )


class AppealResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("处理结果"), choices=[("accept", _("采纳")), ("reject", _("驳回"))], widget=forms.RadioSelect
    )
    value = forms.CharField(
        label=_("采纳后的值"), max_length=50, required=False, help_text=_("采纳时填写；留空则按申请值修改。")
    )
    reply = forms.CharField(label=_("答复"), max_length=2000, widget=REASON_WIDGET)


class ExemptionForm(forms.Form):
    reason = forms.CharField(label=_("容错理由"), max_length=2000, widget=REASON_WIDGET)
    approver = forms.CharField(label=_("批准人"), max_length=50)
    doc_no = forms.CharField(label=_("文号"), max_length=100)
    date = forms.DateField(label=_("认定日期"), required=False, help_text=_("格式 2025-06-30；不填为今天。"))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ExemptionRevokeForm(forms.Form):
    reason = forms.CharField(label=_("撤销理由"), max_length=2000, widget=REASON_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("变更为"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("理由"), max_length=2000, widget=REASON_WIDGET, help_text=_("记入状态变更记录和修改历史。")
    )
    confirmed = forms.BooleanField(
        label=_("我已了解以上情况，确认继续"),
        required=False,
        help_text=_("有未录入的评分或申诉期未结束时必须勾选；确认的事项记入状态变更记录。"),
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(to, f"{label}（→ {to.label}）") for to, label in cycle_moves(cycle)]


class ScorerUploadForm(forms.Form):
    cycle = forms.ModelChoiceField(label=_("考核年度"), queryset=None, empty_label=None)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=None, empty_label=None)
    file = forms.FileField(label=_("评分表（.xlsx）"))
    reason = forms.CharField(label=_("修改理由"), max_length=500, required=False)

    def __init__(self, *args, cycles, lead_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cycle"].queryset = cycles
        self.fields["lead_unit"].queryset = lead_units
