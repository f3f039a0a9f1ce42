"""Every 督查督办 page of each role shows no English word and no `None` (the office's item codes aside)."""

import pytest
from django.urls import reverse

from tests.pages.visible_text import english_words
from tests.supervision_pages.world import AS_OF

pytestmark = pytest.mark.django_db


def _pages(world, town_a, town_b):
    board = reverse("supervision:board")
    return {
        "office_user": [
            board,
            f"{board}?light=missing",
            reverse("supervision:unit", args=[town_b.pk]),
            f"{reverse('supervision:upload')}?cycle=2025",
            reverse("supervision:archive"),
        ],
        "org_user": [board, reverse("supervision:archive"), reverse("supervision:archive_cadres")],
        "auditor": [board, reverse("supervision:unit", args=[town_a.pk])],
        "liaison_of_town_a": [
            reverse("supervision:my_unit"),
            reverse("supervision:report_create", args=[world.items["on_track"].pk]),
        ],
        "leader_of_town_a": [reverse("supervision:unit", args=[town_a.pk])],
        "cadre_user": [reverse("supervision:mine")],
    }


@pytest.mark.parametrize(
    "role", ["office_user", "org_user", "auditor", "liaison_of_town_a", "leader_of_town_a", "cadre_user"]
)
def test_no_english_word_or_none(request, client, world, town_a, town_b, role):
    user = request.getfixturevalue(role)
    user.first_name = user.first_name or "王明"
    user.save(update_fields=["first_name"])
    client.force_login(user)
    # Item and record codes (DB-A1, R-A1) are the office's data, as the plan's codes are.
    codes = frozenset({"DB", "R", "KA", "KB"})
    found = {}
    for url in _pages(world, town_a, town_b)[role]:
        sep = "&" if "?" in url else "?"
        response = client.get(f"{url}{sep}as_of={AS_OF.isoformat()}", follow=True)
        assert response.status_code == 200, url
        words = english_words(response.content.decode(), allowed=codes)
        if words:
            found[url] = sorted(set(words))
    assert not found, "\n".join(f"{url}: {', '.join(words)}" for url, words in found.items())
