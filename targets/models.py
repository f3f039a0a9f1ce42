from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment.scoring.rules import RULES

D = Decimal


def _points(verbose, default=None, **kw):
    return models.DecimalField(verbose, max_digits=12, decimal_places=4, default=default, **kw)


class CycleStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ISSUED = "issued", _("已下达")
    SCORING = "scoring", _("考核中")
    PUBLICITY = "publicity", _("公示中")
    FINAL = "final", _("已审定")


class Cycle(models.Model):
    """A 考核年度 with its lifecycle status and every per-cycle setting of SCORING.md (defaults as published)."""

    year = models.PositiveIntegerField(_("年度"), unique=True)
    name = models.CharField(_("名称"), max_length=200)
    status = models.CharField(_("状态"), max_length=16, choices=CycleStatus.choices, default=CycleStatus.DRAFT)
    excellent_quota = _points(_("优秀比例"), D("0.30"))
    excellent_min = _points(_("优秀分数线"), D("90"))
    good_min = _points(_("良好分数线"), D("80"))
    pass_min = _points(_("合格分数线"), D("60"))
    bonus_cap = _points(_("加分上限"), D("5"))
    last_place_count = models.PositiveIntegerField(_("末位数"), default=1)
    bonus_base = models.DecimalField(_("奖金基数（元/人）"), max_digits=14, decimal_places=2, default=D("10000"))
    coef_excellent = _points(_("优秀奖金系数"), D("1.2"))
    coef_good = _points(_("良好奖金系数"), D("1.0"))
    coef_pass = _points(_("合格奖金系数"), D("0.8"))
    coef_fail = _points(_("不合格奖金系数"), D("0"))
    cadre_weight_unit = _points(_("干部权重·单位"), D("0.4"))
    cadre_weight_target = _points(_("干部权重·目标"), D("0.4"))
    cadre_weight_eval = _points(_("干部权重·测评"), D("0.2"))
    cadre_quota_excellent = _points(_("干部优秀比例·单位优秀"), D("0.20"))
    cadre_quota_good = _points(_("干部优秀比例·单位良好"), D("0.15"))
    cadre_quota_pass = _points(_("干部优秀比例·单位合格"), D("0.10"))
    cadre_quota_fail = _points(_("干部优秀比例·单位不合格"), D("0"))
    cadre_excellent_min = _points(_("干部优秀分数线"), D("85"))
    cadre_competent_min = _points(_("干部称职分数线"), D("70"))
    cadre_basic_min = _points(_("干部基本称职分数线"), D("60"))
    appeal_days = models.PositiveIntegerField(_("申诉期（天）"), default=5)
    publicity_started_at = models.DateTimeField(_("公示开始时间"), null=True, blank=True)
    # Supervision settings (SUPERVISION.md §2): 进度容差, 临期天数, 报送日.
    lag_tolerance = models.DecimalField(_("进度容差（百分点）"), max_digits=6, decimal_places=2, default=D("10"))
    warn_days = models.PositiveIntegerField(_("临期天数"), default=7)
    report_day = models.PositiveIntegerField(
        _("报送日"), default=5, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核年度")
        verbose_name_plural = _("考核年度")
        ordering = ["-year"]

    def __str__(self):
        return self.name or f"{self.year}年度"


class Period(models.Model):
    """A 考核期: a scoring round of a cycle with its weight (e.g. Q1 0.1 … Y 0.7) and whether scoring is open."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="periods")
    code = models.CharField(_("编码"), max_length=16)
    name = models.CharField(_("名称"), max_length=50, blank=True)
    weight = models.DecimalField(_("权重"), max_digits=8, decimal_places=4)
    order = models.PositiveIntegerField(_("顺序"), default=0)
    is_open = models.BooleanField(_("开放评分"), default=True)
    # 期间日期 (SUPERVISION.md §4): empty takes the default of the code (Q1–Q3 the calendar quarters, Y Oct–Dec).
    start_date = models.DateField(_("期间开始日期"), null=True, blank=True)
    end_date = models.DateField(_("期间结束日期"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核期")
        verbose_name_plural = _("考核期")
        ordering = ["cycle", "order"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="unique_period_code")]

    def __str__(self):
        return f"{self.cycle.year} {self.code}"

    def clean(self):
        """期间日期 (SUPERVISION.md §4): both dates or neither, end not before start, no overlap with the cycle's
        other periods' stored ranges (the plan workbook also checks the default ranges)."""
        from django.core.exceptions import ValidationError

        if (self.start_date is None) != (self.end_date is None):
            raise ValidationError(_("期间开始日期和结束日期须同时填写或同时留空"))
        if self.start_date is None:
            return
        if self.end_date < self.start_date:
            raise ValidationError(_("期间结束日期早于开始日期"))
        if self.cycle_id is None:
            return
        others = Period.objects.filter(cycle_id=self.cycle_id, start_date__isnull=False).exclude(pk=self.pk)
        clash = others.filter(start_date__lte=self.end_date, end_date__gte=self.start_date).first()
        if clash is not None:
            raise ValidationError(_("期间日期与考核期 %(code)s 重叠") % {"code": clash.code})


# The leaf rules of SCORING.md §3 as model choices, from the engine's registry (one module per rule there).
Rule = models.TextChoices("Rule", [(code.upper(), (code, rule.label)) for code, rule in RULES.items()])
TARGET_RULES = frozenset(Rule(code) for code, rule in RULES.items() if rule.uses_targets)


class Indicator(models.Model):
    """A node of a cycle's indicator tree. Leaves carry a scoring rule; a parent's points are its children's sum."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("编码"), max_length=32)
    name = models.CharField(_("名称"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级指标"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    rule = models.CharField(_("计分规则"), max_length=16, choices=Rule.choices, blank=True)
    params = models.JSONField(_("规则参数"), default=dict, blank=True)
    periods = models.ManyToManyField(
        Period,
        verbose_name=_("考核期"),
        blank=True,
        related_name="indicators",
        help_text=_("不选表示全部考核期都计分"),
    )
    lead_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("牵头单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_indicators",
    )
    additive = models.BooleanField(_("目标累加"), default=False)
    history = HistoricalRecords(m2m_fields=[periods])

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["cycle", "code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="unique_indicator_code")]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_leaf(self) -> bool:
        return bool(self.rule)


class IndicatorPoints(models.Model):
    """m(i,c): what leaf indicator i is worth for units of category c. No row: i does not apply to c."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="points_by_category"
    )
    category = models.ForeignKey("units.Category", verbose_name=_("考核类别"), on_delete=models.CASCADE)
    points = models.DecimalField(_("分值"), max_digits=8, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("指标分值")
        verbose_name_plural = _("指标分值")
        constraints = [models.UniqueConstraint(fields=["indicator", "category"], name="unique_indicator_points")]

    def __str__(self):
        return f"{self.indicator.code} · {self.category.code}: {self.points}"


class Target(models.Model):
    """A node of the decomposition tree: the district target (no unit) or a unit's target t(u,i) and base b(u,i)."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("责任单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text=_("留空表示区级目标"),
    )
    value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    base = models.DecimalField(_("基数"), max_digits=20, decimal_places=4, null=True, blank=True)
    leader = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("责任领导"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_targets",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("上级目标"), null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["cycle", "indicator__code", "unit__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "unit"], condition=models.Q(unit__isnull=False), name="unique_unit_target"
            ),
            models.UniqueConstraint(
                fields=["indicator"], condition=models.Q(unit__isnull=True), name="unique_district_target"
            ),
        ]

    def __str__(self):
        owner = self.unit.name if self.unit_id else _("区级")
        return f"{self.indicator.code} · {owner}: {self.value}"


class CycleTransition(models.Model):
    """One move of a cycle through its lifecycle, with who made it and why."""

    cycle = models.ForeignKey(Cycle, verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("原状态"), max_length=16, choices=CycleStatus.choices)
    to_status = models.CharField(_("新状态"), max_length=16, choices=CycleStatus.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, on_delete=models.SET_NULL)
    reason = models.TextField(_("理由"))
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("状态变更记录")
        verbose_name_plural = _("状态变更记录")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.cycle} {self.get_from_status_display()} → {self.get_to_status_display()}"
