import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment.models.choices import AppealStatus


def appeal_upload_to(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"appeals/{uuid.uuid4().hex}.{ext}"


class Appeal(models.Model):
    """A 申诉 filed by a unit leader during 公示 against one of their unit's entries, and the office's answer."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="appeals"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="appeals")
    period = models.ForeignKey("targets.Period", verbose_name=_("考核期"), on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name=_("指标"), on_delete=models.CASCADE, related_name="appeals"
    )
    entry = models.ForeignKey(
        "assessment.ScoreEntry",
        verbose_name=_("评分记录"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals",
    )
    reason = models.TextField(_("申诉理由"))
    requested_value = models.CharField(_("申请改为"), max_length=50, blank=True)
    attachment = models.FileField(_("附件"), upload_to=appeal_upload_to, blank=True, max_length=200)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("申诉人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("申诉时间"), auto_now_add=True)
    status = models.CharField(_("状态"), max_length=16, choices=AppealStatus.choices, default=AppealStatus.PENDING)
    reply = models.TextField(_("答复"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("申诉")
        verbose_name_plural = _("申诉")
        ordering = ["-filed_at"]

    def __str__(self):
        return f"{self.unit} {self.indicator.code} {self.get_status_display()}"
