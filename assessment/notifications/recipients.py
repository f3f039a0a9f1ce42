"""Who hears about what concerns a unit: its leaders and liaisons (单位联络员, where that role exists).

The supervision subsystem calls these for its events (and adds an item's responsible leader's user itself,
where linked). A role that should also hear about its unit goes into `CONTACT_ROLES`.
"""

from django.contrib.auth import get_user_model

from targets.models import IndicatorPoints
from units.models import Membership, MembershipRole, Unit

# The membership roles that speak for a unit. 单位联络员 joins when the role exists (added with supervision).
CONTACT_ROLES = tuple(
    role for role in (MembershipRole.LEADER, getattr(MembershipRole, "LIAISON", None)) if role is not None
)


def unit_contacts(unit) -> list:
    """The active users who are a leader or liaison of `unit`, ordered by username (one query)."""
    return units_contacts(unit_ids=[getattr(unit, "pk", unit)])


def units_contacts(*, unit_ids) -> list:
    """The active users who are a leader or liaison of any of `unit_ids` (ids or a subquery), each once (one query)."""
    user_ids = Membership.objects.filter(unit_id__in=unit_ids, role__in=CONTACT_ROLES).values("user_id")
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("username"))


def cycle_unit_ids(cycle):
    """The units assessed in `cycle` as a subquery: those of every category with points in it (as the recompute
    loads them)."""
    assessed = IndicatorPoints.objects.filter(indicator__cycle_id=cycle.pk).values("category_id")
    return Unit.objects.filter(category_id__in=assessed).values("id")


def cycle_contacts(cycle) -> list:
    """The leaders and liaisons of every unit assessed in `cycle`."""
    return units_contacts(unit_ids=cycle_unit_ids(cycle))
