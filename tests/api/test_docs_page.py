"""The documentation page: Swagger UI served from static/ (vendored from the npm registry), nothing from a CDN,
and collectstatic gathers its files."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command


def test_docs_page_loads_swagger_ui_from_our_static_files(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in sources
    assert "/static/vendor/swagger-ui/swagger-ui.css" in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert 'data-schema-url="/api/v1/openapi.json"' in page
    for path in ("vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css", "js/api-docs.js"):
        assert finders.find(path), path


@pytest.mark.django_db
def test_collectstatic_gathers_the_docs_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "vendor/swagger-ui/swagger-ui-bundle.js").stat().st_size > 1_000_000
    assert (tmp_path / "js/api-docs.js").exists()
