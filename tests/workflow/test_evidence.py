"""佐证材料: size, type and content checks; stored privately; served only to people who may see the entry."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.scores.evidence import evidence_validate

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry_with_evidence(cycle, periods, town_a, direct_indicator, write, pdf_upload):
    return write(periods["Q1"], town_a, direct_indicator, "12", evidence=pdf_upload())


def test_a_real_pdf_is_accepted(pdf_upload):
    evidence_validate(file=pdf_upload())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "类型不允许"),
        ("page.pdf", b"<html><script>alert(1)</script></html>", "内容与扩展名"),
        ("photo.png", b"\xff\xd8\xff\xe0 a jpeg called png", "内容与扩展名"),
        ("sheet.xlsx", b"PK\x03\x04 not really a zip", "已损坏"),
        ("empty.pdf", b"", "空文件"),
    ],
)
def test_wrong_type_or_content_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        evidence_validate(file=SimpleUploadedFile(name, content))


def test_too_big_is_refused(settings, pdf_upload):
    settings.EVIDENCE_MAX_BYTES = 20
    with pytest.raises(ValidationError, match="过大"):
        evidence_validate(file=pdf_upload())


def test_stored_under_the_private_root_with_a_random_name(entry_with_evidence):
    path = entry_with_evidence.evidence.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert "证明" not in path and path.endswith(".pdf")
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office_user", 200),
        ("org_user", 200),
        ("auditor", 200),
        ("leader_of_town_a", 200),
        ("finance_scorer", 200),
        ("leader_of_town_b", 404),
        ("environment_scorer", 404),
    ],
)
def test_download_only_for_people_who_may_see_the_entry(request, client, entry_with_evidence, who, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get(f"/workflow/evidence/{entry_with_evidence.pk}/")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_is_sent_to_login(client, entry_with_evidence):
    response = client.get(f"/workflow/evidence/{entry_with_evidence.pk}/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_grid_refuses_a_bad_file_on_its_row_and_writes_nothing(
    client, cycle, periods, town_a, direct_indicator, office_user, grid_url
):
    client.force_login(office_user)
    response = client.post(
        grid_url(periods["Q1"], direct_indicator),
        {f"value_{town_a.pk}": "12", f"evidence_{town_a.pk}": SimpleUploadedFile("x.pdf", b"<html>")},
    )
    assert "内容与扩展名" in response.content.decode()
    from assessment.models import ScoreEntry

    assert not ScoreEntry.objects.exists()
