"""Issue 13 §1: a read-only score page (the auditor's; anyone's once the cycle is 已审定) shows every value with its
Chinese label, never the edit form's inputs as "Raw: None" / "Reason: None"."""

import re

import pytest
from django.urls import reverse

from tests.pages.visible_text import visible_text

pytestmark = pytest.mark.django_db


def _fields(html: str) -> dict[str, str]:
    """label → shown value of every read-only row of an admin change page."""
    rows = re.findall(r"<label>(.*?)[:：]?</label>\s*<div class=\"readonly\">(.*?)</div>", html, flags=re.S)
    return {visible_text(label).rstrip(":："): visible_text(value) for label, value in rows}


def _page(client, user, entry):
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("admin:assessment_scoreentry_change", args=[entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_auditor_sees_the_value_with_its_label(client, auditor, town_a_q1_entry):
    html = _page(client, auditor, town_a_q1_entry)
    fields = _fields(html)
    assert fields["值"] == "12"
    assert fields["单位"].endswith("甲镇") and fields["版本"] == "1"
    text = visible_text(html)
    assert "None" not in text and "Raw" not in text and "Reason" not in text
    assert "修改理由" not in fields  # an input of the edit form, not a value of the entry


def test_a_final_cycle_shows_the_office_the_value_read_only(
    client, office_user, office_group_has_all_permissions, town_a_q1_entry, cycle
):
    cycle.status = "final"
    cycle.save(update_fields=["status"])
    html = _page(client, office_user, town_a_q1_entry)
    assert _fields(html)["值"] == "12"
    assert "None" not in visible_text(html)
