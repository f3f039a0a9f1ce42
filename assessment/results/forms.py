"""Forms of the 督查督办 pages: a unit's monthly progress report with evidence, and the office's review."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.scores.evidence import evidence_validate

REASON_WIDGET = forms.Textarea(attrs={"rows": 4})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several evidence files in one input (Django's documented pattern for `multiple`)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ReportForm(forms.Form):
    report_date = forms.DateField(
        label=_("报告日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("按月报送：每月报送日前报送上月进展。"),
    )
    percent = forms.DecimalField(
        label=_("累计完成比例（%）"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100", "inputmode": "decimal"}),
    )
    milestone_number = forms.TypedChoiceField(label=_("本次完成的节点"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(label=_("进展说明"), max_length=5000, widget=REASON_WIDGET)
    evidence = MultipleFileField(
        label=_("佐证材料"),
        required=False,
        help_text=_("可选多个文件：PDF、图片、文档、表格或压缩包，每个不超过 10 兆字节。"),
    )

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone_number"].choices = [("", _("未完成节点"))] + [
            (m.number, f"第 {m.number} 节点：{m.content}（{m.due_date:%Y-%m-%d}）") for m in milestones
        ]
        self.fields["report_date"].initial = datetime.date.today()

    def clean_evidence(self):
        files = self.cleaned_data.get("evidence") or []
        for upload in files:
            evidence_validate(file=upload, label="佐证材料")  # the same types, sizes and content checks as entries
        return files


class SupervisionUploadForm(forms.Form):
    file = forms.FileField(
        label=_("督查台账（Excel）"),
        help_text=_(
            "工作表：督办事项、节点，可选进展、档案；格式见用户手册和系统自带的示范区督查台账。整表校验，有任何错误都不写入。"
        ),
    )
