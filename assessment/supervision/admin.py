"""The admin of supervision: every write goes through `services` (the forms call them in clean()), history is
read-only, there is no bulk delete, and the readers (组织部, 纪检审计) see everything read-only.

Reports are filed and returned on the pages (they need evidence and a reason); here the office can pass
selected reports and confirm selected proposed records. A delete asks the service, with the admin's reason.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import KaoheHistoryAdmin, ReadOnlyAdminMixin
from assessment.supervision import services
from assessment.supervision.models import (
    DailyRun,
    Item,
    Milestone,
    Record,
    RecordStatus,
    Report,
    ReportEvidence,
    ReportStatus,
)

ADMIN_DELETE_REASON = "在管理后台删除"


class ServiceForm(forms.ModelForm):
    """A ModelForm whose clean() writes through a service (`write(cleaned)`), as the score-entry admin does."""

    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user", None)
        super().__init__(*args, **kwargs)

    def write(self, cleaned):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.instance = self.write(cleaned)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        return cleaned

    def _post_clean(self):
        pass  # the service validated and wrote the row

    def save(self, commit=True):
        self.save_m2m = lambda: None
        return self.instance


class ServiceAdmin(KaoheHistoryAdmin):
    """Saves through the form's service; no bulk delete; a single delete through `delete_with`."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)

        class WithUser(form_class):
            def __init__(self, *args, **kw):
                kw["user"] = request.user
                super().__init__(*args, **kw)

        WithUser.__name__ = form_class.__name__
        return WithUser

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        assert obj.pk is not None, "supervision rows are saved only through assessment.supervision.services"

    def delete_with(self, request, obj):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_with(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as exc:
            self.message_user(request, "；".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)


class ItemForm(ServiceForm):
    class Meta:
        model = Item
        fields = ("cycle", "code", "title", "source", "unit", "leader", "indicator", "start_date")

    def write(self, cleaned):
        return services.item_save(
            item=self.instance if self.instance.pk else None,
            user=self.user,
            reason="在管理后台保存",
            **cleaned,
        )


@admin.register(Item)
class ItemAdmin(ServiceAdmin):
    form = ItemForm
    list_display = ("code", "title", "source", "unit", "leader", "start_date", "cycle")
    list_select_related = ("unit", "leader", "cycle")
    list_filter = ("cycle", "source", "unit__category")
    search_fields = ("code", "title", "unit__code", "unit__name", "leader__name")
    autocomplete_fields = ("unit", "leader", "indicator")

    def delete_with(self, request, obj):
        services.item_delete(item=obj, user=request.user, reason=ADMIN_DELETE_REASON)


class MilestoneForm(ServiceForm):
    class Meta:
        model = Milestone
        fields = ("item", "number", "content", "due_date")

    def write(self, cleaned):
        return services.milestone_save(
            milestone=self.instance if self.instance.pk else None, user=self.user, reason="在管理后台保存", **cleaned
        )


@admin.register(Milestone)
class MilestoneAdmin(ServiceAdmin):
    form = MilestoneForm
    list_display = ("item", "number", "content", "due_date", "overdue_proposed_on")
    list_select_related = ("item",)
    list_filter = ("item__cycle",)
    search_fields = ("item__code", "item__title", "content")
    autocomplete_fields = ("item",)
    readonly_fields = ("overdue_proposed_on",)

    def delete_with(self, request, obj):
        services.milestone_delete(milestone=obj, user=request.user, reason=ADMIN_DELETE_REASON)


class EvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReportEvidence
    fields = ("original_name", "file", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0


@admin.register(Report)
class ReportAdmin(ReadOnlyAdminMixin, KaoheHistoryAdmin):
    list_display = ("item", "report_date", "percent", "milestone_number", "status", "filed_by", "reviewed_by")
    list_select_related = ("item", "filed_by", "reviewed_by")
    list_filter = ("status", "item__cycle")
    search_fields = ("item__code", "item__title", "text")
    inlines = (EvidenceInline,)
    actions = ("approve_selected",)

    def has_change_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if not services.permissions.can_review_report(request.user):
            actions.pop("approve_selected", None)
        return actions

    @admin.action(description=_("通过所选待审核报告"))
    def approve_selected(self, request, queryset):
        done = 0
        for report in queryset.filter(status=ReportStatus.PENDING).select_related("item"):
            try:
                services.report_review(report=report, user=request.user, approve=True)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{report}：{'；'.join(exc.messages)}", messages.ERROR)
        self.message_user(request, f"已通过 {done} 份报告")


@admin.register(ReportEvidence)
class ReportEvidenceAdmin(ReadOnlyAdminMixin, KaoheHistoryAdmin):
    list_display = ("report", "original_name", "uploaded_by", "uploaded_at")
    list_select_related = ("report__item", "uploaded_by")


class RecordForm(ServiceForm):
    why = forms.CharField(label=_("修改理由"), required=False, max_length=200, help_text=_("修改已有记录时必填"))

    class Meta:
        model = Record
        fields = ("cycle", "code", "unit", "cadre", "kind", "date", "reason", "doc_no", "points", "item")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" in self.fields:
            self.fields["code"].required = False
            self.fields["code"].help_text = _("留空则自动编号（DA0001 起）")

    def write(self, cleaned):
        if self.instance.pk:
            changes = {k: cleaned[k] for k in services.RECORD_EDITABLE}
            return services.record_update(record=self.instance, user=self.user, why=cleaned.get("why", ""), **changes)
        fields = {k: v for k, v in cleaned.items() if k != "why"}
        return services.record_enter(user=self.user, **fields)


@admin.register(Record)
class RecordAdmin(ServiceAdmin):
    form = RecordForm
    list_display = ("code", "unit", "cadre", "kind", "date", "reason", "points", "status", "origin", "exempted")
    list_select_related = ("unit", "cadre")
    list_filter = ("cycle", "kind", "status", "origin", "unit__category")
    search_fields = ("code", "unit__code", "unit__name", "reason", "doc_no")
    autocomplete_fields = ("unit", "cadre", "item")
    readonly_fields = (
        "status",
        "origin",
        "milestone",
        "decision_reason",
        "decided_by",
        "decided_at",
        "exemption_reason",
        "exemption_approver",
        "exemption_doc_no",
        "exemption_date",
    )
    actions = ("confirm_selected",)

    def get_fields(self, request, obj=None):
        fields = list(RecordForm.Meta.fields)
        if obj is not None:
            fields += ["why", *self.readonly_fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else ()

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not services.permissions.can_manage_supervision(request.user):
            actions.pop("confirm_selected", None)
        return actions

    @admin.display(description=_("容错"), boolean=True)
    def exempted(self, obj):
        return obj.is_exempted

    @admin.action(description=_("确认所选待确认记录"))
    def confirm_selected(self, request, queryset):
        done = 0
        for record in queryset.filter(status=RecordStatus.PROPOSED):
            try:
                services.record_confirm(record=record, user=request.user)
                done += 1
            except ValidationError as exc:
                self.message_user(request, f"{record.code}：{'；'.join(exc.messages)}", messages.ERROR)
        self.message_user(request, f"已确认 {done} 条记录")

    def delete_with(self, request, obj):
        services.record_delete(record=obj, user=request.user, reason=ADMIN_DELETE_REASON)


@admin.register(DailyRun)
class DailyRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("date", "host", "finished_at", "proposed", "notified")

    def has_view_permission(self, request, obj=None):
        return services.permissions.reads_everything(request.user)
