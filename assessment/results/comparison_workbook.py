"""The 模拟测算 comparison as a workbook: one sheet of every unit, current beside simulated, the changed cells
filled, the bonus money totals at the foot, and a sheet of the draft settings. Written with the result workbook's
streaming writer and styles (`assessment.common.xlsx_stream`, `xlsx_styles`)."""

from __future__ import annotations

import io

from assessment.common import xlsx_styles as st
from assessment.common.xlsx_stream import SheetSetup, XlsxStream
from assessment.results.selectors.comparison import Comparison, Draft

CHANGED_FILL = "FFFFF2CC"
SHEET_UNITS = "单位对比"
SHEET_SETTINGS = "模拟设置"
# (header, the side's field, number format)
SIDE_COLUMNS = (
    ("排名", "rank", st.FMT_INTEGER),
    ("等次", "grade", st.FMT_TEXT),
    ("色标", "colour", st.FMT_TEXT),
    ("末位", "last_place", st.FMT_TEXT),
    ("奖金（元）", "bonus_money", st.FMT_MONEY),
)
HEADERS = ["考核类别", "单位编码", "单位名称", *(f"现行·{h}" for h, _f, _m in SIDE_COLUMNS)]
HEADERS += [f"模拟·{h}" for h, _f, _m in SIDE_COLUMNS]


def _cell(side, name: str):
    value = getattr(side, name)
    if name == "last_place":
        return "是" if value else "否"
    if name == "colour":
        return value or "无"
    return value


def comparison_workbook(*, title: str, comparison: Comparison, draft: Draft) -> bytes:
    book = st.StyleBook()
    out = io.BytesIO()
    stream = XlsxStream(out, styles=book)
    plain = [book.index(st.body(fmt)) for fmt in ("@", "@", "@")]
    side = [book.index(st.body(fmt)) for _h, _f, fmt in SIDE_COLUMNS]
    marked = [book.index(st.Look(num_fmt=fmt, fill=CHANGED_FILL, bold=True)) for _h, _f, fmt in SIDE_COLUMNS]
    try:
        widths = [12, 10, 22, *([10, 8, 8, 6, 14] * 2)]
        setup = SheetSetup(widths=widths, freeze_rows=2, print_title_row=2, merges=["A1:M1"])
        with stream.sheet(SHEET_UNITS, setup) as sheet:
            sheet.row([f"{title} · 模拟测算（模拟，不会保存）"], [book.index(st.TITLE)], height=30)
            sheet.row(HEADERS, [book.index(st.HEADER)] * len(HEADERS), height=30)
            for u in comparison.units:
                values = [u.category, u.code, u.name]
                values += [_cell(u.now, name) for _h, name, _m in SIDE_COLUMNS]
                values += [_cell(u.draft, name) for _h, name, _m in SIDE_COLUMNS]
                styles = (
                    plain
                    + side
                    + [marked[n] if name in u.changed else side[n] for n, (_h, name, _m) in enumerate(SIDE_COLUMNS)]
                )
                sheet.row(values, styles)
            money = book.index(st.Look(num_fmt=st.FMT_MONEY, bold=True))
            label = book.index(st.Look(bold=True))
            sheet.row(
                [
                    "奖金合计",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    comparison.money_now,
                    None,
                    None,
                    None,
                    None,
                    comparison.money_draft,
                ],
                [label, 0, 0, 0, 0, 0, 0, money, 0, 0, 0, 0, money],
            )
            sheet.row(
                ["奖金变化", None, None, None, None, None, None, None, None, None, None, None, comparison.money_change],
                [label, *([0] * 11), money],
            )
        with stream.sheet(SHEET_SETTINGS, SheetSetup(widths=[22, 14, 14], freeze_rows=1, landscape=False)) as sheet:
            header = book.index(st.HEADER)
            sheet.row(["设置项", "现行", "模拟"], [header] * 3)
            text = book.index(st.body("@"))
            changed = book.index(st.Look(num_fmt="@", fill=CHANGED_FILL, bold=True))
            for f in draft.fields():
                sheet.row(
                    [f.label if not f.name.startswith("coef_") else f"奖金系数·{f.label}", f.current, f.value],
                    [text, text, changed if f.changed else text],
                )
    except BaseException:
        stream.abort()
        raise
    stream.close()
    return out.getvalue()
