"""The events a notification is about: one code each, with the label the inbox and the admin show."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    REPORT_DUE = "report_due", _("月度进展报告即将到期")
    MISSING_REPORT = "missing_report", _("缺报")
    REPORT_RETURNED = "report_returned", _("进展报告被退回")
    MILESTONE_OVERDUE = "milestone_overdue", _("节点逾期")
    RECORD_PROPOSED = "record_proposed", _("档案记录待确认")
    RECORD_CONFIRMED = "record_confirmed", _("档案记录已确认")
    APPEAL_ANSWERED = "appeal_answered", _("申诉已答复")
    PUBLICITY_OPENED = "publicity_opened", _("考核结果公示")
    APPEAL_DEADLINE = "appeal_deadline", _("申诉即将截止")
