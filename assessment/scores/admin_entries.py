"""Score entries in the admin: every add, change and delete goes through `assessment.scores.entries`.

The form calls `entry_write` in `clean()` so that whatever the service refuses — a bad value, an indicator that
does not apply, a locked cycle, a missing reason during 公示, or a lost update (someone saved since this form was
loaded) — is shown on the form and nothing is written. `save_model` therefore writes nothing itself.
"""

from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import IndicatorListFilter, KaoheHistoryAdmin, PeriodListFilter, yes_no
from assessment.common.errors import ReasonRequiredError
from assessment.models import ScoreEntry
from assessment.scores.entries import EntryInput, entries_write, entry_write
from assessment.scores.evidence import evidence_validate
from assessment.scoring.rules import explain
from targets.models import IndicatorPoints, Period, Target

EXEMPTION_FIELDS = ("exemption_reason", "exemption_approver", "exemption_doc_no", "exemption_date")


class ScoreEntryAdminForm(forms.ModelForm):
    """Edits one entry through the service, refusing to overwrite a change made since the form was loaded."""

    raw = forms.CharField(
        label=_("值"),
        max_length=50,
        help_text=_("数字；定性评价填等次字母（如 A）；扣分、一票否决填次数。"),
    )
    reason = forms.CharField(
        label=_("修改理由"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("记入修改历史；公示期间必填。"),
    )
    # The version this form was loaded with: the service refuses the save if the entry has moved on since.
    loaded_version = forms.IntegerField(label=_("打开时的版本"), widget=forms.HiddenInput, min_value=0)

    user = None  # set per request by ScoreEntryAdmin.get_form

    class Meta:
        model = ScoreEntry
        fields = ("period", "unit", "indicator", "note", "evidence")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.saved_entry = None
        if self.instance.pk:
            self.fields["raw"].initial = self.instance.display_value
            self.fields["loaded_version"].initial = self.instance.version
        else:
            self.fields["loaded_version"].initial = 0  # "I expect no entry": a concurrent add is refused too

    def clean_evidence(self):
        evidence = self.cleaned_data.get("evidence")
        if isinstance(evidence, UploadedFile):
            evidence_validate(file=evidence)  # type, size and content, as on every upload page
        return evidence

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        period = cleaned.get("period") or self.instance.period
        unit = cleaned.get("unit") or self.instance.unit
        indicator = cleaned.get("indicator") or self.instance.indicator
        evidence = cleaned.get("evidence")
        try:
            self.saved_entry = entry_write(
                cycle=period.cycle,
                period=period,
                unit=unit,
                indicator=indicator,
                raw=cleaned["raw"],
                user=self.user,
                note=cleaned.get("note", ""),
                evidence=evidence if isinstance(evidence, UploadedFile) else None,
                reason=cleaned.get("reason", ""),
                expected_version=cleaned["loaded_version"],
            )
        except ReasonRequiredError as exc:
            self.add_error("reason", exc.messages)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        else:
            self.instance = self.saved_entry
        return cleaned

    def _post_clean(self):
        # The service has validated and written the entry; the model instance is not to be rebuilt or re-checked.
        pass

    def save(self, commit=True):
        self.save_m2m = lambda: None
        return self.instance


@admin.register(ScoreEntry)
class ScoreEntryAdmin(KaoheHistoryAdmin):
    form = ScoreEntryAdminForm
    list_display = (
        "cycle_year",
        "period_code",
        "unit",
        "indicator",
        "value_text",
        "exempted",
        "entered_by",
        "entered_at",
        "version",
    )
    list_display_links = ("unit", "indicator")
    list_select_related = ("cycle", "period", "unit", "indicator", "entered_by")
    list_filter = ("cycle", PeriodListFilter, "unit__category", IndicatorListFilter, "indicator__rule")
    search_fields = ("unit__code", "unit__name", "indicator__code", "indicator__name")
    autocomplete_fields = ("unit", "indicator")
    date_hierarchy = "entered_at"
    delete_confirmation_template = "admin/assessment/scoreentry/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/assessment/scoreentry/delete_selected_confirmation.html"

    def get_queryset(self, request):
        # ScoreEntry.__str__ reads period, unit and indicator (titles, delete pages).
        return super().get_queryset(request).select_related("cycle", "period", "unit", "indicator", "entered_by")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        main: tuple[str, ...] = ("period", "unit", "indicator", "raw", "note", "evidence", "reason", "loaded_version")
        if obj is None:
            return ((None, {"fields": main}),)
        if not self.has_change_permission(request, obj):
            # Read-only (the auditor, or any cycle once 已审定): the form's own inputs (raw, reason, the loaded
            # version) have no value on the entry and would read "Raw: None"; show the entry's fields instead.
            main = ("period", "unit", "indicator", "value_shown", "note", "evidence")
        return (
            (None, {"fields": ("cycle", *main[:3], "scoring_explained", *main[3:])}),
            (_("录入信息"), {"fields": ("version", "entered_by", "entered_at")}),
            (_("容错认定"), {"fields": (*EXEMPTION_FIELDS, "exemption_link")}),
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # An entry's key never changes: a different unit/indicator/period is a different entry.
        return (
            "cycle",
            "period",
            "unit",
            "indicator",
            "version",
            "entered_by",
            "entered_at",
            *EXEMPTION_FIELDS,
            "exemption_link",
            "scoring_explained",
            "value_shown",
        )

    @admin.display(description=_("计分说明"))
    def scoring_explained(self, obj):
        """The unit's target and base, full marks and the rule in words: why this value gives its points."""
        indicator = obj.indicator
        target = Target.objects.filter(indicator=indicator, unit_id=obj.unit_id).values_list("value", "base").first()
        full = (
            IndicatorPoints.objects.filter(indicator=indicator, category_id=obj.unit.category_id)
            .values_list("points", flat=True)
            .first()
        )
        value, base = target or (None, None)
        return explain(indicator.rule, indicator.params, target=value, base=base, full=full)

    @admin.display(description=_("值"))
    def value_shown(self, obj):
        return obj.display_value or "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "period":
            kwargs["queryset"] = Period.objects.select_related("cycle").order_by("-cycle__year", "order")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def revert_disabled(self, request, obj=None):
        # Reverting from history would bypass the service's checks; correct the value on the form instead.
        return True

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Results are recomputed after the commit (by a worker, or by the sweep if the queue is down): a saved or
        # deleted score says so, so nobody re-enters it because the ranking has not moved yet.
        if level == messages.SUCCESS:
            message = format_html("{} {}", message, _("排名结果稍后更新。"))
        super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        """The form's clean() has already written through the service; nothing to write here."""
        assert obj.pk is not None, "ScoreEntry admin saves only through assessment.scores.entries"
        for warning in getattr(obj, "save_warnings", ()):
            messages.warning(request, warning)

    def delete_model(self, request, obj):
        entry_write(
            cycle=obj.cycle,
            period=obj.period,
            unit=obj.unit,
            indicator=obj.indicator,
            raw=None,
            user=request.user,
            reason=request.POST.get("reason", ""),
            expected_version=obj.version,
        )

    def delete_queryset(self, request, queryset):
        by_cycle = defaultdict(list)
        for entry in queryset.select_related("cycle", "period", "unit", "indicator"):
            by_cycle[entry.cycle].append(
                EntryInput(
                    period=entry.period,
                    unit=entry.unit,
                    indicator=entry.indicator,
                    raw=None,
                    expected_version=entry.version,
                )
            )
        with transaction.atomic():
            for cycle, inputs in by_cycle.items():
                entries_write(cycle=cycle, inputs=inputs, user=request.user, reason=request.POST.get("reason", ""))

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def changelist_view(self, request, extra_context=None):
        # The bulk delete action ends in delete_queryset: show the service's refusal instead of an error page.
        try:
            return super().changelist_view(request, extra_context)
        except ValidationError as exc:
            self.message_user(
                request, _("删除被拒绝，未删除任何记录：%(msg)s") % {"msg": "；".join(exc.messages)}, messages.ERROR
            )
            return HttpResponseRedirect(reverse("admin:assessment_scoreentry_changelist"))

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("考核期"), ordering="period__order")
    def period_code(self, obj):
        return obj.period.code

    @admin.display(description=_("值"))
    def value_text(self, obj):
        return obj.display_value

    @admin.display(description=_("登记容错"))
    def exemption_link(self, obj):
        # Exemptions are recorded by their own service and page (approver, document number, date).
        return format_html('<a href="{}">{}</a>', reverse("workflow:exemption", args=[obj.pk]), _("登记或修改容错认定"))

    @admin.display(description=_("已容错"))
    def exempted(self, obj):
        return yes_no(obj.is_exempted)
