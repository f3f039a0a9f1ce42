from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UnitKind(models.TextChoices):
    TOWN = "town", _("街镇")
    DEPARTMENT = "department", _("部门")


class Category(models.Model):
    """A 考核类别: a group of units ranked together and given their own indicator points."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核类别")
        verbose_name_plural = _("考核类别")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Unit(models.Model):
    """A 单位 assessed every year: a town/street (街镇) or a department (部门) in one category."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=16, choices=UnitKind.choices, default=UnitKind.DEPARTMENT)
    category = models.ForeignKey(Category, verbose_name=_("考核类别"), on_delete=models.PROTECT, related_name="units")
    headcount = models.PositiveIntegerField(_("编制人数"), default=0)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级单位"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class MembershipRole(models.TextChoices):
    LEADER = "leader", _("单位领导")
    SCORER = "scorer", _("牵头单位评分员")
    LIAISON = "liaison", _("单位联络员")


class Membership(models.Model):
    """Links a user to the unit they act for: as its leader, or as a scorer of the indicators it leads."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("角色"), max_length=16, choices=MembershipRole.choices)

    class Meta:
        verbose_name = _("单位成员")
        verbose_name_plural = _("单位成员")
        constraints = [models.UniqueConstraint(fields=["user", "unit", "role"], name="unique_membership")]

    def __str__(self):
        return f"{self.user} · {self.unit} · {self.get_role_display()}"
