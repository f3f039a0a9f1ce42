"""The audit view: every recorded change of every score, filterable by unit, indicator, user and date.

"Who changed unit X's score on indicator Y, and from what" is two clicks: pick the unit and the indicator in the
filters (or search "T01 A01"). Each row shows the old and the new value side by side, who, when and why; the old
value is read by a subquery, so a page of 100 changes costs the same queries as a page of 5.
"""

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import (
    KaoheAdmin,
    PeriodListFilter,
    ReadOnlyAdminMixin,
    TitledFieldListFilter,
    person_name,
)
from assessment.models import ScoreEntry, exemption_on_record

HistoricalScoreEntry = ScoreEntry.history.model
KINDS = {"+": "新增", "~": "修改", "-": "删除"}


def _shown(value, letter) -> str:
    if letter:
        return letter
    if value is None:
        return "—"
    return format(value.normalize(), "f")


class UnitListFilter(admin.SimpleListFilter):
    """单位 filter listing only units that have recorded changes (in the chosen cycle, if any)."""

    title = _("单位")
    parameter_name = "unit"

    def lookups(self, request, model_admin):
        qs = model_admin.get_queryset(request)
        cycle = request.GET.get("cycle__id__exact")
        if cycle:
            qs = qs.filter(cycle_id=cycle)
        rows = qs.order_by().values_list("unit_id", "unit__code", "unit__name").distinct()
        return [(str(uid), f"{code} {name}") for uid, code, name in sorted(rows, key=lambda r: r[1] or "")]

    def queryset(self, request, queryset):
        return queryset.filter(unit_id=self.value()) if self.value() else queryset


class ChangedIndicatorFilter(admin.SimpleListFilter):
    """指标 filter listing the indicators with recorded changes, labelled with their year (codes repeat yearly)."""

    title = _("指标")
    parameter_name = "indicator"

    def lookups(self, request, model_admin):
        qs = model_admin.get_queryset(request)
        cycle = request.GET.get("cycle__id__exact")
        if cycle:
            qs = qs.filter(cycle_id=cycle)
        rows = (
            qs.order_by()
            .values_list("indicator_id", "indicator__cycle__year", "indicator__code", "indicator__name")
            .distinct()
        )
        rows = sorted(rows, key=lambda r: (-(r[1] or 0), r[2] or ""))
        return [(str(iid), f"{year} {code} {name}") for iid, year, code, name in rows if iid]

    def queryset(self, request, queryset):
        return queryset.filter(indicator_id=self.value()) if self.value() else queryset


class ChangedByFilter(admin.SimpleListFilter):
    title = _("修改人")
    parameter_name = "user"

    def lookups(self, request, model_admin):
        rows = (
            model_admin.get_queryset(request)
            .order_by()
            .values_list("history_user_id", "history_user__username")
            .distinct()
        )
        return [(str(uid), name) for uid, name in sorted(rows, key=lambda r: r[1] or "") if uid]

    def queryset(self, request, queryset):
        return queryset.filter(history_user_id=self.value()) if self.value() else queryset


class HistoricalScoreEntryAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    """修改记录: read-only, scoped like the entries themselves (the auditor and office see everything)."""

    list_display = (
        "changed_at",
        "kind",
        "period_code",
        "unit_link",
        "indicator_code",
        "old_value",
        "new_value",
        "exemption",
        "changed_by",
        "change_reason",
    )
    list_select_related = ("period", "unit", "indicator", "history_user")
    list_filter = (
        UnitListFilter,
        ChangedIndicatorFilter,
        ChangedByFilter,
        "cycle",
        PeriodListFilter,
        ("history_type", TitledFieldListFilter.titled(admin.ChoicesFieldListFilter, _("操作"))),
        ("history_date", TitledFieldListFilter.titled(admin.DateFieldListFilter, _("修改时间"))),
    )
    search_fields = (
        "unit__code",
        "unit__name",
        "indicator__code",
        "indicator__name",
        "history_user__username",
        "history_change_reason",
    )
    date_hierarchy = "history_date"
    ordering = ("-history_date", "-history_id")
    list_per_page = 100

    def get_queryset(self, request):
        previous = HistoricalScoreEntry.objects.filter(
            id=OuterRef("id"), history_id__lt=OuterRef("history_id")
        ).order_by("-history_id")
        return (
            super()
            .get_queryset(request)
            .annotate(
                old_value_=Subquery(previous.values("value")[:1]),
                old_letter_=Subquery(previous.values("letter")[:1]),
                had_previous_=Subquery(previous.values("history_id")[:1]),
            )
        )

    @admin.display(description=_("修改时间"), ordering="history_date")
    def changed_at(self, obj):
        return obj.history_date

    @admin.display(description=_("修改人"), ordering="history_user__first_name")
    def changed_by(self, obj):
        return person_name(obj.history_user)

    @admin.display(description=_("修改理由"))
    def change_reason(self, obj):
        return obj.history_change_reason or "—"

    @admin.display(description=_("操作"), ordering="history_type")
    def kind(self, obj):
        return KINDS.get(obj.history_type, obj.history_type)

    @admin.display(description=_("考核期"), ordering="period__order")
    def period_code(self, obj):
        return (obj.period.name or obj.period.code) if obj.period_id else ""

    @admin.display(description=_("单位"), ordering="unit__code")
    def unit_link(self, obj):
        return f"{obj.unit.code} {obj.unit.name}" if obj.unit_id else ""

    @admin.display(description=_("指标"), ordering="indicator__code")
    def indicator_code(self, obj):
        return f"{obj.indicator.code} {obj.indicator.name}" if obj.indicator_id else ""

    @admin.display(description=_("原值"))
    def old_value(self, obj):
        if obj.had_previous_ is None:
            return "—"
        return _shown(obj.old_value_, obj.old_letter_)

    @admin.display(description=_("新值"))
    def new_value(self, obj):
        if obj.history_type == "-":
            return format_html("<del>{}</del>", _shown(obj.value, obj.letter))
        return _shown(obj.value, obj.letter)

    @admin.display(description=_("容错"))
    def exemption(self, obj):
        if not exemption_on_record(obj.exemption_reason, obj.exemption_date):
            return ""
        return f"已容错（{obj.exemption_doc_no}）"


admin.site.register(HistoricalScoreEntry, HistoricalScoreEntryAdmin)
