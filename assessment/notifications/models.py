"""The inbox (one Notification per person and event) and each person's e-mail preference."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.notifications.events import Event


class Notification(models.Model):
    """A message to one person about one event. `key` names the event occurrence: (recipient, key) is unique, so
    the same occurrence never reaches a person twice, whoever reports it and however often."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("接收人"), on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("事件"), max_length=32, choices=Event.choices)
    key = models.CharField(_("事件标识"), max_length=200)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=500, blank=True)
    created = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("邮件发送时间"), null=True, blank=True)
    # The notify() call that inserted the row: concurrent calls insert with ON CONFLICT DO NOTHING and then read
    # back their own rows, so each knows exactly which people it reached (and only it e-mails them).
    batch = models.UUIDField(_("发送批次"), editable=False)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title


class NotificationPreference(models.Model):
    """Whether a person gets e-mail besides the inbox. No row means e-mail on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("接收邮件通知"), default=True)

    class Meta:
        verbose_name = _("通知设置")
        verbose_name_plural = _("通知设置")

    def __str__(self):
        return f"{self.user} · {'接收邮件' if self.email_enabled else '不接收邮件'}"
