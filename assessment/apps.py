from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("考核评分")

    def ready(self):
        # Every process (web, worker, command) registers the recompute tasks: the queue sends them by name, and a
        # registered task runs eagerly where there is no broker instead of being sent to none.
        from assessment.recompute import tasks  # noqa: F401
