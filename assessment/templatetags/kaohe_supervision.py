"""Template helpers of the 督查督办 pages: the status light and the 红/黄/黑 record badge."""

from django import template
from django.utils.html import format_html

register = template.Library()

# The page's status keys (assessment.results.selectors.supervision.LIGHTS) and their words (SUPERVISION.md §2).
LIGHT_LABELS = {
    "overdue": "超期",
    "behind": "滞后",
    "due_soon": "临期",
    "on_track": "正常",
    "done": "已办结",
}
_LIGHTS = {
    key: format_html('<span class="light light-{}">{}</span>', key, label) for key, label in LIGHT_LABELS.items()
}
_KINDS = {kind: format_html('<span class="record-kind record-{}">{}</span>', kind, kind) for kind in "红黄黑"}


@register.filter
def light(status: str):
    """超期 red, 滞后 yellow, 临期 blue, 正常 green, 已办结 grey; anything else shows nothing."""
    return _LIGHTS.get(status, "")


@register.filter
def record_kind(kind: str):
    return _KINDS.get(kind, "")


_REPORT_STATUS = {
    "pending": format_html('<span class="badge appeal-pending">{}</span>', "待审核"),
    "approved": format_html('<span class="badge appeal-accepted">{}</span>', "已通过"),
    "returned": format_html('<span class="badge pill-danger">{}</span>', "已退回"),
}
_RECORD_STATUS = {
    "proposed": format_html('<span class="badge appeal-pending">{}</span>', "待确认"),
    "confirmed": format_html('<span class="badge appeal-accepted">{}</span>', "已确认"),
    "dismissed": format_html('<span class="badge appeal-rejected">{}</span>', "已撤销"),
}


@register.filter
def report_status(status: str):
    return _REPORT_STATUS.get(status, "")


@register.filter
def record_status(status: str):
    return _RECORD_STATUS.get(status, "")
