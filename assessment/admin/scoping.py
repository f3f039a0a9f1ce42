"""The one place where admin querysets will be narrowed to what the requesting person may see."""


class ScopedAdminMixin:
    """Passes every admin queryset through `scope_queryset(request, qs)`.

    Every ModelAdmin of the project inherits this mixin first, so `get_queryset` — which Django uses for the
    changelist, the change/delete/history views (object lookups), bulk actions and autocomplete answers — always
    goes through `scope_queryset`. Today only the 考核办 works in the admin and it sees everything, so the queryset
    is returned unchanged. Object-level scoping for the other roles belongs here (and only here), e.g.:

    - 牵头单位评分员: score entries of the indicators their unit leads (`indicator__lead_unit__memberships__user`);
    - 单位领导: rows of their own unit;
    - 组织部 / 纪检审计: everything, read-only (enforce with the has_*_permission methods).

    Subclasses that annotate or prefetch call `super().get_queryset(request)` first, so scoping always applies.
    """

    def scope_queryset(self, request, qs):
        """Return the part of `qs` the user of `request` may see. Unscoped for now (office only)."""
        return qs

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))
