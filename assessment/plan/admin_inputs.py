"""The admin of the plan's inputs: a save or delete marks results stale and takes the cycle lock."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from assessment.recompute.queue import cycle_inputs_changed
from targets.cycle_lock import PLAN_LOCKED, CycleLockedError, cycle_lock_for_write
from targets.models import Cycle, CycleStatus


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
