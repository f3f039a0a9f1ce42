from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Cadre(models.Model):
    """A 干部 of a unit; team members form the unit's 领导班子 (三位一体: unit, team, individual)."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("姓名"), max_length=50)
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="cadres")
    post = models.CharField(_("职务"), max_length=100, blank=True)
    team_member = models.BooleanField(_("班子成员"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登录用户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cadre",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("干部")
        verbose_name_plural = _("干部")
        ordering = ["unit__code", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class CadreTarget(models.Model):
    """A cadre's personal target for a cycle (一个项目一名领导), optionally decomposed from a unit target."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="cadre_targets"
    )
    code = models.CharField(_("编码"), max_length=32)
    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("名称"), max_length=200)
    weight = models.DecimalField(_("权重"), max_digits=8, decimal_places=4)
    target_value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    actual_value = models.DecimalField(_("实际值"), max_digits=20, decimal_places=4, null=True, blank=True)
    parent = models.ForeignKey(
        "targets.Target",
        verbose_name=_("上级单位目标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cadre_children",
    )
    # The indicator the target is about (the plan workbook's 指标编码). Usually the parent's indicator; set alone
    # when the cadre's unit has no target of it (a 社会事业 cadre's personal 招商引资 target): kept outside the
    # decomposition tree (WORKBOOKS.md §1, 干部目标).
    indicator = models.ForeignKey(
        "targets.Indicator",
        verbose_name=_("指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cadre_targets",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("干部目标")
        verbose_name_plural = _("干部目标")
        ordering = ["cycle", "code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="unique_cadre_target_code")]

    def __str__(self):
        return f"{self.code} {self.name}"


class DemocraticEvaluation(models.Model):
    """A cadre's 民主测评 score (0–100) in a cycle."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="evaluations"
    )
    cadre = models.ForeignKey(Cadre, verbose_name=_("干部"), on_delete=models.CASCADE, related_name="evaluations")
    score = models.DecimalField(_("测评得分"), max_digits=6, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("民主测评")
        verbose_name_plural = _("民主测评")
        constraints = [models.UniqueConstraint(fields=["cycle", "cadre"], name="unique_evaluation")]

    def __str__(self):
        return f"{self.cadre} {self.cycle.year}: {self.score}"
