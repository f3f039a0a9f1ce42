"""Request and response bodies of API.md, as pydantic models (ninja schemas): the OpenAPI schema is generated
from them. Requests refuse unknown fields; decimals travel as strings with their exact digits."""

from typing import Annotated, Literal

from ninja import Field, Path, Schema
from pydantic import ConfigDict, StrictInt

DECIMAL_2 = r"^-?\d+\.\d{2}$"
DECIMAL = r"^-?\d+(\.\d+)?$"


Year = Annotated[int, Path(..., description="考核年度", examples=[2025])]
UnitCode = Annotated[str, Path(..., description="单位编码", examples=["T01"])]


class Strict(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorItem(Schema):
    index: int | None = Field(None, description="出错条目在请求列表中的位置（从 0 起），与列表无关时省略")
    field: str = Field(..., description="出错的字段")
    message: str = Field(..., description="中文说明")


class ErrorsOut(Schema):
    errors: list[ErrorItem]


class CycleOut(Schema):
    year: int
    name: str
    status: Literal["draft", "issued", "scoring", "publicity", "final"]


class UnitOut(Schema):
    """U of API.md. A unit leader gets only the first seven fields for units other than their own."""

    unit: str
    name: str
    category: str
    rank: int
    score: str = Field(..., pattern=DECIMAL_2, examples=["88.86"])
    grade: str = Field(..., examples=["优秀"])
    colour: str = Field(..., examples=["红"], description="红、黄、黑；无色标时为空字符串")
    last_place: bool = Field(None, description="末位")
    vetoed: bool = Field(None, description="一票否决")
    coefficient: str = Field(None, pattern=DECIMAL, examples=["1.20"])
    money: str = Field(None, pattern=DECIMAL_2, examples=["432000.00"])


class UnitsOut(Schema):
    computed_version: int
    input_version: int
    units: list[UnitOut]


class UnitPeriodOut(Schema):
    period: str
    total: str = Field(..., pattern=DECIMAL_2)
    bonus: str = Field(..., pattern=DECIMAL_2)
    deduction: str = Field(..., pattern=DECIMAL_2)
    rate: str = Field(..., pattern=DECIMAL_2)
    rank: int
    points: dict[str, str] = Field(..., description="末级指标编码 → 得分（扣分为负，一票否决为次数）")


class UnitDetailOut(UnitOut):
    periods: list[UnitPeriodOut]


class CadreOut(Schema):
    cadre: str
    name: str
    unit: str
    team: bool = Field(..., description="班子成员")
    target_completion: str | None = Field(..., pattern=DECIMAL_2, description="无个人目标时为 null")
    evaluation: str | None = Field(..., pattern=DECIMAL_2)
    score: str | None = Field(..., pattern=DECIMAL_2)
    rank: int
    grade: str = Field(..., examples=["称职"])
    recall: bool = Field(..., description="召回管理")


class EntryIn(Strict):
    period: str = Field(..., min_length=1, examples=["Q1"])
    unit: str = Field(..., min_length=1, examples=["001"])
    indicator: str = Field(..., min_length=1, examples=["0101"])
    value: str | None = Field(..., description="数值（字符串）、等级字母，或 null（删除该评分）", examples=["123.45"])
    note: str | None = Field(None, max_length=500, description="备注（最多 500 字）；省略则保留原备注")
    version: StrictInt | None = Field(None, ge=0, description="调用方上次看到的评分版本；与库中不同则 409")


class EntriesIn(Strict):
    reason: str = Field(
        "", max_length=100, description="修改理由（公示期间必填），与令牌名称一起写入评分历史（合计最多 100 字）"
    )
    entries: list[EntryIn] = Field(..., max_length=20000)


class EntriesOut(Schema):
    written: int
    unchanged: int
    deleted: int
    input_version: int


class SimulatedEntryIn(Strict):
    period: str = Field(..., min_length=1, examples=["Q1"])
    unit: str = Field(..., min_length=1, examples=["001"])
    indicator: str = Field(..., min_length=1, examples=["0101"])
    value: str | None = Field(..., description="数值（字符串）、等级字母，或 null（视为未填报）", examples=["123.45"])


class SettingsIn(Strict):
    """The engine's settings names; only those given replace the cycle's values."""

    excellent_quota: str | None = Field(None, pattern=DECIMAL, examples=["0.30"])
    excellent_min: str | None = Field(None, pattern=DECIMAL, examples=["90"])
    good_min: str | None = Field(None, pattern=DECIMAL, examples=["80"])
    pass_min: str | None = Field(None, pattern=DECIMAL, examples=["60"])
    bonus_cap: str | None = Field(None, pattern=DECIMAL, examples=["5"])
    last_place_count: StrictInt | None = Field(None, ge=0, examples=[1])
    bonus_base: str | None = Field(None, pattern=DECIMAL, examples=["10000"])
    coefficients: dict[str, str] | None = Field(None, examples=[{"优秀": "1.2", "良好": "1.0"}])
    period_weights: dict[str, str] | None = Field(None, examples=[{"Q1": "0.1", "Y": "0.7"}])


class SimulateIn(Strict):
    entries: list[SimulatedEntryIn] = Field(default_factory=list, max_length=20000)
    settings: SettingsIn | None = Field(None, description="给出时，所有类别按这些设置重算")


class SimulatedPeriodOut(Schema):
    unit: str
    period: str
    total: str = Field(..., pattern=DECIMAL_2)
    bonus: str = Field(..., pattern=DECIMAL_2)
    deduction: str = Field(..., pattern=DECIMAL_2)
    rate: str = Field(..., pattern=DECIMAL_2)
    rank: int


class SimulationOut(Schema):
    units: list[UnitOut]
    periods: list[SimulatedPeriodOut]
    cadres: list[CadreOut]
