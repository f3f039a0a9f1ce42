"""Appeals in the admin: view and history only.

Appeals are filed by unit leaders and resolved on the workflow pages, whose service changes the entry through
`entry_write` and records the answer; editing an appeal here would skip that, so the admin only shows them.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import IndicatorListFilter, KaoheHistoryAdmin, PeriodListFilter, ReadOnlyAdminMixin
from assessment.models import Appeal, AppealStatus


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdminMixin, KaoheHistoryAdmin):
    list_display = (
        "cycle_year",
        "period_code",
        "unit",
        "indicator",
        "requested_value",
        "status",
        "filed_by",
        "filed_at",
        "resolved_by",
        "resolved_at",
        "resolve_link",
    )
    list_display_links = ("unit", "indicator")
    list_select_related = ("cycle", "period", "unit", "indicator", "filed_by", "resolved_by")
    list_filter = ("cycle", "status", PeriodListFilter, "unit__category", IndicatorListFilter)
    search_fields = ("unit__code", "unit__name", "indicator__code", "indicator__name", "reason")
    date_hierarchy = "filed_at"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("cycle", "period", "unit", "indicator", "entry__period", "entry__unit", "entry__indicator")
        )

    @admin.display(description=_("处理"))
    def resolve_link(self, obj):
        if obj.status != AppealStatus.PENDING:
            return ""
        return format_html('<a href="{}">{}</a>', reverse("workflow:appeal_resolve", args=[obj.pk]), _("处理申诉"))

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("考核期"), ordering="period__order")
    def period_code(self, obj):
        return obj.period.code
