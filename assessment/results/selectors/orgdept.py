"""The organisation department's pages: every unit's result, cadre results, leadership teams, outcome lists.

Filters are applied in the database; each page costs the same queries for 6 units and for 600.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from assessment.models import CadreGrade, CadreResult, Colour, Outcome, UnitGrade, UnitResult
from targets.models import Cycle
from units.models import Category

CADRES_PER_PAGE = 100


@dataclass(frozen=True)
class ResultFilters:
    """What a person asked for in the query string; anything unknown is ignored rather than an error."""

    category: str = ""
    grade: str = ""
    colour: str = ""
    q: str = ""
    recall: bool = False
    team: bool = False

    @classmethod
    def from_query(cls, params, *, grades) -> ResultFilters:
        grade = params.get("grade", "")
        colour = params.get("colour", "")
        return cls(
            category=params.get("category", "")[:32],
            grade=grade if grade in dict(grades) else "",
            colour=colour if colour in {c for c, _ in Colour.choices if c} else "",
            q=params.get("q", "").strip()[:50],
            recall=params.get("recall") == "1",
            team=params.get("team") == "1",
        )


@dataclass
class CategoryBlock:
    code: str
    name: str
    results: list[dict] = field(default_factory=list)


def categories() -> list[Category]:
    return list(Category.objects.order_by("code"))


def _unit_results(*, cycle: Cycle) -> QuerySet:
    return UnitResult.objects.filter(cycle=cycle).select_related("unit", "category")


UNIT_ROW_FIELDS = {
    "unit_id": "unit_id",
    "code": "unit__code",
    "name": "unit__name",
    "category_code": "category__code",
    "category_name": "category__name",
    "rank": "rank",
    "score": "score",
    "grade": "grade",
    "colour": "colour",
    "last_place": "last_place",
    "vetoed": "vetoed",
    "coefficient": "coefficient",
    "bonus_money": "bonus_money",
}


def unit_results(*, cycle: Cycle, filters: ResultFilters) -> list[CategoryBlock]:
    """Unit results grouped by category, in ranking order. One query.

    Plain rows rather than model instances: a city's 600 units are rendered on one page, and building three
    model objects per row costs more than the query.
    """
    qs = UnitResult.objects.filter(cycle=cycle)
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.grade:
        qs = qs.filter(grade=filters.grade)
    if filters.colour:
        qs = qs.filter(colour=filters.colour)
    if filters.q:
        qs = qs.filter(Q(unit__name__icontains=filters.q) | Q(unit__code__icontains=filters.q))
    keys = list(UNIT_ROW_FIELDS)
    blocks: dict[str, CategoryBlock] = {}
    for values in qs.order_by("category__code", "rank", "unit__code").values_list(*UNIT_ROW_FIELDS.values()):
        row = dict(zip(keys, values, strict=True))
        block = blocks.get(row["category_code"])
        if block is None:
            block = blocks[row["category_code"]] = CategoryBlock(row["category_code"], row["category_name"])
        block.results.append(row)
    return list(blocks.values())


def cadre_results(*, cycle: Cycle, filters: ResultFilters, page_number: object = 1) -> Page:
    """Cadre results, filtered and paginated (a city has thousands of cadres). Two queries."""
    qs = CadreResult.objects.filter(cycle=cycle).select_related("cadre", "unit", "unit__category")
    if filters.category:
        qs = qs.filter(unit__category__code=filters.category)
    if filters.grade:
        qs = qs.filter(grade=filters.grade)
    if filters.recall:
        qs = qs.filter(recall=True)
    if filters.team:
        qs = qs.filter(team_member=True)
    if filters.q:
        qs = qs.filter(
            Q(cadre__name__icontains=filters.q)
            | Q(cadre__code__icontains=filters.q)
            | Q(unit__name__icontains=filters.q)
        )
    qs = qs.order_by("unit__category__code", "unit__code", "rank", "cadre__code")
    return Paginator(qs, CADRES_PER_PAGE).get_page(page_number)


@dataclass
class Team:
    result: UnitResult
    members: list[CadreResult] = field(default_factory=list)


def leadership_teams(*, cycle: Cycle, filters: ResultFilters) -> list[Team]:
    """Each unit's 领导班子 with the team's grade (the unit's grade, SCORING.md §10). Two queries."""
    qs = _unit_results(cycle=cycle)
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.grade:
        qs = qs.filter(grade=filters.grade)
    if filters.q:
        qs = qs.filter(Q(unit__name__icontains=filters.q) | Q(unit__code__icontains=filters.q))
    teams = {r.unit_id: Team(r) for r in qs.order_by("category__code", "rank", "unit__code")}
    members = CadreResult.objects.filter(cycle=cycle, team_member=True, unit_id__in=list(teams)).select_related("cadre")
    for m in members.order_by("rank", "cadre__code"):
        teams[m.unit_id].members.append(m)
    return list(teams.values())


@dataclass
class OutcomeLists:
    commend: list[UnitResult] = field(default_factory=list)
    talk: list[UnitResult] = field(default_factory=list)
    criticise: list[UnitResult] = field(default_factory=list)
    veto: list[UnitResult] = field(default_factory=list)
    recall: list[CadreResult] = field(default_factory=list)

    def sections(self):
        labels = dict(Outcome.choices)
        return [
            (code, labels[code], getattr(self, code))
            for code in (Outcome.COMMEND, Outcome.TALK, Outcome.CRITICISE, Outcome.VETO)
        ]


def outcome_lists(*, cycle: Cycle) -> OutcomeLists:
    """通报表扬, 约谈, 通报批评, 一票否决 (units) and 召回管理 (cadres). Two queries.

    Outcomes are a JSON list on the result row; splitting them in Python keeps this portable across databases.
    """
    lists = OutcomeLists()
    for r in _unit_results(cycle=cycle).order_by("category__code", "rank", "unit__code"):
        for outcome in r.outcomes or ():
            bucket = getattr(lists, outcome, None)
            if isinstance(bucket, list):
                bucket.append(r)
    lists.recall = list(
        CadreResult.objects.filter(cycle=cycle, recall=True)
        .select_related("cadre", "unit")
        .order_by("unit__code", "rank", "cadre__code")
    )
    return lists


UNIT_GRADES = UnitGrade.choices
CADRE_GRADES = CadreGrade.choices
