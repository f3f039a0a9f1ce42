"""组织部's 红黄黑档案: counted records by unit (with the result they fed) and by cadre."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _cells(html, testid):
    row = html.split(f'data-testid="{testid}"')[1].split("</tr>")[0]
    return re.findall(r'<td class="num">([^<]*)</td>', row)


def test_by_unit_counts_only_confirmed_records(login, world, org_user):
    html = login(org_user).get(reverse("supervision:archive")).content.decode()
    # 红, 红色分值, 黄, 黑, 待确认 (then the score when results exist)
    assert _cells(html, "archive-unit-T01")[:5] == ["1", "2.00", "1", "0", "1"]
    assert _cells(html, "archive-unit-T02")[:5] == ["0", "0.00", "0", "1", "1"]
    assert reverse("pages:outcome_results") in html


def test_exempted_records_count_as_absent(login, world, org_user):
    from datetime import date

    record = world.records["a_yellow"]
    record.exemption_reason = "先行先试，符合容错情形"
    record.exemption_date = date(2025, 6, 10)
    record.save()
    html = login(org_user).get(reverse("supervision:archive")).content.decode()
    assert _cells(html, "archive-unit-T01")[2] == "0"


def test_by_cadre_lists_records_and_items_led(login, world, org_user):
    html = login(org_user).get(reverse("supervision:archive_cadres"), {"as_of": "2025-06-15"}).content.decode()
    # 红, 黄, 黑, 负责事项, 其中超期
    assert _cells(html, "archive-cadre-KA01")[:5] == ["1", "0", "0", "3", "1"]
    assert _cells(html, "archive-cadre-KA02")[:5] == ["0", "1", "0", "3", "0"]
    assert _cells(html, "archive-cadre-KB01")[:5] == ["0", "0", "1", "2", "1"]
