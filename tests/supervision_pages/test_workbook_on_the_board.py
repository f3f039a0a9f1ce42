"""The supervision sheets download from the board (readers) and the 督查台账 uploads through a page (the office):
the same export and import services as the commands; all or nothing, errors as `sheet!row: message`."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.supervision.models import Item
from assessment.supervision.workbook_import import COLUMNS

pytestmark = pytest.mark.django_db


def _upload(rows_by_sheet):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in rows_by_sheet.items():
        ws = wb.create_sheet(name)
        ws.append(COLUMNS[name])
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile("督查台账.xlsx", buffer.getvalue())


@pytest.mark.parametrize("who", ["office_user", "org_user", "auditor"])
def test_readers_download_the_sheets_as_of_the_boards_date(request, login, world, who):
    client = login(request.getfixturevalue(who))
    board = client.get(reverse("supervision:board"), {"as_of": "2025-06-15"}).content.decode()
    assert f"{reverse('supervision:download')}?cycle=2025&amp;as_of=2025-06-15" in board
    response = client.get(reverse("supervision:download"), {"cycle": "2025", "as_of": "2025-06-15"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["督办台账", "红黄黑档案", "档案明细"]
    status = {row[0]: row[4] for row in book["督办台账"].iter_rows(min_row=2, values_only=True)}
    assert status["DB-A1"] == "超期" and status["DB-A3"] == "临期" and status["DB-A5"] == "已办结"


@pytest.mark.parametrize("who", ["leader_of_town_a", "liaison_of_town_a"])
def test_units_may_not_download_or_upload(request, login, world, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("supervision:download"), {"cycle": "2025"}).status_code == 403
    assert client.get(reverse("supervision:upload"), {"cycle": "2025"}).status_code == 403


def test_office_uploads_the_ledger(login, world, office_user, town_a):
    client = login(office_user)
    good = {
        "督办事项": [["DB-N1", "集镇污水处理", "重点项目", town_a.code, "KA01", None, datetime.datetime(2025, 2, 1)]],
        "节点": [["DB-N1", 1, "主体完工", datetime.datetime(2025, 9, 30)]],
    }
    response = client.post(reverse("supervision:upload") + "?cycle=2025", {"file": _upload(good)})
    assert response.status_code == 200 and 'id="import-summary"' in response.content.decode()
    item = Item.objects.get(code="DB-N1")
    assert item.unit == town_a and item.milestones.get().due_date == datetime.date(2025, 9, 30)


def test_a_bad_ledger_lists_every_error_and_writes_nothing(login, world, office_user, town_a):
    client = login(office_user)
    bad = {
        "督办事项": [["DB-N2", "集镇绿化", "重点项目", "NOPE", "KA01", None, "2025-13-01"]],
        "节点": [["DB-N2", 1, "完工", datetime.datetime(2025, 9, 30)]],
    }
    before = Item.objects.count()
    html = client.post(reverse("supervision:upload") + "?cycle=2025", {"file": _upload(bad)}).content.decode()
    assert 'id="import-errors"' in html and "督办事项!2" in html
    assert Item.objects.count() == before
