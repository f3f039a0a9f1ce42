"""Result rows written in bulk by the recompute service; never edited by hand."""

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.choices import CadreGrade, Colour, UnitGrade


def _score(verbose, **kw):
    return models.DecimalField(verbose, max_digits=14, decimal_places=2, **kw)


class Stamped(models.Model):
    """Every result row records the input version and time of the recompute that last changed its values.

    A recompute leaves rows whose values did not change alone, stamp included (a forced one re-stamps every row),
    so the version of the whole result set is `RecomputeState.computed_version` / `computed_at`, not the rows'.
    """

    cycle = models.ForeignKey("targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="+")
    input_version = models.BigIntegerField(_("输入版本"))
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        abstract = True


class UnitResult(Stamped):
    """A unit's cycle result: score S, rank in category, grade, colour, 末位, veto, bonus money and outcomes."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="results")
    category = models.ForeignKey(
        "units.Category", verbose_name=_("考核类别"), on_delete=models.CASCADE, related_name="+"
    )
    score = _score(_("综合得分"))
    rank = models.PositiveIntegerField(_("排名"))
    grade = models.CharField(_("等次"), max_length=16, choices=UnitGrade.choices)
    colour = models.CharField(_("色标"), max_length=8, choices=Colour.choices, blank=True)
    last_place = models.BooleanField(_("末位"))
    vetoed = models.BooleanField(_("一票否决"))
    coefficient = models.DecimalField(_("奖金系数"), max_digits=8, decimal_places=4)
    bonus_money = _score(_("考核奖金"))
    outcomes = models.JSONField(_("奖惩结果"), default=list)

    class Meta:
        verbose_name = _("单位考核结果")
        verbose_name_plural = _("单位考核结果")
        ordering = ["cycle", "category__code", "rank", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "unit"], name="unique_unit_result")]

    def __str__(self):
        return f"{self.unit} {self.score}"


class UnitPeriodResult(Stamped):
    """A unit's result in one period: base, bonus, deduction, total, full marks, rate, rank, points per leaf."""

    period = models.ForeignKey("targets.Period", verbose_name=_("考核期"), on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="period_results"
    )
    category = models.ForeignKey(
        "units.Category", verbose_name=_("考核类别"), on_delete=models.CASCADE, related_name="+"
    )
    base = _score(_("基础得分"))
    bonus = _score(_("加分"))
    deduction = _score(_("扣分"))
    total = _score(_("期间得分"))
    full_marks = _score(_("满分"))
    rate = _score(_("得分率"))
    rank = models.PositiveIntegerField(_("期间排名"))
    vetoed = models.BooleanField(_("一票否决"))
    # Leaf indicator code -> points as a decimal string (deductions negative, veto as the count).
    points = models.JSONField(_("指标得分"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("单位期间结果")
        verbose_name_plural = _("单位期间结果")
        ordering = ["cycle", "period__order", "category__code", "rank", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unique_unit_period_result")]

    def __str__(self):
        return f"{self.unit} {self.period.code} {self.rate}"


class CadreResult(Stamped):
    """A cadre's result: target completion P, evaluation E, score C, rank in unit, grade and 召回管理."""

    cadre = models.ForeignKey("cadres.Cadre", verbose_name=_("干部"), on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="+")
    team_member = models.BooleanField(_("班子成员"))
    target_completion = _score(_("目标完成"), null=True, blank=True)
    evaluation = _score(_("民主测评"))
    score = _score(_("综合得分"))
    rank = models.PositiveIntegerField(_("单位内排名"))
    grade = models.CharField(_("等次"), max_length=16, choices=CadreGrade.choices)
    recall = models.BooleanField(_("召回管理"))

    class Meta:
        verbose_name = _("干部考核结果")
        verbose_name_plural = _("干部考核结果")
        ordering = ["cycle", "unit__code", "rank", "cadre__code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "cadre"], name="unique_cadre_result")]

    def __str__(self):
        return f"{self.cadre} {self.score}"


class DecompositionResult(Stamped):
    """分解率 of an additive target: the sum of its children against its own value."""

    target = models.ForeignKey("targets.Target", verbose_name=_("目标"), on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        "targets.Indicator", verbose_name=_("指标"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    children_sum = models.DecimalField(_("分解合计"), max_digits=22, decimal_places=4)
    rate = _score(_("分解率"), null=True, blank=True)

    class Meta:
        verbose_name = _("目标分解率")
        verbose_name_plural = _("目标分解率")
        ordering = ["cycle", "indicator__code"]
        constraints = [models.UniqueConstraint(fields=["target"], name="unique_decomposition_result")]

    def __str__(self):
        return f"{self.indicator.code} {self.rate}"


def plan_stamp_new() -> int:
    """A random stamp for the plan as it now is (see `RecomputeState.plan_stamp`)."""
    return secrets.randbits(62)


class RecomputeState(models.Model):
    """Per cycle: the version of its inputs and the version its results were computed from.

    Kept apart from Cycle so that every score write bumps a tiny row that carries no history.
    """

    cycle = models.OneToOneField(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="recompute_state"
    )
    input_version = models.BigIntegerField(_("输入版本"), default=0)
    input_changed_at = models.DateTimeField(_("最近输入时间"), null=True, blank=True)
    computed_version = models.BigIntegerField(_("已计算版本"), default=-1)
    computed_at = models.DateTimeField(_("计算时间"), null=True, blank=True)
    duration_ms = models.PositiveIntegerField(_("耗时（毫秒）"), null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    # Drawn afresh by every input change that is not an entry write (plan, targets, settings, cadre data …): the
    # parts of the plan a worker keeps between period-scoped recomputes are valid for one stamp only.
    plan_stamp = models.BigIntegerField(_("方案标记"), default=plan_stamp_new, editable=False)

    class Meta:
        verbose_name = _("重算状态")
        verbose_name_plural = _("重算状态")

    def __str__(self):
        return f"{self.cycle}: {self.computed_version}/{self.input_version}"

    @property
    def pending(self) -> bool:
        return self.computed_version < self.input_version


class RecomputeDirty(models.Model):
    """One category (and period) whose results an input change made stale, at the input version that change produced.

    An empty category means everything (the plan, targets, settings, cadre data …). Rows are only inserted (by
    `cycle_inputs_changed`, in the writer's transaction, so concurrent writers never contend on them) and deleted
    by the recompute that consumed them. A version between the computed and the current one without a row here
    (a bump made outside `cycle_inputs_changed`) also means everything.
    """

    cycle = models.ForeignKey("targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="+")
    version = models.BigIntegerField(_("输入版本"))
    category = models.ForeignKey(
        "units.Category",
        verbose_name=_("考核类别"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # An entry write also names the period of its entries: a category's other periods keep their results then.
    # Empty: every period of the category (or everything, when the category is empty too).
    period = models.ForeignKey(
        "targets.Period",
        verbose_name=_("考核期"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("待重算类别")
        verbose_name_plural = _("待重算类别")
        indexes = [models.Index(fields=["cycle", "version"], name="recompute_dirty_cycle_version")]

    def __str__(self):
        return f"{self.cycle_id}@{self.version}: {self.category_id or '*'}/{self.period_id or '*'}"


class ResultArchive(models.Model):
    """The final result workbook of a cycle, archived with its SHA-256 when the cycle is locked (已审定)."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="archives"
    )
    file = models.FileField(_("结果文件"), upload_to="archives/", max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("归档人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("归档时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("结果归档")
        verbose_name_plural = _("结果归档")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.cycle} {self.sha256[:12]}"
