"""我负责的事项: a cadre's login lists the items whose responsible leader they are (一个项目一名领导)."""

import pytest
from django.urls import reverse

from tests.supervision_pages.world import AS_OF

pytestmark = pytest.mark.django_db


def test_cadre_lands_on_the_items_they_lead(login, world, cadre_user):
    client = login(cadre_user)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("supervision:mine")
    html = client.get(reverse("supervision:mine"), {"as_of": AS_OF.isoformat()}).content.decode()
    assert "张明" in html
    for code in ("DB-A1", "DB-A3", "DB-A5"):
        assert f'data-testid="item-{code}"' in html
    for code in ("DB-A2", "DB-A4", "DB-A6", "DB-B1", "DB-B2"):
        assert f'data-testid="item-{code}"' not in html
    assert "防汛工作受市政府表彰" in html  # a record naming him
    assert "信访积案督查通报" not in html  # a record naming another cadre
    assert "我负责的事项" in html  # the header menu


def test_a_login_without_a_cadre_is_told_so(login, world, office_user):
    html = login(office_user).get(reverse("supervision:mine")).content.decode()
    assert "您的账号没有关联干部" in html
    assert "我负责的事项</a>" not in html  # no menu entry for people who lead no item


def test_a_leader_who_is_a_cadre_finds_the_items_from_the_units_page(login, world, leader_of_town_a, town_a):
    world.cadres["a2"].user = leader_of_town_a
    world.cadres["a2"].save()
    client = login(leader_of_town_a)
    page = client.get(reverse("supervision:unit", args=[town_a.pk])).content.decode()
    assert 'data-testid="mine-link"' in page
    mine = client.get(reverse("supervision:mine"), {"as_of": AS_OF.isoformat()}).content.decode()
    assert 'data-testid="item-DB-A2"' in mine and 'data-testid="item-DB-A1"' not in mine
