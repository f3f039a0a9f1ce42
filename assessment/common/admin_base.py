"""Base classes and small helpers shared by every ModelAdmin of the project."""

from decimal import Decimal

from django.contrib import admin
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from assessment.common.admin_scoping import ScopedAdminMixin
from targets.models import Indicator, Period


class KaoheAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Plain ModelAdmin with queryset scoping."""

    list_per_page = 50


class ReadOnlyHistoryMixin:
    """Record history is read, never written: simple-history's per-version "revert" form is replaced by a page.

    simple-history's form saves the posted version with only the *view* permission checked, on an object looked
    up without the per-user scoping, and bypassing the services (scope, role, lock, recompute, transition log).
    Rather than re-implement every check of every change view there, the history is read-only for everyone:
    a correction is made on the object's own change page. Both history pages look the object up through the
    admin's scoped `get_queryset`, so they show exactly the objects of the live changelist (others are 404).
    """

    object_history_form_template = "admin/history_version.html"

    def revert_disabled(self, request, obj=None):
        return True

    def _visible_object_or_404(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            # Also for a deleted object: its rows stay readable in the audit views that are scoped for them.
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._visible_object_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        obj = self._visible_object_or_404(request, object_id)
        opts = self.model._meta
        history = getattr(self.model, opts.simple_history_manager_attribute)
        try:
            version = history.select_related("history_user").get(
                **{opts.pk.attname: obj.pk, "history_id": int(version_id)}
            )
        except (ValueError, history.model.DoesNotExist):
            raise Http404 from None
        prefix, site = f"admin:{opts.app_label}_{opts.model_name}", self.admin_site.name
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(name)s 的历史版本") % {"name": obj},
            "opts": opts,
            "original": obj,
            "version": version,
            "fields": self._version_fields(version),
            "changelist_url": reverse(f"{prefix}_changelist", current_app=site),
            "change_url": reverse(f"{prefix}_change", args=(obj.pk,), current_app=site),
            "history_url": reverse(f"{prefix}_history", args=(obj.pk,), current_app=site),
            **(extra_context or {}),
        }
        request.current_app = site
        return render(request, self.object_history_form_template, context)

    def _version_fields(self, version) -> list[tuple[str, str]]:
        """(label, shown value) of every field as recorded in `version`."""
        instance, empty = version.instance, self.get_empty_value_display()
        rows = []
        for field in self.model._meta.concrete_fields:
            if field.is_relation:
                try:
                    related = getattr(instance, field.name)
                except ObjectDoesNotExist:  # deleted since: show the id that was recorded
                    related = f"#{getattr(instance, field.attname)}"
                shown = empty if related is None else str(related)
            else:
                shown = display_for_field(getattr(instance, field.attname), field, empty)
            rows.append((str(field.verbose_name), shown))
        return rows


class KaoheHistoryAdmin(ReadOnlyHistoryMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    """ModelAdmin of a model with simple-history: staff see who changed what, when and why (read-only)."""

    list_per_page = 50


class ReadOnlyAdminMixin:
    """Rows written by services (results, audit logs): visible, never added, edited or deleted by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def yes_no(value) -> str:
    """A yes/no column in Chinese: Django's boolean icon reads "True"/"False" aloud (its alt text)."""
    if value is None:
        return "—"
    return format_html('<span class="yes-no">{}</span>', _("是") if value else _("否"))


def person_name(user) -> str:
    """A person by name (their login only when no name is on record), never an internal user id."""
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


class TitledFieldListFilter:
    """Gives a field filter a Chinese title where the field has none of its own (simple-history's fields)."""

    @classmethod
    def titled(cls, base: type, title):
        return type(f"Titled{base.__name__}", (base,), {"__init__": _titled_init(base, title)})


def _titled_init(base, title):
    def __init__(self, *args, **kwargs):
        base.__init__(self, *args, **kwargs)
        self.title = title

    return __init__


def number_text(value) -> str:
    """A Decimal without trailing zeros (10.00 → "10", 2.50 → "2.5"); empty for None."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f")


def selected_cycle_id(request) -> str | None:
    """The cycle chosen in the changelist's 考核年度 filter, if any (filters below narrow their choices to it)."""
    return request.GET.get("cycle__id__exact") or request.GET.get("indicator__cycle__id__exact")


class PeriodListFilter(admin.SimpleListFilter):
    """考核期 filter labelled "2025 Q1", loaded in one query (Period.__str__ would read its cycle per row)."""

    title = _("考核期")
    parameter_name = "period"
    field_path = "period"

    def lookups(self, request, model_admin):
        qs = Period.objects.select_related("cycle").order_by("-cycle__year", "order")
        cycle_id = selected_cycle_id(request)
        if cycle_id:
            qs = qs.filter(cycle_id=cycle_id)
        return [(str(p.id), f"{p.cycle.year} {p.name or p.code}") for p in qs]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_path}_id": self.value()})
        return queryset


class IndicatorListFilter(admin.SimpleListFilter):
    """指标 filter listing the leaf indicators of the cycle chosen in the 考核年度 filter (hidden until one is)."""

    title = _("指标")
    parameter_name = "indicator"
    field_path = "indicator"

    def lookups(self, request, model_admin):
        cycle_id = selected_cycle_id(request)
        if not cycle_id:
            return []
        qs = Indicator.objects.filter(cycle_id=cycle_id).exclude(rule="").order_by("code")
        return [(str(i.id), f"{i.code} {i.name}") for i in qs.only("id", "code", "name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{f"{self.field_path}_id": self.value()})
        return queryset
