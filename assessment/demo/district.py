"""Static definitions of the fictional 示范区: categories, units, the indicator tree and the plan settings.

The indicator tree covers every leaf rule of SCORING.md §3 with different points per category; each
category's base leaves add up to 100 points over the year. `gen` names how demo values are generated for a
leaf (see `values.py`); `measure` is the unit the value is stated in (for the workbook's 名称 column).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from assessment.scoring.rules import BASE, rules_of_kind

D = Decimal

SETTINGS: tuple[tuple[str, str], ...] = (
    ("期间", "Q1:0.1,Q2:0.1,Q3:0.1,Y:0.7"),
    ("优秀比例", "0.3"),
    ("优秀分数线", "90"),
    ("良好分数线", "80"),
    ("合格分数线", "60"),
    ("加分上限", "5"),
    ("末位数", "1"),
    ("奖金基数", "10000"),
    ("奖金系数", "优秀:1.2,良好:1.0,合格:0.8,不合格:0"),
    ("干部权重", "单位:0.4,目标:0.4,测评:0.2"),
    ("干部优秀比例", "优秀:0.2,良好:0.15,合格:0.1,不合格:0"),
    ("干部分数线", "优秀:85,称职:70,基本称职:60"),
)
PERIODS: tuple[str, ...] = ("Q1", "Q2", "Q3", "Y")
CYCLE_NAME = "{year}年度示范区目标责任制考核"


@dataclass(frozen=True)
class CategorySpec:
    code: str
    name: str


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    category: str
    headcount: int

    @property
    def is_town(self) -> bool:
        return self.category == "ZJ"


CATEGORIES = (
    CategorySpec("ZJ", "镇街"),
    CategorySpec("JJ", "经济部门"),
    CategorySpec("ZH", "综合管理部门"),
    CategorySpec("SH", "社会事业部门"),
)

_TOWNS = (
    "东湖街道 68",
    "西城街道 61",
    "南苑街道 55",
    "北塘街道 52",
    "青山镇 74",
    "白沙镇 66",
    "柳河镇 58",
    "石桥镇 63",
    "梅岭镇 49",
    "松林镇 57",
    "龙泉镇 71",
    "金桥镇 60",
    "桃源镇 46",
    "云溪镇 44",
)
_ECONOMIC = (
    "区发展和改革局 42",
    "区财政局 48",
    "区商务局 31",
    "区工业和信息化局 35",
    "区科学技术局 24",
    "区农业农村局 46",
    "区住房和城乡建设局 52",
    "区交通运输局 38",
    "区自然资源局 44",
    "区文化和旅游局 29",
    "区市场监督管理局 86",
    "区统计局 22",
    "区投资促进局 26",
    "区水务局 33",
    "区国有资产监督管理办公室 18",
)
_GENERAL = (
    "区委办公室 36",
    "区政府办公室 40",
    "区委组织部 32",
    "区委宣传部 25",
    "区委政法委员会 21",
    "区人力资源和社会保障局 47",
    "区司法局 39",
    "区审计局 28",
    "区应急管理局 34",
    "区生态环境局 37",
    "区城市管理局 58",
    "区信访局 19",
    "区行政审批局 45",
    "区纪委监委机关 41",
    "区退役军人事务局 20",
)
_SOCIAL = (
    "区教育局 54",
    "区卫生健康委员会 50",
    "区民政局 33",
    "区医疗保障局 27",
    "区体育局 16",
    "区总工会 15",
    "团区委 12",
    "区妇女联合会 12",
    "区残疾人联合会 14",
    "区科学技术协会 11",
    "区文学艺术界联合会 10",
    "区红十字会 10",
    "区档案馆 18",
    "区融媒体中心 30",
    "区图书馆 18",
)


def _units(prefix: str, category: str, rows: tuple[str, ...]) -> tuple[UnitSpec, ...]:
    out = []
    for n, row in enumerate(rows, start=1):
        name, headcount = row.split()
        out.append(UnitSpec(f"{prefix}{n:02d}", name, category, int(headcount)))
    return tuple(out)


UNITS: tuple[UnitSpec, ...] = (
    _units("Z", "ZJ", _TOWNS) + _units("J", "JJ", _ECONOMIC) + _units("G", "ZH", _GENERAL) + _units("S", "SH", _SOCIAL)
)
UNIT_BY_CODE = {u.code: u for u in UNITS}
UNIT_BY_NAME = {u.name: u for u in UNITS}


@dataclass(frozen=True)
class IndicatorSpec:
    """One row of the 指标 sheet; `rule` empty for a 一级/二级 parent."""

    code: str
    name: str
    parent: str = ""
    rule: str = ""
    params: dict = field(default_factory=dict)
    periods: tuple[str, ...] = ()
    lead: str = ""
    additive: bool = False
    points: dict[str, Decimal] = field(default_factory=dict)
    measure: str = ""
    gen: str = ""

    @property
    def is_leaf(self) -> bool:
        return bool(self.rule)

    def scored_in(self, period: str) -> bool:
        return not self.periods or period in self.periods


def _pts(text: str) -> dict[str, Decimal]:
    return {k: D(v) for k, v in (item.split(":") for item in text.split(","))} if text else {}


def _leaf(code, name, rule, points, lead, gen, *, params=None, periods="", additive=False, measure=""):
    return IndicatorSpec(
        code=code,
        name=name,
        parent=code[:-2],
        rule=rule,
        params=params or {},
        periods=tuple(periods.split(",")) if periods else (),
        lead=UNIT_BY_NAME[lead].code,
        additive=additive,
        points=_pts(points),
        measure=measure,
        gen=gen,
    )


ALL4 = "ZJ:{0},JJ:{0},ZH:{0},SH:{0}"
TIERS_INVEST = [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6], [0.6, 0.3]]
TIERS_RATE = [[1.0, 1.0], [0.95, 0.8], [0.9, 0.6]]
TIERS_AUDIT = [[1.0, 1.0], [0.9, 0.8], [0.8, 0.5]]
LEADER_MAP = {"A": 1.0, "B": 0.9, "C": 0.75, "D": 0.6}

_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("01", "经济发展"),
    IndicatorSpec("0101", "经济运行", "01"),
    _leaf("010101", "地区生产总值", "completion", "ZJ:5", "区统计局", "amount", additive=True, measure="万元"),
    _leaf("010102", "一般公共预算收入", "completion", "ZJ:4", "区财政局", "amount", additive=True, measure="万元"),
    _leaf(
        "010103", "规模以上工业增加值", "growth", "ZJ:4", "区工业和信息化局", "growth", additive=True, measure="万元"
    ),
    _leaf("010104", "固定资产投资", "completion", "ZJ:3", "区发展和改革局", "amount", additive=True, measure="万元"),
    _leaf("010105", "社会消费品零售总额", "growth", "ZJ:3", "区商务局", "growth", additive=True, measure="万元"),
    _leaf(
        "010106", "实际使用外资", "completion", "ZJ:2", "区商务局", "amount", params={"floor": 0.5}, measure="万美元"
    ),
    IndicatorSpec("0102", "项目建设与招商引资", "01"),
    _leaf(
        "010201",
        "重点项目年度投资",
        "completion",
        "ZJ:4,JJ:6",
        "区发展和改革局",
        "amount",
        additive=True,
        measure="万元",
    ),
    _leaf(
        "010202",
        "招商引资到位资金",
        "tiered",
        "ZJ:4,JJ:5",
        "区投资促进局",
        "amount",
        additive=True,
        params={"tiers": TIERS_INVEST},
        measure="万元",
    ),
    _leaf("010203", "新增市场主体", "completion", "ZJ:2", "区市场监督管理局", "count", measure="户"),
    _leaf("010204", "重点项目建设进度", "direct", "ZJ:3,JJ:5", "区发展和改革局", "direct"),
    IndicatorSpec("0103", "创新驱动", "01"),
    _leaf("010301", "高新技术企业净增数", "completion", "ZJ:2", "区科学技术局", "count", measure="家"),
    _leaf(
        "010302",
        "研发经费投入强度",
        "tiered",
        "ZJ:2",
        "区科学技术局",
        "ratio",
        params={"tiers": TIERS_RATE},
        periods="Y",
        measure="%",
    ),
    _leaf(
        "010303",
        "发明专利授权量",
        "rank",
        "ZJ:2",
        "区市场监督管理局",
        "patents",
        params={"step": 0.2, "min_fraction": 0.5},
        measure="件",
    ),
    IndicatorSpec("0104", "乡村振兴", "01"),
    _leaf("010401", "农村居民人均可支配收入", "growth", "ZJ:3", "区农业农村局", "growth", periods="Y", measure="元"),
    _leaf("010402", "高标准农田建设", "completion", "ZJ:2", "区农业农村局", "amount", additive=True, measure="亩"),
    _leaf(
        "010403",
        "村级集体经济经营性收入",
        "tiered",
        "ZJ:2",
        "区农业农村局",
        "amount",
        params={"tiers": TIERS_INVEST},
        periods="Y",
        measure="万元",
    ),
    IndicatorSpec("02", "生态文明"),
    IndicatorSpec("0201", "节能减排", "02"),
    _leaf(
        "020101",
        "单位地区生产总值能耗",
        "completion",
        "ZJ:3",
        "区发展和改革局",
        "lower",
        params={"direction": "lower"},
        measure="吨标准煤/万元",
    ),
    _leaf(
        "020102",
        "PM2.5平均浓度",
        "completion",
        "ZJ:3",
        "区生态环境局",
        "lower",
        params={"direction": "lower", "floor": 0.8},
        measure="微克/立方米",
    ),
    _leaf("020103", "地表水考核断面达标率", "percent", "ZJ:2", "区生态环境局", "percent", measure="%"),
    IndicatorSpec("0202", "人居环境", "02"),
    _leaf("020201", "农村人居环境整治", "grade", "ZJ:2", "区农业农村局", "grade", periods="Q2,Y"),
    _leaf(
        "020202",
        "城市管理综合考评",
        "rank",
        "ZJ:3",
        "区城市管理局",
        "score",
        params={"step": 0.15, "min_fraction": 0.6},
        measure="分",
    ),
    _leaf("020203", "生活垃圾分类达标率", "percent", "ZJ:1", "区城市管理局", "percent", measure="%"),
    IndicatorSpec("03", "民生保障与社会治理"),
    IndicatorSpec("0301", "就业和社会保障", "03"),
    _leaf(
        "030101", "城镇新增就业", "completion", "ZJ:2", "区人力资源和社会保障局", "count", additive=True, measure="人"
    ),
    _leaf(
        "030102",
        "城镇登记失业率",
        "tiered",
        "ZJ:2",
        "区人力资源和社会保障局",
        "lower",
        params={"direction": "lower", "tiers": TIERS_RATE},
        measure="%",
    ),
    _leaf("030103", "城乡居民基本养老保险参保率", "percent", "ZJ:1", "区人力资源和社会保障局", "percent", measure="%"),
    _leaf("030104", "基本医疗保险参保率", "percent", "ZJ:1", "区医疗保障局", "percent", measure="%"),
    IndicatorSpec("0302", "社会事业", "03"),
    _leaf("030201", "民生实事项目", "direct", "ZJ:3,SH:6", "区政府办公室", "direct"),
    _leaf("030202", "文明城市创建", "grade", "ZJ:2", "区委宣传部", "grade"),
    IndicatorSpec("0303", "社会治理", "03"),
    _leaf("030301", "信访积案化解率", "percent", "ZJ:2,JJ:2,ZH:2,SH:2", "区信访局", "percent", measure="%"),
    _leaf("030302", "平安建设群众满意度", "percent", "ZJ:2", "区委政法委员会", "percent", periods="Y", measure="%"),
    _leaf("030303", "矛盾纠纷调处化解率", "percent", "ZJ:1", "区司法局", "percent", measure="%"),
    IndicatorSpec("04", "党的建设"),
    IndicatorSpec("0401", "全面从严治党", "04"),
    _leaf("040101", "基层党组织建设", "grade", "ZJ:3,JJ:4,ZH:5,SH:5", "区委组织部", "grade", periods="Q2,Y"),
    _leaf("040102", "党风廉政建设", "grade", "ZJ:3,JJ:4,ZH:4,SH:4", "区纪委监委机关", "grade"),
    _leaf("040103", "意识形态工作", "grade", "ZJ:2,JJ:2,ZH:3,SH:3", "区委宣传部", "grade", periods="Q2,Y"),
    IndicatorSpec("0402", "干部队伍建设", "04"),
    _leaf("040201", "干部队伍建设", "direct", "ZJ:2,JJ:3,ZH:3,SH:3", "区委组织部", "direct"),
    _leaf("040202", "机关作风效能", "percent", "JJ:2,ZH:2,SH:2", "区纪委监委机关", "percent", measure="分"),
    IndicatorSpec("05", "部门职能"),
    IndicatorSpec("0501", "重点工作", "05"),
    _leaf("050101", "区委区政府重点工作任务", "direct", "JJ:12,ZH:21,SH:19", "区政府办公室", "direct"),
    _leaf("050102", "年度目标任务清单完成", "completion", "JJ:8,ZH:9,SH:9", "区委办公室", "tasks", measure="项"),
    _leaf(
        "050103", "建议提案办理满意率", "percent", "JJ:2,ZH:2,SH:3", "区政府办公室", "percent", periods="Y", measure="%"
    ),
    _leaf("050105", "部门安全生产责任落实", "grade", "JJ:2,ZH:2,SH:2", "区应急管理局", "grade"),
    _leaf("050106", "保密和档案工作", "grade", "ZH:2,SH:2", "区委办公室", "grade"),
    _leaf("050107", "乡村振兴挂钩帮扶", "direct", "JJ:2,ZH:2,SH:2", "区农业农村局", "direct"),
    _leaf(
        "050104",
        "政务信息采用",
        "rank",
        "JJ:2,ZH:2,SH:2",
        "区委办公室",
        "patents",
        params={"step": 0.1, "min_fraction": 0.5},
        measure="篇",
    ),
    IndicatorSpec("0502", "依法行政和政务服务", "05"),
    _leaf("050201", "营商环境评价", "percent", "JJ:6,ZH:3", "区发展和改革局", "percent", measure="分"),
    _leaf("050202", "依法行政", "grade", "JJ:3,ZH:4,SH:3", "区司法局", "grade"),
    _leaf(
        "050203",
        "政务公开",
        "rank",
        "JJ:2,ZH:2,SH:2",
        "区政府办公室",
        "score",
        params={"step": 0.1, "min_fraction": 0.5},
        measure="分",
    ),
    _leaf("050204", "政务服务一网通办率", "percent", "JJ:2,ZH:3,SH:2", "区行政审批局", "percent", measure="%"),
    _leaf("050205", "助企纾困政策兑现率", "percent", "JJ:3", "区工业和信息化局", "percent", measure="%"),
    _leaf("050206", "统筹协调", "grade", "ZH:4", "区委办公室", "grade"),
    _leaf("050207", "社会事业发展综合评价", "grade", "SH:6", "区政府办公室", "grade"),
    _leaf("050208", "经济运行服务保障", "grade", "JJ:3", "区统计局", "grade"),
    _leaf("050209", "服务基层满意度", "percent", "ZH:4,SH:3", "区委办公室", "percent", periods="Y", measure="分"),
    IndicatorSpec("0503", "财政和审计", "05"),
    _leaf(
        "050301",
        "预算执行率",
        "completion",
        "ZJ:2,JJ:4,ZH:4,SH:4",
        "区财政局",
        "budget",
        params={"floor": 0.6},
        measure="%",
    ),
    _leaf(
        "050302",
        "审计问题整改率",
        "tiered",
        "ZJ:2,JJ:3,ZH:3,SH:3",
        "区审计局",
        "audit",
        params={"tiers": TIERS_AUDIT},
        periods="Y",
        measure="%",
    ),
    _leaf("050303", "国有资产管理", "grade", "JJ:2,ZH:2,SH:2", "区财政局", "grade"),
    IndicatorSpec("06", "综合评价"),
    _leaf(
        "0601",
        "区领导评价",
        "grade",
        "ZJ:4,JJ:5,ZH:6,SH:5",
        "区委办公室",
        "grade",
        params={"map": LEADER_MAP},
        periods="Y",
    ),
    _leaf("0602", "群众满意度测评", "percent", "ZJ:3,JJ:4,ZH:4,SH:4", "区统计局", "percent", periods="Y", measure="分"),
    _leaf(
        "0603",
        "人大代表政协委员评议",
        "percent",
        "ZJ:2,JJ:2,ZH:2,SH:2",
        "区委办公室",
        "percent",
        periods="Y",
        measure="分",
    ),
    IndicatorSpec("07", "加分和扣分"),
    IndicatorSpec("0701", "加分项目", "07"),
    _leaf("070101", "争先创优", "bonus", ALL4.format(3), "区委办公室", "bonus", measure="分"),
    _leaf("070102", "改革创新", "bonus", "ZJ:3,JJ:3,ZH:2,SH:2", "区委办公室", "bonus", measure="分"),
    # Fed by the 红黄黑档案 (SUPERVISION.md §4): 红 records' points, counted 黄 records.
    _leaf(
        "070103",
        "获上级表彰",
        "bonus",
        ALL4.format(2),
        "区政府办公室",
        "bonus",
        params={"from_records": "红"},
        measure="分",
    ),
    _leaf("070104", "招大引强", "bonus", "ZJ:2,JJ:2", "区投资促进局", "bonus", measure="分"),
    IndicatorSpec("0702", "扣分项目", "07"),
    _leaf(
        "070201",
        "督查督办通报",
        "deduction",
        ALL4.format(3),
        "区政府办公室",
        "events",
        params={"per_event": 0.5, "from_records": "黄"},
        measure="次",
    ),
    _leaf(
        "070202",
        "被上级通报批评",
        "deduction",
        ALL4.format(5),
        "区委办公室",
        "events",
        params={"per_event": 1},
        measure="次",
    ),
    _leaf(
        "070203",
        "安全生产",
        "deduction",
        "ZJ:3,JJ:2,ZH:1,SH:2",
        "区应急管理局",
        "events",
        params={"per_event": 1},
        measure="次",
    ),
    _leaf(
        "070204", "秸秆露天焚烧", "deduction", "ZJ:2", "区生态环境局", "events", params={"per_event": 0.5}, measure="处"
    ),
    _leaf(
        "070205",
        "环保督察反馈问题",
        "deduction",
        "ZJ:3,JJ:2",
        "区生态环境局",
        "events",
        params={"per_event": 1},
        measure="个",
    ),
    IndicatorSpec("0703", "一票否决", "07"),
    _leaf("070301", "重大安全生产责任事故", "veto", ALL4.format(0), "区应急管理局", "veto", measure="起"),
    _leaf("070302", "重大生态环境事件", "veto", "ZJ:0,JJ:0", "区生态环境局", "veto", measure="起"),
    _leaf("070303", "严重违纪违法案件", "veto", ALL4.format(0), "区纪委监委机关", "veto", measure="起"),
)
# Sorted by code, every parent comes before its children.
INDICATORS = tuple(sorted(_INDICATORS, key=lambda i: i.code))
INDICATOR_BY_CODE = {i.code: i for i in INDICATORS}
LEAVES: tuple[IndicatorSpec, ...] = tuple(i for i in INDICATORS if i.is_leaf)
BASE_RULES = rules_of_kind(BASE)


def full_marks(category: str) -> Decimal:
    """Σ m(i,c) over the category's base leaves across the year (each is designed to be 100)."""
    return sum((i.points[category] for i in LEAVES if i.rule in BASE_RULES and category in i.points), D(0))
