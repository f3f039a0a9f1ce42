"""The user guide (docs/用户手册.md) is served as a page linked from every page's header, with its screenshots."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_header_links_to_the_guide_and_the_guide_renders(login, district, leader_of_town_a):
    client = login(leader_of_town_a)
    assert reverse("pages:guide") in client.get(reverse("pages:ranking")).content.decode()
    html = client.get(reverse("pages:guide")).content.decode()
    assert "<h1" in html and "考核管理系统 用户手册" in html
    assert '<img src="/help/screenshots/ranking-desktop.png"' in html


def test_guide_screenshots_are_served_and_nothing_else(login, leader_of_town_a):
    client = login(leader_of_town_a)
    response = client.get(reverse("pages:guide_screenshot", args=["login.png"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    for name in ["..%2Fusers.md", "login.txt", "nothing.png"]:
        assert client.get(f"/help/screenshots/{name}").status_code == 404


def test_guide_needs_a_login(client):
    assert client.get(reverse("pages:guide")).status_code == 302


def test_guide_markdown_escapes_html():
    from assessment.results.selectors.guide import guide_html

    text = "# 标题\n\n<script>alert(1)</script> [外链](https://example.com) [内链](/ranking/)"
    html = guide_html(text, image_url=str)
    assert "<script>" not in html
    assert "https://example.com" not in html
    assert '<a href="/ranking/">内链</a>' in html
