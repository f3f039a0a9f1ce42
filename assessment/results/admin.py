"""Result rows, recompute state and archives: written by services only, so read-only in the admin."""

import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import KaoheAdmin, PeriodListFilter, ReadOnlyAdminMixin, number_text, yes_no
from assessment.models import (
    CadreResult,
    DecompositionResult,
    RecomputeState,
    ResultArchive,
    UnitPeriodResult,
    UnitResult,
)


class ResultAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    """Common columns of result rows."""

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year


@admin.register(UnitResult)
class UnitResultAdmin(ResultAdmin):
    list_display = (
        "cycle_year",
        "category",
        "rank",
        "unit",
        "score",
        "grade",
        "colour",
        "last_place",
        "vetoed",
        "coefficient_text",
        "bonus_money",
        "input_version",
        "computed_at",
    )
    list_display_links = ("unit",)
    list_select_related = ("cycle", "category", "unit")
    list_filter = ("cycle", "category", "grade", "colour", "last_place", "vetoed")
    search_fields = ("unit__code", "unit__name")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "category", "unit")

    @admin.display(description=_("奖金系数"), ordering="coefficient")
    def coefficient_text(self, obj):
        return number_text(obj.coefficient)


@admin.register(UnitPeriodResult)
class UnitPeriodResultAdmin(ResultAdmin):
    list_display = (
        "cycle_year",
        "period_code",
        "category",
        "rank",
        "unit",
        "base",
        "bonus",
        "deduction",
        "total",
        "full_marks",
        "rate",
        "vetoed",
    )
    list_display_links = ("unit",)
    list_select_related = ("cycle", "period", "category", "unit")
    list_filter = ("cycle", PeriodListFilter, "category", "vetoed")
    search_fields = ("unit__code", "unit__name")
    readonly_fields = ("points_table",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "period", "category", "unit")

    @admin.display(description=_("考核期"), ordering="period__order")
    def period_code(self, obj):
        return obj.period.code

    @admin.display(description=_("各指标得分"))
    def points_table(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.points, ensure_ascii=False, indent=1, sort_keys=True))


@admin.register(CadreResult)
class CadreResultAdmin(ResultAdmin):
    list_display = (
        "cycle_year",
        "unit",
        "rank",
        "cadre",
        "team_member",
        "target_completion",
        "evaluation",
        "score",
        "grade",
        "recall",
    )
    list_display_links = ("cadre",)
    list_select_related = ("cycle", "unit", "cadre")
    list_filter = ("cycle", "unit__category", "grade", "recall", "team_member")
    search_fields = ("cadre__code", "cadre__name", "unit__code", "unit__name")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "unit", "cadre")


@admin.register(DecompositionResult)
class DecompositionResultAdmin(ResultAdmin):
    list_display = ("cycle_year", "indicator", "value_text", "children_sum_text", "rate")
    list_select_related = ("cycle", "indicator")
    list_filter = ("cycle",)
    search_fields = ("indicator__code", "indicator__name")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "indicator", "target__indicator", "target__unit")

    @admin.display(description=_("区级目标"), ordering="value")
    def value_text(self, obj):
        return number_text(obj.value)

    @admin.display(description=_("分解合计"), ordering="children_sum")
    def children_sum_text(self, obj):
        return number_text(obj.children_sum)


@admin.register(RecomputeState)
class RecomputeStateAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    list_display = (
        "cycle",
        "input_version",
        "computed_version",
        "is_pending",
        "input_changed_at",
        "computed_at",
        "duration_ms",
        "error_short",
    )
    list_select_related = ("cycle",)
    search_fields = ("cycle__name", "=cycle__year")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle")

    @admin.display(description=_("待重算"))
    def is_pending(self, obj):
        return yes_no(obj.pending)

    @admin.display(description=_("最近错误"))
    def error_short(self, obj):
        return (obj.last_error or "")[:80]


@admin.register(ResultArchive)
class ResultArchiveAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    list_display = ("cycle", "sha256", "file", "created_by", "created_at")
    list_select_related = ("cycle", "created_by")
    list_filter = ("cycle",)
    search_fields = ("cycle__name", "=cycle__year", "sha256")
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "created_by")
