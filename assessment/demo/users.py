"""Demo users, one per role of DESIGN.md, with deterministic passwords that are printed after seeding.

Staff roles work in the admin (`is_staff`); the unit leader uses the pages only. Running this again resets
the same users to the same state, so the printed logins always work.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from cadres.models import Cadre
from units import roles
from units.models import Membership, MembershipRole, Unit


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    full_name: str
    is_staff: bool
    unit: str = ""  # unit code of the membership, if any
    membership: str = ""  # MembershipRole value
    opens: str = "/admin/"
    note: str = ""


SCORER_UNIT = "J01"  # 区发展和改革局, which leads many indicators
LEADER_UNIT = "Z01"  # 东湖街道
LEADER_CADRE = "Z01-01"  # its 党工委书记

DEMO_LOGINS = (
    DemoLogin(
        "office",
        "Kaohe-office-2025",
        roles.OFFICE,
        "考核办 周明",
        True,
        note="维护方案、录入与更正评分、开关考核期、公示与申诉、容错认定",
    ),
    DemoLogin(
        "scorer_fgj",
        "Kaohe-scorer-2025",
        roles.SCORER,
        "区发改局 评分员 林晓",
        True,
        unit=SCORER_UNIT,
        membership=MembershipRole.SCORER,
        note="只为区发展和改革局牵头的指标评分",
    ),
    DemoLogin(
        "leader_dhj",
        "Kaohe-leader-2025",
        roles.LEADER,
        "",
        False,
        unit=LEADER_UNIT,
        membership=MembershipRole.LEADER,
        opens="/",
        note="查看东湖街道的排名、得分明细与差距，公示期提出申诉",
    ),
    DemoLogin(
        "liaison_dhj",
        "Kaohe-liaison-2025",
        roles.LIAISON,
        "东湖街道 联络员 陈静",
        False,
        unit=LEADER_UNIT,
        membership=MembershipRole.LIAISON,
        opens="/",
        note="报送东湖街道督办事项的月度进展（附佐证材料），查看退回意见和本单位红黄黑档案",
    ),
    DemoLogin(
        "orgdept",
        "Kaohe-orgdept-2025",
        roles.ORG_DEPT,
        "区委组织部 干部科",
        True,
        note="查看全部单位和干部结果，导出结果表",
    ),
    DemoLogin(
        "auditor", "Kaohe-audit-2025", roles.AUDITOR, "区纪委监委 审计员", True, note="只读，含每条评分的完整修改记录"
    ),
)


def demo_email(username: str) -> str:
    """A fictional address under the reserved `.example` domain: mail to it can never reach anyone."""
    return f"{username}@shifanqu.example"


def _groups_ensure() -> dict[str, Group]:
    try:
        from units.services import roles_sync
    except ImportError:  # groups without permissions are better than none; setup_roles fills them in
        pass
    else:
        roles_sync()
    return {name: Group.objects.get_or_create(name=name)[0] for name in roles.ALL_ROLES}


@transaction.atomic
def demo_users_ensure() -> list[DemoLogin]:
    """Create (or reset) the demo users in their groups, memberships and the leader's cadre link."""
    groups = _groups_ensure()
    User = get_user_model()
    for login in DEMO_LOGINS:
        user, _ = User.objects.get_or_create(username=login.username)
        user.first_name = login.full_name
        if login.membership == MembershipRole.LEADER:
            cadre = Cadre.objects.get(code=LEADER_CADRE)
            user.first_name = f"{cadre.name}（{Unit.objects.get(code=login.unit).name}{cadre.post}）"
        user.email = demo_email(login.username)  # notifications are e-mailed too (console backend by default)
        user.is_staff = login.is_staff
        user.is_superuser = False
        user.is_active = True
        if not user.check_password(login.password):
            user.set_password(login.password)
        user.save()
        user.groups.set([groups[login.role]])
        if login.unit:
            unit = Unit.objects.get(code=login.unit)
            Membership.objects.get_or_create(user=user, unit=unit, role=login.membership)
        if login.membership == MembershipRole.LEADER:
            if cadre.user_id != user.id:
                Cadre.objects.filter(user=user).exclude(pk=cadre.pk).update(user=None)
                cadre.user = user
                cadre._change_reason = "示范数据：单位领导登录账号"
                cadre.save(update_fields=["user"])
    return list(DEMO_LOGINS)
