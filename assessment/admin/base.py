"""Base classes and small helpers shared by every ModelAdmin of the project."""

from decimal import Decimal

from django.contrib import admin
from django.contrib.admin.utils import display_for_field, unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from assessment.services.queue import cycle_inputs_changed
from targets.cycle_lock import PLAN_LOCKED, CycleLockedError, cycle_lock_for_write
from targets.models import Cycle, CycleStatus, Indicator, Period

from .scoping import ScopedAdminMixin


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
                **{opts.pk.attname: obj.pk, "history_id": int(version_id)})
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


class CycleInputAdminMixin:
    """Plan data edited in the admin is an input of the engine.

    Saving or deleting it marks the affected cycles' results stale (a recompute is queued on commit), and the
    objects of a locked (已审定) cycle are shown read-only. `cycle_attr` is the dotted path from an object to its
    cycle (empty for Cycle itself); `affects_all_cycles` is for data shared by every cycle (units, cadres).

    The read-only check runs on the object as loaded; what decides is the cycle lock (`targets.cycle_lock`), taken
    in the form's clean() — inside the admin's transaction, before anything (inlines included) is saved — and
    before a delete, so a save racing the move to 已审定 is refused with the form's error.
    """

    cycle_attr = "cycle"
    affects_all_cycles = False

    def _cycle_of(self, obj):
        for part in self.cycle_attr.split(".") if self.cycle_attr else ():
            obj = getattr(obj, part, None)
        return obj

    def _locked(self, obj) -> bool:
        if obj is None or self.affects_all_cycles:
            return False
        cycle = self._cycle_of(obj)
        return cycle is not None and cycle.status == CycleStatus.FINAL

    def has_change_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)

    def _cycle_id_of_form(self, form, cleaned: dict) -> int | None:
        if not self.cycle_attr:
            return form.instance.pk  # a new cycle is not locked yet
        first, *rest = self.cycle_attr.split(".")
        obj = cleaned[first] if first in cleaned else getattr(form.instance, first, None)
        for part in rest:
            obj = getattr(obj, part, None)
        return getattr(obj, "pk", None)

    def _lock_cycle(self, cycle_id: int | None) -> Cycle | None:
        if cycle_id is None or self.affects_all_cycles:
            return None
        return cycle_lock_for_write(cycle_id=cycle_id, locked_message=PLAN_LOCKED)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if self.affects_all_cycles:
            return form_class
        model_admin = self

        class CycleLockedForm(form_class):
            def clean(self):
                cleaned = super().clean()
                fresh = model_admin._lock_cycle(model_admin._cycle_id_of_form(self, cleaned))
                if fresh is not None and isinstance(self.instance, Cycle):
                    # The form saves the whole row: keep the status the lifecycle may have moved meanwhile.
                    self.instance.status = fresh.status
                    self.instance.publicity_started_at = fresh.publicity_started_at
                return cleaned

        CycleLockedForm.__name__ = form_class.__name__
        return CycleLockedForm

    def _lock_for_delete(self, cycle_ids) -> None:
        try:
            for cycle_id in sorted({c for c in cycle_ids if c is not None}):
                self._lock_cycle(cycle_id)
        except CycleLockedError as exc:
            raise PermissionDenied(exc.messages[0]) from None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New plan rows cannot be attached to a locked cycle.
        if db_field.related_model is Cycle:
            kwargs.setdefault("queryset", Cycle.objects.exclude(status=CycleStatus.FINAL))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _affected(self, cycle_ids) -> None:
        if self.affects_all_cycles:
            cycle_ids = Cycle.objects.exclude(status=CycleStatus.FINAL).values_list("id", flat=True)
        for cycle_id in {c for c in cycle_ids if c is not None}:
            cycle_inputs_changed(cycle_id=cycle_id)

    def _cycle_lookup(self) -> str:
        return f"{self.cycle_attr.replace('.', '__')}_id" if self.cycle_attr else "id"

    def save_related(self, request, form, formsets, change):
        # After save_model, inlines and m2m: the whole change is in before the version is bumped.
        super().save_related(request, form, formsets, change)
        cycle = self._cycle_of(form.instance)
        self._affected([getattr(cycle, "id", None)])

    def delete_model(self, request, obj):
        cycle = self._cycle_of(obj)
        with transaction.atomic():
            self._lock_for_delete([getattr(cycle, "id", None)])
            super().delete_model(request, obj)
            self._affected([getattr(cycle, "id", None)])

    def delete_queryset(self, request, queryset):
        with transaction.atomic():  # the changelist's delete action runs outside the admin's transaction
            cycle_ids = set(queryset.values_list(self._cycle_lookup(), flat=True))
            self._lock_for_delete(cycle_ids)
            super().delete_queryset(request, queryset)
            self._affected(cycle_ids)


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
