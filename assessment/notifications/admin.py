"""Read-only list of every notification for the office and the auditor: who was told what, when, and whether the
e-mail went out. Notifications are written by `notify` only; nothing here adds, changes or deletes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from assessment import permissions
from assessment.common.admin_base import KaoheAdmin, ReadOnlyAdminMixin
from assessment.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, KaoheAdmin):
    list_display = ("created", "recipient_name", "event", "title", "read_at", "emailed_at")
    list_display_links = ("title",)
    list_filter = ("event", ("read_at", admin.EmptyFieldListFilter), ("emailed_at", admin.EmptyFieldListFilter))
    search_fields = ("title", "key", "recipient__username", "recipient__first_name", "recipient__last_name")
    list_select_related = ("recipient",)
    date_hierarchy = "created"
    fields = ("recipient", "event", "key", "title", "body", "url", "created", "read_at", "emailed_at")
    readonly_fields = fields
    actions = None

    def has_view_permission(self, request, obj=None):
        return permissions.can_view_all_notifications(request.user) and super().has_view_permission(request, obj)

    def has_module_permission(self, request):
        return permissions.can_view_all_notifications(request.user) and super().has_module_permission(request)

    @admin.display(description=_("接收人"), ordering="recipient__username")
    def recipient_name(self, obj):
        return obj.recipient.get_full_name() or obj.recipient.username
