"""Template helpers of the pages: grade and colour badges, the header's role labels and navigation."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from assessment import permissions
from assessment.models import CadreGrade, Colour, Outcome, UnitGrade
from assessment.scoring.decimals import CENT
from units import roles

register = template.Library()

_UNIT_GRADES = dict(UnitGrade.choices)
_CADRE_GRADES = dict(CadreGrade.choices)
_COLOURS = dict(Colour.choices)
_OUTCOMES = dict(Outcome.choices)


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
    links.extend(_supervision_links(user, has_other_links=bool(links) or user.is_staff))
    if user.is_staff:
        links.append({"key": "admin", "label": "管理后台", "url": reverse("admin:index")})
    return links


def _supervision_links(user, *, has_other_links: bool) -> list[dict]:
    """督查督办: the board for the readers of everything, the unit's page for its leader or liaison. 我负责的事项
    is in the menu of a login that is only a cadre's (no role); people with a role reach it from the 督查督办 pages,
    so that other pages do not pay the cadre look-up."""
    if permissions.can_view_supervision_board(user):
        return [{"key": "supervision", "label": "督查督办", "url": reverse("supervision:board")}]
    if permissions.supervision_unit_ids(user):
        return [{"key": "supervision", "label": "督查督办", "url": reverse("supervision:my_unit")}]
    if not has_other_links and permissions.is_cadre_user(user):
        return [{"key": "my_items", "label": "我负责的事项", "url": reverse("supervision:mine")}]
    return []


# The three big tables (a category's ranking, the indicator breakdown, 600 units of results) are rendered here in
# Python: the template language costs ~20 µs per variable, which is most of a city-scale page's time.


def _num(value) -> str:
    return d2(value)


@register.simple_tag
def ranking_rows(rows, link_units: bool, cycle_year: int, unit_url: str):
    out = []
    for row in rows:
        name = escape(row.name)
        if row.is_own:
            name += ' <span class="badge own-badge">本单位</span>'
        elif link_units:
            name = f'<a href="{unit_url}{row.unit_id}/?cycle={cycle_year}">{name}</a>'
        attrs = ' class="own" aria-current="true" data-testid="own-row"' if row.is_own else ""
        out.append(
            f'<tr{attrs}><td class="num">{row.rank}</td><td>{name}</td><td class="num">{_num(row.score)}</td>'
            f"<td>{grade_badge(row.grade)}</td><td>{colour_badge(row.colour)}</td></tr>"
        )
    return mark_safe("".join(out))  # every value above is escaped or a number


@register.simple_tag
def breakdown_rows(rows):
    out = []
    for r in rows:
        classes = f"depth-{r.depth} kind-{r.kind}" + (" exempted" if r.exempted else "")
        label = f'<span class="code">{escape(r.code)}</span> {escape(r.name)}'
        if r.exempted:
            label += f' <span class="badge exempt" title="{escape(r.exemption_reason)}">已容错</span>'
        if not r.is_leaf:
            entered = ""
        elif not r.has_entry:
            entered = '<span class="muted">未录入</span>'
        elif r.exempted:
            entered = f"<s>{escape(r.entered)}</s>"
        else:
            entered = escape(r.entered)
        if r.kind == "veto":
            points = f'<span class="badge colour-black">否决 {int(r.veto_count)} 项</span>' if r.veto_count else "—"
        else:
            points = _num(r.points)
        full = _num(r.full) if r.full is not None else "—"
        lost = "—" if r.kind in ("bonus", "veto") else _num(r.lost)
        lost_class = "num lost" if r.lost > 0 else "num"
        out.append(
            f'<tr class="{classes}"><td class="indent-{r.depth}">{label}</td><td>{escape(r.rule_label)}</td>'
            f'<td class="num">{entered}</td><td class="num">{points}</td><td class="num">{full}</td>'
            f'<td class="{lost_class}">{lost}</td></tr>'
        )
    return mark_safe("".join(out))  # every value above is escaped or a number


_LAST_PLACE = '<span class="badge flag">末位</span>'
_VETOED = '<span class="badge colour-black">否决</span>'


def _unit_link(r: dict, cycle_year: int, unit_url: str) -> str:
    return f'<a href="{unit_url}{r["unit_id"]}/?cycle={cycle_year}">{escape(r["name"])}</a>'


# The 考核结果 page's unit table, each column once: header, cell class, cell HTML from the row (a dict of
# `orgdept.UNIT_ROW_FIELDS`), the cycle year and the unit link prefix.
UNIT_RESULT_COLUMNS = (
    ("排名", "num", lambda r, y, u: str(r["rank"])),
    ("单位编码", "code", lambda r, y, u: escape(r["code"])),
    ("单位", "", _unit_link),
    ("综合得分", "num", lambda r, y, u: _num(r["score"])),
    ("等次", "", lambda r, y, u: grade_badge(r["grade"])),
    ("色标", "", lambda r, y, u: colour_badge(r["colour"])),
    ("末位", "", lambda r, y, u: _LAST_PLACE if r["last_place"] else ""),
    ("否决", "", lambda r, y, u: _VETOED if r["vetoed"] else ""),
    ("奖金系数", "num", lambda r, y, u: _num(r["coefficient"])),
    ("考核奖金（元）", "num", lambda r, y, u: _num(r["bonus_money"])),
)


def _class(css: str) -> str:
    return f' class="{css}"' if css else ""


@register.simple_tag
def unit_result_head():
    # A header cell takes only the column's number alignment (a code column's font is for its cells).
    cells = "".join(
        f"<th{_class('num' if css == 'num' else '')}>{header}</th>" for header, css, _cell in UNIT_RESULT_COLUMNS
    )
    return mark_safe(f"<tr>{cells}</tr>")  # constant headers


@register.simple_tag
def unit_result_rows(rows, cycle_year: int, unit_url: str):
    out = []
    for r in rows:
        cells = [f"<td{_class(css)}>{cell(r, cycle_year, unit_url)}</td>" for _h, css, cell in UNIT_RESULT_COLUMNS]
        out.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("".join(out))  # every value above is escaped or a number
