"""`manage.py recompute --cycle 2025`: recompute one cycle now and print what was written (in Chinese).

Without --cycle it runs the stale-cycle sweep, as the periodic task does.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from assessment.common.errors import CycleLockedError
from assessment.common.gc_pause import gc_paused
from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute, stale_cycles_recompute
from targets.models import Cycle


class Command(BaseCommand):
    help = "重算考核年度的全部结果（单位、期间、干部、目标分解率）"

    def add_arguments(self, parser):
        parser.add_argument("--cycle", type=int, help="考核年度，如 2025；不填则重算所有待更新的年度")
        parser.add_argument("--force", action="store_true", help="结果已是最新时也重算")

    @gc_paused()  # a batch job: see assessment.common.gc_pause
    def handle(self, *args, cycle=None, force=False, **options):
        if cycle is None:
            done = stale_cycles_recompute()
            if not done:
                self.stdout.write(_("没有待重算的年度"))
                return
            years = Cycle.objects.filter(pk__in=done).order_by("year").values_list("year", flat=True)
            years = "、".join(map(str, years))
            self.stdout.write(_("已重算 %(n)d 个年度：%(years)s") % {"n": len(done), "years": years})
            return
        found = Cycle.objects.filter(year=cycle).first()
        if found is None:
            raise CommandError(_("没有 %(year)s 年度的考核") % {"year": cycle})
        try:
            state = cycle_recompute(cycle_id=found.id, force=force)
        except CycleLockedError as exc:  # the service refuses a final cycle, whoever asks
            self.stdout.write(exc.messages[0])
            return
        except Exception as exc:
            raise CommandError(_("重算失败：%(error)s") % {"error": exc}) from exc
        counts = {
            # All of the cycle's rows: they are as of state.computed_version (a row's own stamp says when it changed).
            model: model.objects.filter(cycle=found).count()
            for model in (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)
        }
        self.stdout.write(
            _("%(cycle)s：结果对应输入版本 %(version)d（当前输入版本 %(input)d）")
            % {"cycle": found, "version": state.computed_version, "input": state.input_version}
        )
        self.stdout.write(
            _("单位结果 %(u)d 条，期间结果 %(p)d 条，干部结果 %(c)d 条，目标分解率 %(d)d 条")
            % {
                "u": counts[UnitResult],
                "p": counts[UnitPeriodResult],
                "c": counts[CadreResult],
                "d": counts[DecompositionResult],
            }
        )
        if state.duration_ms is not None:
            self.stdout.write(
                _("耗时 %(ms)d 毫秒，计算于 %(at)s")
                % {"ms": state.duration_ms, "at": state.computed_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")}
            )
