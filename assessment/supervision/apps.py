from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "assessment.supervision"
    label = "supervision"
    verbose_name = _("督查督办")

    def ready(self):
        # Every process (web, worker, command) registers the daily job's task, like the recompute tasks.
        from assessment.supervision import tasks  # noqa: F401
