"""The inbox: a person's own notifications, marking them read, and the e-mail preference. Thin: selectors and
services do the work; a notification of anyone else is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from assessment.notifications import selectors, services
from assessment.notifications.events import Event
from assessment.notifications.forms import PreferenceForm

EVENT_LABELS = dict(Event.choices)


@login_required
@require_GET
def inbox(request):
    only_unread = request.GET.get("unread") == "1"
    data = selectors.inbox(request.user, page_number=request.GET.get("page") or 1, only_unread=only_unread)
    rows = [(n, EVENT_LABELS.get(n.event, "")) for n in data.page.object_list]
    return render(
        request,
        "pages/notifications.html",
        {"inbox": data, "rows": rows, "only_unread": only_unread, "nav": "notifications"},
    )


@login_required
@require_POST
def mark_read(request, notification_id: int):
    if not services.notification_mark_read(user=request.user, notification_id=notification_id):
        raise Http404
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return redirect(target)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request):
    count = services.notifications_mark_all_read(user=request.user)
    messages.success(request, f"已将 {count} 条消息标为已读" if count else "没有未读消息")
    return redirect("notifications:inbox")


@login_required
@require_POST
def preference(request):
    form = PreferenceForm(request.POST)
    form.is_valid()  # a single optional checkbox: always valid
    enabled = form.cleaned_data.get("email_enabled", False)
    services.notification_preference_set(user=request.user, email_enabled=enabled)
    messages.success(request, "已开启邮件通知" if enabled else "已关闭邮件通知，消息仍会在本页显示")
    return redirect("notifications:inbox")
