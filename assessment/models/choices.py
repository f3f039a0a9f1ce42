"""Choice values shared by results, the engine (same strings) and the workbooks (Chinese labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class Colour(models.TextChoices):
    NONE = "", _("无")
    RED = "red", _("红")
    YELLOW = "yellow", _("黄")
    BLACK = "black", _("黑")


class CadreGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    COMPETENT = "competent", _("称职")
    BASIC = "basic", _("基本称职")
    INCOMPETENT = "incompetent", _("不称职")


class Outcome(models.TextChoices):
    COMMEND = "commend", _("通报表扬")
    TALK = "talk", _("约谈")
    CRITICISE = "criticise", _("通报批评")
    VETO = "veto", _("一票否决")


class AppealStatus(models.TextChoices):
    PENDING = "pending", _("待处理")
    ACCEPTED = "accepted", _("已采纳")
    REJECTED = "rejected", _("已驳回")
