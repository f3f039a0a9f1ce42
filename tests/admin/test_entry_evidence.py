"""Evidence attached on the admin form is checked like every upload and stored with the entry."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _post(client, entry, evidence):
    url = reverse("admin:assessment_scoreentry_change", args=[entry.pk])
    return client.post(
        url, {"raw": "14", "note": "", "reason": "补交佐证", "loaded_version": entry.version, "evidence": evidence}
    )


def test_a_pdf_is_stored_with_the_entry(office_client, town_a_q1_entry):
    response = _post(office_client, town_a_q1_entry, SimpleUploadedFile("验收报告.pdf", PDF_BYTES))
    assert response.status_code == 302
    town_a_q1_entry.refresh_from_db()
    assert town_a_q1_entry.evidence.name.endswith(".pdf")
    assert default_storage.exists(town_a_q1_entry.evidence.name)


def test_a_file_that_is_not_what_it_claims_is_refused(office_client, town_a_q1_entry):
    response = _post(office_client, town_a_q1_entry, SimpleUploadedFile("报告.pdf", b"<html>not a pdf</html>"))
    assert "内容与扩展名 .pdf 不符" in response.content.decode()
    town_a_q1_entry.refresh_from_db()
    assert (town_a_q1_entry.version, town_a_q1_entry.evidence.name) == (1, "")
