"""docs/用户手册.md has the supervision chapter for each role, and every screenshot it shows exists."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

GUIDE = Path(settings.BASE_DIR) / "docs" / "用户手册.md"


def test_every_role_has_its_supervision_section():
    text = GUIDE.read_text(encoding="utf-8")
    chapter = text.split("## 督查督办和红黄黑档案", 1)[1].split("\n## ", 1)[0]
    for heading in ("### 考核办", "### 单位领导和单位联络员", "### 责任领导", "### 组织部", "### 纪检审计"):
        assert heading in chapter, heading
    for name in re.findall(r"\]\(screenshots/([^)]+)\)", chapter):
        assert (GUIDE.parent / "screenshots" / name).is_file(), name


def test_the_guide_page_shows_the_chapter(login, liaison_of_town_a):
    html = login(liaison_of_town_a).get(reverse("pages:guide")).content.decode()
    assert "督查督办和红黄黑档案" in html
    assert '<img src="/help/screenshots/supervision-board.png"' in html
