from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "assessment.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Registered in every process, like the recompute tasks, so beat's entry runs wherever a worker is.
        from assessment.notifications import tasks  # noqa: F401
