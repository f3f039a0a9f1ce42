"""The header's message link with the unread count (one query per page)."""

from django import template

from assessment.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    return unread_count(user)
