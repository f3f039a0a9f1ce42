"""Two people open the same entry; the second save is refused and shows what the first one saved."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from units import roles


@pytest.fixture
def second_office_client(office_group_has_all_permissions):
    colleague = UserFactory(username="office2", roles=[roles.OFFICE])
    client = Client()
    client.force_login(colleague, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _loaded_version(client, url) -> str:
    form = client.get(url).context["adminform"].form
    return str(form["loaded_version"].value())


def test_the_second_of_two_concurrent_editors_is_refused(office_client, second_office_client, town_a_q1_entry):
    url = reverse("admin:assessment_scoreentry_change", args=[town_a_q1_entry.pk])
    first_loaded = _loaded_version(office_client, url)
    second_loaded = _loaded_version(second_office_client, url)
    assert first_loaded == second_loaded == "1"

    first = office_client.post(url, {"raw": "16", "note": "", "reason": "按核查结果", "loaded_version": first_loaded})
    second = second_office_client.post(url, {"raw": "9", "note": "", "reason": "", "loaded_version": second_loaded})

    assert first.status_code == 302
    assert second.status_code == 200
    page = second.content.decode()
    assert "保存被拒绝" in page
    assert "office 已于" in page and "“16”" in page
    town_a_q1_entry.refresh_from_db()
    assert (town_a_q1_entry.value, town_a_q1_entry.version) == (Decimal("16"), 2)
    assert town_a_q1_entry.history.count() == 2  # the create and the first edit; the refused save left no trace
