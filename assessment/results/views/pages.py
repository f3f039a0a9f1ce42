"""The role-aware home and the user guide; shared helpers of the page views."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from assessment import permissions
from assessment.results.selectors.guide import guide_html
from assessment.templatetags.kaohe_pages import url_or_none
from units import roles

DOCS_DIR = Path(settings.BASE_DIR) / "docs"
SCREENSHOT_NAME = re.compile(r"^[A-Za-z0-9_-]+\.png$")


def home(request):
    """`/` sends each role to its page: office → dashboard, 组织部 → results, leader → ranking, auditor → history."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if permissions.can_view_office_dashboard(user):
        return redirect("pages:dashboard")
    if roles.user_has_role(user, roles.ORG_DEPT):
        return redirect("pages:results")
    if permissions.led_unit_ids(user):
        return redirect("pages:ranking")
    if roles.user_has_role(user, roles.AUDITOR):
        return redirect(url_or_none("admin:assessment_scoreentry_changelist") or url_or_none("admin:index"))
    if permissions.supervision_unit_ids(user):
        return redirect("supervision:my_unit")  # a unit liaison (单位联络员) works on supervision only
    if permissions.scorer_unit_ids(user):
        target = url_or_none("workflow:grid") or url_or_none("workflow:index")
        if target:
            return redirect(target)
        if user.is_staff:
            return redirect("admin:index")
    if permissions.is_cadre_user(user):
        return redirect("supervision:mine")  # a cadre without a role sees the items they are responsible for
    return render(request, "pages/no_role.html", status=403)


@login_required
def guide(request):
    """docs/用户手册.md as a page, so the header can link to it on a machine without outside network."""
    path = DOCS_DIR / "用户手册.md"
    if not path.exists():
        raise Http404("用户手册尚未编写")
    html = guide_html(path.read_text(encoding="utf-8"), image_url=lambda name: f"/help/screenshots/{name}")
    return render(request, "pages/guide.html", {"guide_html": html})


@login_required
def guide_screenshot(request, name: str):
    # Only plain file names straight under docs/screenshots: no path can escape the folder.
    if not SCREENSHOT_NAME.match(name):
        raise Http404
    path = DOCS_DIR / "screenshots" / name
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
