"""Template helpers of the pages: grade and colour badges, the header's role labels and navigation."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from assessment import permissions
from assessment.models import CadreGrade, Colour, Outcome, UnitGrade
from units import roles

register = template.Library()

_UNIT_GRADES = dict(UnitGrade.choices)
_CADRE_GRADES = dict(CadreGrade.choices)
_COLOURS = dict(Colour.choices)
_OUTCOMES = dict(Outcome.choices)


CENT = Decimal("0.01")


def _badges(labels: dict, css: str) -> dict:
    # Built once: a page of 600 units renders 1,200 badges and format_html per cell is measurable there.
    html = '<span class="badge {} {}-{}">{}</span>'
    return {code: format_html(html, css, css, code, label) for code, label in labels.items()}


_UNIT_BADGES = _badges(_UNIT_GRADES, "grade")
_CADRE_BADGES = _badges(_CADRE_GRADES, "grade")
_COLOUR_BADGES = _badges({k: v for k, v in _COLOURS.items() if k}, "colour")


@register.filter
def d2(value) -> str:
    """A score with two decimals, half up (SCORING.md §2); much cheaper than floatformat on big tables."""
    if value is None or value == "":
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        text = format(number.quantize(CENT, rounding=ROUND_HALF_UP), "f")
    except (InvalidOperation, ValueError):
        return ""
    return "0.00" if text == "-0.00" else text


@register.filter
def grade_badge(grade: str, kind: str = "unit"):
    if not grade:
        return ""
    badges = _CADRE_BADGES if kind == "cadre" else _UNIT_BADGES
    return badges.get(grade) or format_html('<span class="badge grade">{}</span>', grade)


@register.filter
def colour_badge(colour: str):
    """红/黄/黑 as a coloured badge; no colour shows nothing."""
    if not colour:
        return ""
    return _COLOUR_BADGES.get(colour) or format_html('<span class="badge colour">{}</span>', colour)


@register.filter
def outcome_label(code: str) -> str:
    return str(_OUTCOMES.get(code, code))


def url_or_none(name: str, *args) -> str | None:
    """Links to pages other engineers own: absent until they exist, never a crash."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


@register.simple_tag
def role_labels(user) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    names = [r for r in roles.ALL_ROLES if roles.user_has_role(user, r)]
    if not names and user.is_superuser:
        names = ["系统管理员"]
    return " · ".join(names)


@register.simple_tag
def nav_links(user) -> list[dict]:
    """The header menu: only the pages this person may open."""
    if not getattr(user, "is_authenticated", False):
        return []
    links = []
    if permissions.led_unit_ids(user):
        links.append({"key": "ranking", "label": "本单位排名", "url": reverse("pages:ranking")})
        appeals = url_or_none("workflow:appeals")
        if appeals:
            links.append({"key": "appeals", "label": "申诉", "url": appeals})
    if permissions.can_view_office_dashboard(user):
        links.append({"key": "dashboard", "label": "工作台", "url": reverse("pages:dashboard")})
    if permissions.can_view_all_results(user):
        links.append({"key": "results", "label": "考核结果", "url": reverse("pages:results")})
    if user.is_staff:
        links.append({"key": "admin", "label": "管理后台", "url": reverse("admin:index")})
    return links
