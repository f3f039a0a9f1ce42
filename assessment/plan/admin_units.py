"""Admin for categories, units and memberships (考核类别、单位、单位成员)."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import KaoheAdmin, KaoheHistoryAdmin
from assessment.plan.admin_inputs import CycleInputAdminMixin
from units.models import Category, Membership, Unit


@admin.register(Category)
class CategoryAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    affects_all_cycles = True
    list_display = ("code", "name", "unit_count")
    search_fields = ("code", "name")
    ordering = ("code",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(unit_total=Count("units"))

    @admin.display(description=_("单位数"), ordering="unit_total")
    def unit_count(self, obj):
        return obj.unit_total


@admin.register(Unit)
class UnitAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    affects_all_cycles = True
    list_display = ("code", "name", "kind", "category", "headcount", "parent")
    list_select_related = ("category", "parent")
    list_filter = ("category", "kind")
    search_fields = ("code", "name")
    autocomplete_fields = ("parent",)
    ordering = ("code",)


@admin.register(Membership)
class MembershipAdmin(KaoheAdmin):
    list_display = ("user", "unit", "role")
    list_select_related = ("user", "unit")
    list_filter = ("role", "unit__category")
    search_fields = ("user__username", "user__first_name", "user__last_name", "unit__code", "unit__name")
    autocomplete_fields = ("user", "unit")
