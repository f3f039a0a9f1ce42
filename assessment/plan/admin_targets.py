"""Admin for cycles, periods, the indicator tree, points per category, targets and the cycle transition log."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import Case, CharField, Count, F, IntegerField, Prefetch, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import (
    IndicatorListFilter,
    KaoheAdmin,
    KaoheHistoryAdmin,
    PeriodListFilter,
    ReadOnlyAdminMixin,
    number_text,
)
from assessment.plan.admin_forms import IndicatorAdminForm
from assessment.plan.admin_inputs import CycleInputAdminMixin
from assessment.plan.admin_workbooks import WorkbookAdminViews
from targets.models import Cycle, CycleTransition, Indicator, IndicatorPoints, Period, Target

# Deepest indicator level the changelist indents and orders correctly (one LEFT JOIN per level).
TREE_DEPTH = 6


class PeriodInline(admin.TabularInline):
    model = Period
    fields = ("code", "name", "weight", "order", "is_open", "start_date", "end_date")
    extra = 0


@admin.register(Cycle)
class CycleAdmin(WorkbookAdminViews, CycleInputAdminMixin, KaoheHistoryAdmin):
    """Settings of a cycle. Its status moves only through the lifecycle page and service (logged with who and why),
    so it is read-only here; the 操作 column links to that page."""

    cycle_attr = ""
    change_list_template = "admin/targets/cycle/change_list.html"
    list_display = ("year", "name", "status", "period_count", "indicator_count", "workbook_links")
    list_filter = ("status",)
    search_fields = ("=year", "name")
    readonly_fields = ("status", "publicity_started_at", "lifecycle", "result_archive")
    inlines = (PeriodInline,)
    actions = ("export_results",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "year",
                    "name",
                    "status",
                    "lifecycle",
                    "publicity_started_at",
                    "appeal_days",
                    "result_archive",
                )
            },
        ),
        (
            _("等次与奖惩"),
            {
                "fields": (
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
                )
            },
        ),
        (
            _("干部考核"),
            {
                "fields": (
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
                )
            },
        ),
        (
            _("督查督办"),
            {
                "fields": ("lag_tolerance", "warn_days", "report_day"),
                "description": _("期间日期在下方考核期中填写；留空时 Q1–Q3 为自然季度，Y 为 10月1日至12月31日。"),
            },
        ),
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(period_total=Count("periods", distinct=True), indicator_total=Count("indicators", distinct=True))
        )

    @admin.display(description=_("考核期数"), ordering="period_total")
    def period_count(self, obj):
        return obj.period_total

    @admin.display(description=_("指标数"), ordering="indicator_total")
    def indicator_count(self, obj):
        return obj.indicator_total

    @admin.display(description=_("状态变更"))
    def lifecycle(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("workflow:cycle_transition", args=[obj.pk]),
            _("变更状态（填写理由）"),
        )

    @admin.display(description=_("审定结果归档"))
    def result_archive(self, obj):
        archive = obj.archives.first() if obj is not None and obj.pk else None
        if archive is None:
            return _("尚未归档（审定时自动归档结果表）")
        return format_html(
            '<a href="{}">{}</a> · {} · SHA-256 <code id="archive-sha256">{}</code>',
            reverse("workflow:archive", args=[archive.pk]),
            _("下载归档结果表"),
            timezone.localtime(archive.created_at).strftime("%Y-%m-%d %H:%M"),
            archive.sha256,
        )

    @admin.display(description=_("操作"))
    def workbook_links(self, obj):
        return format_html(
            '<a href="{}?cycle={}">{}</a> · <a href="{}?cycle={}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:import_scores"),
            obj.pk,
            _("导入评分表"),
            reverse("admin:export_results"),
            obj.pk,
            _("导出考核结果"),
            reverse("workflow:cycle_transition", args=[obj.pk]),
            _("变更状态"),
        )


@admin.register(Period)
class PeriodAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    list_display = ("cycle_year", "code", "name", "weight_text", "order", "is_open", "start_date", "end_date")
    list_select_related = ("cycle",)
    list_filter = ("cycle", "is_open")
    search_fields = ("code", "name")
    ordering = ("-cycle__year", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle")

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("权重"), ordering="weight")
    def weight_text(self, obj):
        return number_text(obj.weight)


class IndicatorPointsInline(admin.TabularInline):
    model = IndicatorPoints
    fields = ("category", "points")
    extra = 1
    verbose_name = _("各类别分值")
    verbose_name_plural = _("各类别分值 m(i,c)：不填表示不适用于该类别")


def _ancestor(steps: int, field: str) -> str:
    return "__".join(["parent"] * steps + [field])


def indicator_tree_annotations(qs):
    """Annotate depth and per-level ancestor codes in the same query, so the tree needs no query per row.

    `tree_depth` is the length of the parent chain. `tree_key<k>` is the code of the ancestor at depth k (NULL below
    the node's own depth); ordering by the keys with NULLs first puts each parent before its children and siblings
    by code, whether or not the codes themselves are hierarchical.
    """
    depth = Case(
        *[When(**{_ancestor(d, "isnull"): False}, then=Value(d)) for d in range(TREE_DEPTH, 0, -1)],
        default=Value(0),
        output_field=IntegerField(),
    )
    qs = qs.annotate(tree_depth=depth)
    keys = {
        f"tree_key{k}": Case(
            *[When(tree_depth=d, then=F(_ancestor(d - k, "code"))) for d in range(k, TREE_DEPTH + 1)],
            default=Value(None),
            output_field=CharField(),
        )
        for k in range(TREE_DEPTH + 1)
    }
    return qs.annotate(**keys)


def indicator_tree_ordering() -> list:
    return ["-cycle__year", *[F(f"tree_key{k}").asc(nulls_first=True) for k in range(TREE_DEPTH + 1)]]


class IndicatorTreeChangeList(ChangeList):
    """Tree order unless a column header was clicked. Kept out of get_ordering(), which Django also applies to
    un-annotated Indicator querysets (foreign-key widgets of other admins)."""

    def get_ordering(self, request, queryset):
        if ORDER_VAR in self.params:
            return super().get_ordering(request, queryset)
        return self._get_deterministic_ordering(indicator_tree_ordering())


class IndicatorPeriodFilter(PeriodListFilter):
    """Indicators scored in a period: those listing it, and those listing none (scored in every period)."""

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(Q(periods=self.value()) | Q(periods__isnull=True)).distinct()
        return queryset


@admin.register(Indicator)
class IndicatorAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    form = IndicatorAdminForm
    list_display = ("tree_name", "code", "rule", "points_text", "periods_text", "lead_unit", "additive")
    list_display_links = ("tree_name", "code")
    list_select_related = ("cycle", "lead_unit")
    list_filter = ("cycle", "rule", "points_by_category__category", IndicatorPeriodFilter, "additive")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent", "lead_unit")
    filter_horizontal = ("periods",)
    inlines = (IndicatorPointsInline,)
    list_per_page = 200

    def get_queryset(self, request):
        points = IndicatorPoints.objects.select_related("category").order_by("category__code")
        qs = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("points_by_category", queryset=points), Prefetch("periods", queryset=Period.objects.all())
            )
        )
        return indicator_tree_annotations(qs)

    def get_changelist(self, request, **kwargs):
        return IndicatorTreeChangeList

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "periods":
            kwargs["queryset"] = Period.objects.select_related("cycle").order_by("-cycle__year", "order")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("树形"))
    def tree_name(self, obj):
        depth = getattr(obj, "tree_depth", 0) or 0
        if not depth:
            return obj.name
        return f"{'　' * (depth - 1)}└ {obj.name}"

    @admin.display(description=_("各类别分值"))
    def points_text(self, obj):
        return " / ".join(f"{p.category.name} {number_text(p.points)}" for p in obj.points_by_category.all())

    @admin.display(description=_("考核期"))
    def periods_text(self, obj):
        codes = [p.code for p in obj.periods.all()]
        return "、".join(codes) if codes else _("全部")


@admin.register(IndicatorPoints)
class IndicatorPointsAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    cycle_attr = "indicator.cycle"
    list_display = ("indicator", "category", "points_text", "cycle_year")
    list_select_related = ("indicator__cycle", "category")
    list_filter = ("indicator__cycle", "category")
    search_fields = ("indicator__code", "indicator__name", "category__code", "category__name")
    autocomplete_fields = ("indicator",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator__cycle", "category")

    @admin.display(description=_("分值"), ordering="points")
    def points_text(self, obj):
        return number_text(obj.points)

    @admin.display(description=_("年度"), ordering="indicator__cycle__year")
    def cycle_year(self, obj):
        return obj.indicator.cycle.year


@admin.register(Target)
class TargetAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    list_display = ("cycle_year", "indicator", "owner", "value_text", "base_text", "leader", "parent_text")
    list_select_related = ("cycle", "indicator", "unit", "leader", "parent__indicator", "parent__unit")
    list_filter = ("cycle", IndicatorListFilter, "unit__category")
    search_fields = ("indicator__code", "indicator__name", "unit__code", "unit__name")
    autocomplete_fields = ("indicator", "unit", "leader", "parent")

    def get_queryset(self, request):
        # Target.__str__ reads indicator and unit (autocomplete answers, titles): load them with the row.
        return super().get_queryset(request).select_related("indicator", "unit")

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("责任单位"), ordering="unit__code")
    def owner(self, obj):
        return obj.unit or _("区级")

    @admin.display(description=_("目标值"), ordering="value")
    def value_text(self, obj):
        return number_text(obj.value)

    @admin.display(description=_("基数"), ordering="base")
    def base_text(self, obj):
        return number_text(obj.base)

    @admin.display(description=_("上级目标"))
    def parent_text(self, obj):
        return obj.parent or ""


@admin.register(CycleTransition)
class CycleTransitionAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    list_display = ("cycle", "from_status", "to_status", "user", "reason", "at")
    list_select_related = ("cycle", "user")
    list_filter = ("cycle", "to_status")
    search_fields = ("cycle__name", "=cycle__year", "reason", "user__username")
    date_hierarchy = "at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "user")
