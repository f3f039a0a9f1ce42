"""Items, milestones, reports and records of SUPERVISION.md §1. Writes go through `services.py` only."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ItemSource(models.TextChoices):
    TARGET = "目标任务", _("目标任务")
    PROJECT = "重点项目", _("重点项目")
    INSTRUCTION = "领导批示", _("领导批示")
    MEETING = "会议议定", _("会议议定")
    OTHER = "其他", _("其他")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    RETURNED = "returned", _("已退回")


class RecordKind(models.TextChoices):
    RED = "红", _("红（表彰、亮点）")
    YELLOW = "黄", _("黄（警示）")
    BLACK = "黑", _("黑（问责、严重失误）")


class RecordStatus(models.TextChoices):
    PROPOSED = "proposed", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    DISMISSED = "dismissed", _("已撤销")


class RecordOrigin(models.TextChoices):
    PROPOSED = "proposed", _("系统提出（节点逾期）")
    ENTERED = "entered", _("考核办录入")
    IMPORTED = "imported", _("台账导入")


def report_evidence_upload_to(instance, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"supervision/{uuid.uuid4().hex}.{ext}"


class Item(models.Model):
    """A 督办事项 of one cycle, owned by one unit, with one responsible leader (一个项目一名领导)."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="supervision_items"
    )
    code = models.CharField(_("编码"), max_length=32)
    title = models.CharField(_("名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=8, choices=ItemSource.choices, default=ItemSource.TARGET)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("责任单位"), on_delete=models.PROTECT, related_name="supervision_items"
    )
    leader = models.ForeignKey(
        "cadres.Cadre", verbose_name=_("责任领导"), on_delete=models.PROTECT, related_name="supervision_items"
    )
    indicator = models.ForeignKey(
        "targets.Indicator",
        verbose_name=_("对应指标"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervision_items",
    )
    start_date = models.DateField(_("开始日期"))
    history = HistoricalRecords(verbose_name=_("督办事项修改记录"), verbose_name_plural=_("督办事项修改记录"))

    class Meta:
        verbose_name = _("督办事项")
        verbose_name_plural = _("督办事项")
        ordering = ["cycle", "code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="unique_supervision_item_code")]
        indexes = [models.Index(fields=["cycle", "unit"])]

    def __str__(self):
        return f"{self.code} {self.title}"


class Milestone(models.Model):
    """An item's dated step (节点). The item's end is its last milestone's due date."""

    item = models.ForeignKey(Item, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="milestones")
    number = models.PositiveIntegerField(_("序号"), validators=[MinValueValidator(1)])
    content = models.CharField(_("内容"), max_length=300)
    due_date = models.DateField(_("完成时限"))
    # Set once when the daily job proposed the 黄 record for this milestone: never proposed again (§3).
    overdue_proposed_on = models.DateField(_("逾期记录提出日期"), null=True, blank=True, editable=False)
    history = HistoricalRecords(verbose_name=_("节点修改记录"), verbose_name_plural=_("节点修改记录"))

    class Meta:
        verbose_name = _("节点")
        verbose_name_plural = _("节点")
        ordering = ["item", "number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="unique_milestone_number")]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self):
        return f"{self.item.code} 第 {self.number} 节点"


class Report(models.Model):
    """A 进展报告 of the owner unit on an item: cumulative percent, optionally a milestone declared done."""

    item = models.ForeignKey(Item, verbose_name=_("督办事项"), on_delete=models.CASCADE, related_name="reports")
    report_date = models.DateField(_("报告日期"))
    percent = models.DecimalField(
        _("完成比例"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    milestone_number = models.PositiveIntegerField(_("完成节点"), null=True, blank=True)
    text = models.TextField(_("说明"), blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField(_("报送时间"), auto_now_add=True)
    review_reason = models.TextField(_("审核意见"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    history = HistoricalRecords(verbose_name=_("进展报告修改记录"), verbose_name_plural=_("进展报告修改记录"))

    class Meta:
        verbose_name = _("进展报告")
        verbose_name_plural = _("进展报告")
        ordering = ["item", "report_date", "id"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["item", "report_date"])]

    def __str__(self):
        return f"{self.item.code} {self.report_date} {self.percent}%"


class ReportEvidence(models.Model):
    """One evidence file (佐证材料) of a report."""

    report = models.ForeignKey(Report, verbose_name=_("进展报告"), on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("文件"), upload_to=report_evidence_upload_to, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    history = HistoricalRecords(verbose_name=_("佐证材料修改记录"), verbose_name_plural=_("佐证材料修改记录"))

    class Meta:
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")
        ordering = ["report", "id"]

    def __str__(self):
        return self.original_name or self.file.name


# The 容错 rule as for entries: an exemption on record (reason and date) makes the record count as absent.
RECORD_EXEMPTED = ~Q(exemption_reason="") & Q(exemption_date__isnull=False)
RECORD_COUNTED = Q(status=RecordStatus.CONFIRMED) & (Q(exemption_reason="") | Q(exemption_date__isnull=True))


class RecordQuerySet(models.QuerySet):
    def counted(self) -> "RecordQuerySet":
        """Records that count (SUPERVISION.md §1): 已确认 and not exempted."""
        return self.filter(RECORD_COUNTED)


class Record(models.Model):
    """A 档案记录 (红黄黑档案) about a unit and optionally one of its cadres."""

    cycle = models.ForeignKey(
        "targets.Cycle", verbose_name=_("考核年度"), on_delete=models.CASCADE, related_name="supervision_records"
    )
    code = models.CharField(_("编码"), max_length=32)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="supervision_records"
    )
    cadre = models.ForeignKey(
        "cadres.Cadre",
        verbose_name=_("干部"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_records",
    )
    kind = models.CharField(_("类别"), max_length=1, choices=RecordKind.choices)
    date = models.DateField(_("日期"))
    reason = models.CharField(_("事由"), max_length=500)
    doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    points = models.DecimalField(_("分值"), max_digits=8, decimal_places=2, null=True, blank=True)
    item = models.ForeignKey(
        Item, verbose_name=_("督办事项"), null=True, blank=True, on_delete=models.SET_NULL, related_name="records"
    )
    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("逾期节点"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    origin = models.CharField(_("来源"), max_length=16, choices=RecordOrigin.choices, default=RecordOrigin.ENTERED)
    status = models.CharField(_("状态"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.CONFIRMED)
    decision_reason = models.TextField(_("撤销理由"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("确认/撤销人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("确认/撤销时间"), null=True, blank=True)
    exemption_reason = models.TextField(_("容错理由"), blank=True)
    exemption_approver = models.CharField(_("容错批准人"), max_length=50, blank=True)
    exemption_doc_no = models.CharField(_("容错文号"), max_length=100, blank=True)
    exemption_date = models.DateField(_("容错认定日期"), null=True, blank=True)
    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords(verbose_name=_("档案记录修改记录"), verbose_name_plural=_("档案记录修改记录"))

    class Meta:
        verbose_name = _("红黄黑档案记录")
        verbose_name_plural = _("红黄黑档案记录")
        ordering = ["cycle", "date", "code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="unique_supervision_record_code")]
        indexes = [models.Index(fields=["cycle", "unit", "kind"]), models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.code} {self.kind} {self.unit.name if self.unit_id else ''}"

    @property
    def is_exempted(self) -> bool:
        return bool(self.exemption_reason) and self.exemption_date is not None

    @property
    def counts(self) -> bool:
        return self.status == RecordStatus.CONFIRMED and not self.is_exempted


class DailyRun(models.Model):
    """The daily job's claim of a date: one row per date, inserted in the transaction that does the work."""

    date = models.DateField(_("日期"), unique=True)
    host = models.CharField(_("执行机器"), max_length=200, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), auto_now_add=True)
    proposed = models.PositiveIntegerField(_("提出记录数"), default=0)
    notified = models.PositiveIntegerField(_("发送通知数"), default=0)

    class Meta:
        verbose_name = _("每日督查任务")
        verbose_name_plural = _("每日督查任务")
        ordering = ["-date"]

    def __str__(self):
        return str(self.date)
