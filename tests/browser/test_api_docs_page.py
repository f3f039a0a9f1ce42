"""The API documentation page renders Swagger UI from our own static files under the CSP (no CDN, no errors),
listing every operation of the schema, on a phone too."""

import pytest

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_docs_page_lists_every_operation(live_server, browser_context, watch_errors, viewport):
    context = browser_context(viewport) if viewport else browser_context()
    page = context.new_page()
    errors = watch_errors(page)
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock-summary", timeout=15000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    for path in ("/cycles", "/units", "/cadres", "/entries", "/simulate"):
        assert any(path in p for p in paths), (path, paths)
    assert "考核管理系统接口" in page.locator(".info .title").inner_text()
    assert outside == [] and errors == []
