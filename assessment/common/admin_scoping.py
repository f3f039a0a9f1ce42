"""The one place where admin querysets, form choices and object permissions are narrowed to the person asking.

Every ModelAdmin of the project inherits `ScopedAdminMixin` first, so `get_queryset` — which Django uses for the
changelist, the change/delete/history views (object lookups), bulk actions and autocomplete answers — always
goes through `scope_queryset`. The rules themselves live in `assessment.permissions`, shared with the pages,
exports and imports:

- 牵头单位评分员: score entries of the indicators their unit leads, changeable only while 考核中 and the period open;
- 单位领导: rows of their own unit;
- 组织部 / 纪检审计: everything, read-only (the has_*_permission methods refuse every write).
"""

from assessment import permissions
from targets.models import Indicator, Period


class ScopedAdminMixin:
    """Scopes querysets and FK choices, and makes add/change/delete permissions object-aware."""

    def scope_queryset(self, request, qs):
        """Return the part of `qs` the user of `request` may see."""
        return permissions.scope_for_model(request.user, qs)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or not hasattr(field, "queryset"):
            return field
        related = db_field.related_model
        qs = permissions.scope_for_model(request.user, field.queryset)
        if self.model._meta.label_lower == "assessment.scoreentry":
            # A scorer is offered only the indicators their unit leads and the periods open for scoring.
            if related is Indicator:
                qs = permissions.scorable_indicators(request.user, qs)
            elif related is Period:
                qs = permissions.scorable_periods(request.user, qs)
        field.queryset = qs
        return field

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete answers for the score-entry form obey the same choices as the form field.
        qs, distinct = super().get_search_results(request, queryset, search_term)
        if (request.GET.get("app_label"), request.GET.get("model_name")) == ("assessment", "scoreentry"):
            if self.model is Indicator:
                qs = permissions.scorable_indicators(request.user, qs)
        return qs, distinct

    def has_add_permission(self, request, *args, **kwargs):
        if permissions.is_read_only_role(request.user):
            return False
        return super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, obj=None):
        if permissions.is_read_only_role(request.user):
            return False
        if obj is not None and not permissions.can_change_object(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if permissions.is_read_only_role(request.user):
            return False
        if obj is not None and not permissions.can_change_object(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)
