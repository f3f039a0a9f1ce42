"""The header's message link with the unread count (one query per page; none extra on the inbox, which has it)."""

from django import template

from assessment.notifications.selectors import Inbox, unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context, user) -> int:
    inbox = context.get("inbox")
    if isinstance(inbox, Inbox):
        return inbox.unread
    return unread_count(user)
