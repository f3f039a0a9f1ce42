"""Build .xlsx workbooks in memory for the import tests: a sheet is a list of rows, a row a list of cells."""

import copy
from io import BytesIO

from openpyxl import Workbook

PLAN_SHEETS = {
    "考核设置": [
        ["2025年度目标责任制考核方案"],  # a title row above the header: ignored
        [],
        ["项目", "值"],
        ["年度", 2025],
        ["名称", "2025年度目标责任制考核"],
        ["期间", "Q1:0.1,Q2:0.1,Q3:0.1,Y:0.7"],
        ["优秀比例", 0.3],
        ["优秀分数线", 90],
        ["良好分数线", 80],
        ["合格分数线", 60],
        ["加分上限", 5],
        ["末位数", 1],
        ["奖金基数", 12000],
        ["奖金系数", "优秀:1.5,良好:1.0,合格:0.8,不合格:0"],
        ["干部权重", "单位:0.5,目标:0.3,测评:0.2"],
        ["干部优秀比例", "优秀:0.2,良好:0.15,合格:0.1,不合格:0"],
        ["干部分数线", "优秀:85,称职:70,基本称职:60"],
    ],
    "考核类别": [["编码", "名称"], ["ZJ", "镇街"], ["JJ", "经济部门"]],
    "单位": [
        ["编码", "名称", "类别编码", "编制人数"],
        ["T01", "甲镇", "ZJ", 30],
        ["T02", "乙镇", "ZJ", 25],
        ["D01", "财政局", "JJ", 40],
        ["D02", "发改局", "JJ", 20],
    ],
    "干部": [
        ["编码", "姓名", "单位编码", "职务", "班子成员"],
        ["K001", "张明", "T01", "镇长", "是"],
        ["K002", "李华", "T01", "副镇长", "否"],
        ["K003", "王强", "D01", "局长", "是"],
    ],
    "指标": [
        ["编码", "名称", "上级编码", "规则", "参数", "期间", "牵头单位编码", "累加", "分值:ZJ", "分值:JJ"],
        ["A", "经济发展", "", "", "", "", "", "", None, None],
        ["A01", "地区生产总值", "A", "completion", '{"floor":0.6}', "Y", "D02", "是", 20, None],
        ["A02", "重点项目推进", "A", "direct", "", "", "D02", "否", 10, 10],
        ["A03", "招商引资增量", "A", "growth", "", "Y", "D02", "否", 10, None],
        ["B", "社会治理", "", "", "", "", "", "", None, None],
        ["B01", "群众满意度", "B", "percent", "", "Q2,Y", "D01", "否", 15, 15],
        ["B02", "工作作风", "B", "grade", "", "", "D01", "否", 5, 5],
        ["C01", "安全生产", "", "deduction", '{"per_event":2}', "", "D01", "否", 10, 10],
        ["C02", "重大事项否决", "", "veto", "", "", "D01", "否", 0, 0],
        ["C03", "创新加分", "", "bonus", "", "Y", "D02", "否", 3, 3],
    ],
    "目标": [
        ["指标编码", "单位编码", "目标值", "基数", "责任领导编码"],
        ["A01", "", 1000, None, None],
        ["A01", "T01", 600, 500, "K001"],
        ["A01", "T02", 450, 400, None],
        ["A03", "T01", 120, 100, "K001"],
        ["A03", "T02", 80, 50, None],
    ],
    "干部目标": [
        ["编码", "干部编码", "名称", "指标编码", "权重", "目标值"],
        ["KT01", "K001", "地区生产总值", "A01", 0.6, 600],
        ["KT02", "K001", "招商项目数", "", 0.4, 10],
        ["KT03", "K003", "财政收入", "", 1, 100],
    ],
}

SCORE_SHEETS = {
    "评分": [
        ["期间", "单位编码", "指标编码", "值", "备注"],
        ["Y", "T01", "A01", 580, ""],
        ["Y", "T02", "A01", 500, "超额完成"],
        ["Q1", "T01", "A02", 8, None],
        ["Q1", "D01", "A02", "9.5", None],
        ["Q2", "T01", "B01", 95, None],
        ["Y", "T01", "B02", "A", None],
        ["Y", "D01", "B02", "b", None],
        ["Y", "T01", "C01", 1, None],
        ["Y", "T01", "C03", 2, None],
    ],
    "干部目标完成": [["干部目标编码", "实际值"], ["KT01", 620], ["KT03", 90]],
    "民主测评": [["干部编码", "得分"], ["K001", 92.5], ["K003", 88]],
}


def plan_sheets() -> dict[str, list[list]]:
    """A fresh, editable copy of a valid plan."""
    return copy.deepcopy(PLAN_SHEETS)


def score_sheets() -> dict[str, list[list]]:
    """A fresh, editable copy of a valid score workbook for the plan above."""
    return copy.deepcopy(SCORE_SHEETS)


def workbook_bytes(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def workbook_file(sheets: dict[str, list[list]]) -> BytesIO:
    return BytesIO(workbook_bytes(sheets))


def rows_of(sheets: dict, name: str, header: str) -> tuple[int, list]:
    """(index of the header row, the sheet's rows) so a test can edit data rows by position."""
    rows = sheets[name]
    return next(n for n, row in enumerate(rows) if row and row[0] == header), rows


def excel_row(sheets: dict, name: str, row: list) -> int:
    """The row number Excel shows for `row` (an object in sheets[name])."""
    return next(n for n, r in enumerate(sheets[name], start=1) if r is row)


def excel_style_bytes(sheet_name: str, rows: list[list], *, dimension: str = "A1") -> bytes:
    """A minimal .xlsx the way Excel writes it: text in the shared-strings table, a (here wrong) <dimension>.

    openpyxl always writes inline strings, so this is how the tests reach the shared-strings path of the reader.
    """
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    strings: list[str] = []
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row, start=1):
            ref = f"{get_column_letter(c)}{r}"
            if value is None:
                continue
            if isinstance(value, str):
                if value not in strings:
                    strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{strings.index(value)}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        if cells:
            sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            f'<sheet name="{escape(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            f'2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/sharedStrings.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{main}" count="{len(strings)}" '
            f'uniqueCount="{len(strings)}">' + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><dimension ref="{dimension}"/>'
            f"<sheetData>{''.join(sheet_rows)}</sheetData></worksheet>"
        ),
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()
