"""Admin for cadres, their targets and democratic evaluations (干部、干部目标、民主测评)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assessment.common.admin_base import KaoheHistoryAdmin, number_text
from assessment.plan.admin_inputs import CycleInputAdminMixin
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation


@admin.register(Cadre)
class CadreAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    affects_all_cycles = True
    list_display = ("code", "name", "unit", "post", "team_member", "user")
    list_select_related = ("unit", "user")
    list_filter = ("team_member", "unit__category")
    search_fields = ("code", "name", "unit__code", "unit__name")
    autocomplete_fields = ("unit", "user")


@admin.register(CadreTarget)
class CadreTargetAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    list_display = (
        "cycle_year",
        "code",
        "name",
        "cadre",
        "cadre_unit",
        "weight_text",
        "target_text",
        "actual_text",
        "parent_target",
    )
    list_select_related = ("cycle", "cadre__unit", "parent__indicator", "parent__unit")
    list_filter = ("cycle", "cadre__unit__category")
    search_fields = ("code", "name", "cadre__code", "cadre__name")
    autocomplete_fields = ("cadre", "parent")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cadre", "parent__indicator", "parent__unit")

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("单位"), ordering="cadre__unit__code")
    def cadre_unit(self, obj):
        return obj.cadre.unit

    @admin.display(description=_("权重"), ordering="weight")
    def weight_text(self, obj):
        return number_text(obj.weight)

    @admin.display(description=_("目标值"), ordering="target_value")
    def target_text(self, obj):
        return number_text(obj.target_value)

    @admin.display(description=_("实际值"), ordering="actual_value")
    def actual_text(self, obj):
        return number_text(obj.actual_value)

    @admin.display(description=_("上级单位目标"))
    def parent_target(self, obj):
        return obj.parent or ""


@admin.register(DemocraticEvaluation)
class DemocraticEvaluationAdmin(CycleInputAdminMixin, KaoheHistoryAdmin):
    list_display = ("cycle_year", "cadre", "cadre_unit", "score")
    list_select_related = ("cycle", "cadre__unit")
    list_filter = ("cycle", "cadre__unit__category")
    search_fields = ("cadre__code", "cadre__name", "cadre__unit__code", "cadre__unit__name")
    autocomplete_fields = ("cadre",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("cycle", "cadre")

    @admin.display(description=_("年度"), ordering="cycle__year")
    def cycle_year(self, obj):
        return obj.cycle.year

    @admin.display(description=_("单位"), ordering="cadre__unit__code")
    def cadre_unit(self, obj):
        return obj.cadre.unit
