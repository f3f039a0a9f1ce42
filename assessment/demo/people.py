"""The demo district's cadres: invented names from fixed character lists and a seeded random generator.

Every unit has a 领导班子 (team members) and other staff with realistic post titles; the posts a team is
made of decide who can be the responsible leader of a unit target (一个项目一名领导).
"""

import random
from dataclasses import dataclass

from assessment.demo.district import UNITS, UnitSpec

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈"
    "钟姜崔谭陆范汪廖石金韦贾夏方邹熊白孟秦邱侯江尹薛段雷黎史陶贺毛郝顾龚邵万武钱戴严莫孔向常汤康易乔赖文"
)
GIVEN = (
    "建国华明志强伟军勇海涛斌杰峰磊超鹏辉刚平林红英芳丽娟敏静燕霞玲秀兰梅萍洁琳慧婷雪颖晓春晨宇浩然博文思远"
    "立新卫东振宏家安庆永德正光荣栋玉桂云龙凤鸣秋月松柏青山清波冬梅晴川泽润达成嘉欣佳怡子航一帆俊凯"
)


@dataclass(frozen=True)
class CadreSpec:
    """One row of the 干部 sheet; `role` is the demo's own tag for the post (who leads which targets)."""

    code: str
    name: str
    unit: str
    post: str
    team_member: bool
    role: str


class NameMaker:
    """Unique two- or three-character names, reproducible for a given seed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def __call__(self) -> str:
        while True:
            given = self.rng.choice(GIVEN)
            if self.rng.random() < 0.7:
                given += self.rng.choice(GIVEN)
            name = self.rng.choice(SURNAMES) + given
            if name not in self.used and len(set(given)) == len(given):
                self.used.add(name)
                return name


_TOWN_STAFF = (
    "党政办公室主任",
    "经济发展办公室主任",
    "社会事务办公室主任",
    "党建工作办公室主任",
    "综合行政执法队队长",
    "财政所所长",
    "规划建设办公室主任",
    "应急管理办公室主任",
    "便民服务中心主任",
    "党政办公室副主任",
    "经济发展办公室副主任",
    "社会事务办公室副主任",
)
_DEPT_STAFF = (
    "办公室主任",
    "综合业务科科长",
    "政策法规科科长",
    "计划财务科科长",
    "人事科科长",
    "办公室副主任",
    "综合业务科副科长",
    "一级主任科员",
    "二级主任科员",
    "四级主任科员",
)


def _department_titles(name: str) -> tuple[str, str]:
    """(head post, deputy post) from how the unit is named."""
    if name.endswith("局"):
        return "党组书记、局长", "副局长"
    if name.endswith("委员会") and "政法" not in name:
        return "党组书记、主任", "副主任"
    if name.endswith(("办公室", "中心")):
        return "主任", "副主任"
    if name.endswith("部"):
        return "部长", "副部长"
    if name.endswith("馆"):
        return "馆长", "副馆长"
    if name.endswith(("联合会", "总工会", "红十字会", "协会")):
        return "党组书记、主席", "副主席"
    return "书记", "副书记"


def _town_team(unit: UnitSpec, deputies: int) -> list[tuple[str, str]]:
    street = unit.name.endswith("街道")
    party = "党工委" if street else "党委"
    head = "党工委副书记、办事处主任" if street else "党委副书记、镇长"
    deputy = "办事处副主任" if street else "副镇长"
    team = [(f"{party}书记", "secretary"), (head, "head")]
    team += [(deputy, "deputy")] * deputies
    team += [
        (f"{party}副书记", "deputy"),
        ("人大工委主任" if street else "人大主席", "deputy"),
        (f"{party}委员、宣传委员", "deputy"),
        (f"{party}委员、组织委员", "deputy"),
        (f"{party}委员、武装部长", "deputy"),
        ("纪工委书记" if street else "纪委书记", "discipline"),
    ]
    return team


def _department_team(unit: UnitSpec, deputies: int) -> list[tuple[str, str]]:
    head, deputy = _department_titles(unit.name)
    team = [(head, "head")] + [(deputy, "deputy")] * deputies
    if unit.headcount >= 25:
        team.append(("纪检监察组组长", "discipline"))
    return team


def cadres_build(rng: random.Random) -> list[CadreSpec]:
    """About 600 cadres: towns of 16–18, departments of 6–10."""
    names = NameMaker(rng)
    cadres: list[CadreSpec] = []
    for unit in UNITS:
        if unit.is_town:
            team = _town_team(unit, deputies=rng.randint(2, 3))
            staff = list(_TOWN_STAFF[: rng.randint(6, 8)])
        else:
            team = _department_team(unit, deputies=2 if unit.headcount < 20 else rng.randint(2, 3))
            staff = list(_DEPT_STAFF[: rng.randint(3, 5) if unit.headcount >= 20 else 3])
        posts = [(post, True, role) for post, role in team] + [(post, False, "staff") for post in staff]
        for n, (post, team_member, role) in enumerate(posts, start=1):
            cadres.append(CadreSpec(f"{unit.code}-{n:02d}", names(), unit.code, post, team_member, role))
    return cadres


def target_leaders(cadres: list[CadreSpec], unit: str) -> list[CadreSpec]:
    """Who may lead a unit target, in the order targets are handed out (the head first, then deputies)."""
    mine = [c for c in cadres if c.unit == unit]
    return [c for c in mine if c.role == "head"] + [c for c in mine if c.role == "deputy"]
