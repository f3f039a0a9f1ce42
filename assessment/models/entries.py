"""Score entries e(u,i,p), and the one rule of when an entry is exempted (容错) and so counts as absent."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import ExpressionWrapper, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def evidence_upload_to(instance, filename: str) -> str:
    # A random name: the original could collide or leak; it is kept in the note by the service if needed.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{uuid.uuid4().hex}.{ext}"


def exemption_on_record(reason: str, date) -> bool:
    """An approved 容错 exemption is on record — a reason and a date — so the entry counts as absent (SCORING.md §3).

    Takes the two fields rather than an entry, so a historical row or a `values()` dict is judged the same way."""
    return bool(reason) and date is not None


# The same rule in the database, and its negation written out (`exemption_date` is nullable).
EXEMPTED = ~Q(exemption_reason="") & Q(exemption_date__isnull=False)
COUNTED = Q(exemption_reason="") | Q(exemption_date__isnull=True)


class ScoreEntryQuerySet(models.QuerySet):
    def exempted(self) -> "ScoreEntryQuerySet":
        """Entries with an approved 容错 exemption on record."""
        return self.filter(EXEMPTED)

    def counted(self) -> "ScoreEntryQuerySet":
        """Entries that count: those without an exemption on record."""
        return self.filter(COUNTED)

    def with_exempted(self) -> "ScoreEntryQuerySet":
        """Each entry annotated with ``exempted`` (bool), decided in the database."""
        return self.annotate(exempted=ExpressionWrapper(EXEMPTED, output_field=models.BooleanField()))


class ScoreEntry(models.Model):
    """e(u,i,p): the value entered for a unit, leaf indicator and period, with evidence and any 容错 exemption.

    `value` holds numbers (and counts); `letter` holds grade letters for `grade` indicators. Writes go through
    `assessment.services.entry_write` only, which validates, records history and schedules a recompute.
    """

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="entries"
    )
    period = models.ForeignKey(
        "targets.Period", verbose_name=_("考核期"), on_delete=models.CASCADE, related_name="entries"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="entries")
    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name=_("指标"), on_delete=models.CASCADE, related_name="entries"
    )
    value = models.DecimalField(_("值"), max_digits=20, decimal_places=4, null=True, blank=True)
    letter = models.CharField(_("等级"), max_length=8, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    evidence = models.FileField(_("佐证材料"), upload_to=evidence_upload_to, blank=True, max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("录入时间"), auto_now=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    exemption_reason = models.TextField(_("容错理由"), blank=True)
    exemption_approver = models.CharField(_("容错批准人"), max_length=50, blank=True)
    exemption_doc_no = models.CharField(_("容错文号"), max_length=100, blank=True)
    exemption_date = models.DateField(_("容错认定日期"), null=True, blank=True)
    objects = ScoreEntryQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["entered_at"], verbose_name=_("评分修改记录"), verbose_name_plural=_("评分修改记录")
    )

    class Meta:
        verbose_name = _("评分记录")
        verbose_name_plural = _("评分记录")
        ordering = ["cycle", "period__order", "indicator__code", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["period", "unit", "indicator"], name="unique_entry")]
        indexes = [models.Index(fields=["cycle", "period"]), models.Index(fields=["cycle", "indicator"])]

    def __str__(self):
        return f"{self.period.code} {self.unit.code} {self.indicator.code}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.letter:
            return self.letter
        if self.value is None:
            return ""
        return format(self.value.normalize(), "f")

    @property
    def is_exempted(self) -> bool:
        """An approved 容错 exemption is on record: the entry counts as absent (SCORING.md §3)."""
        return exemption_on_record(self.exemption_reason, self.exemption_date)


VALUE_FIELD = ScoreEntry._meta.get_field("value")
# The smallest magnitude the column cannot hold: numeric(20, 4) keeps 16 digits before the point.
VALUE_LIMIT = Decimal(10) ** (VALUE_FIELD.max_digits - VALUE_FIELD.decimal_places)
