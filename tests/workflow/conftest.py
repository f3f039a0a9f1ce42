"""Fixtures of the workflow: a deduction and a veto indicator, another department with its own indicator and
scorer, files kept in a temporary private store, and helpers that write through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessment.scores.entries import entry_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory, MembershipFactory, UnitFactory, UserFactory
from units import roles

D = Decimal
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _fast_passwords_and_private_store(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def safety_deduction(cycle, towns, dept_finance):
    """2 points per accident, at most 10; led by the finance department."""
    ind = IndicatorFactory(
        cycle=cycle,
        code="B01",
        name="安全生产事故",
        rule="deduction",
        params={"per_event": "2"},
        lead_unit=dept_finance,
    )
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("10"))
    return ind


@pytest.fixture
def major_accident_veto(cycle, towns, dept_finance):
    ind = IndicatorFactory(cycle=cycle, code="V01", name="重大事故", rule="veto", lead_unit=dept_finance)
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("0"))
    return ind


@pytest.fixture
def dept_environment(econ):
    return UnitFactory(code="D02", name="生态环境局", category=econ, headcount=20)


@pytest.fixture
def environment_indicator(cycle, towns, dept_environment):
    """An indicator the finance department does not lead."""
    ind = IndicatorFactory(cycle=cycle, code="A02", name="空气质量", rule="percent", lead_unit=dept_environment)
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("10"))
    return ind


@pytest.fixture
def environment_scorer(dept_environment):
    user = UserFactory(username="scorer_env", roles=[roles.SCORER])
    MembershipFactory(user=user, unit=dept_environment, role="scorer")
    return user


@pytest.fixture
def write(office_user):
    """Write an entry through the service as the office (the way every real entry is made)."""

    def _write(period, unit, indicator, raw, *, user=None, reason="", **kw):
        return entry_write(
            cycle=period.cycle,
            period=period,
            unit=unit,
            indicator=indicator,
            raw=raw,
            user=user or office_user,
            reason=reason,
            **kw,
        )

    return _write


@pytest.fixture
def publicity(cycle):
    """Move the fixture cycle into 公示 (directly: the lifecycle itself is tested on its own)."""

    def _publicity(*, started=None):
        cycle.status = "publicity"
        cycle.publicity_started_at = started or timezone.now()
        cycle.save()
        return cycle

    return _publicity


@pytest.fixture
def pdf_upload():
    def _pdf(name="证明.pdf", content=PDF_BYTES):
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return _pdf


@pytest.fixture
def days_ago():
    return lambda n: timezone.now() - datetime.timedelta(days=n)


@pytest.fixture
def score_workbook():
    """An uploaded 评分表 with the given (期间, 单位编码, 指标编码, 值, 备注) rows."""
    from io import BytesIO

    from openpyxl import Workbook

    def _book(rows, name="评分表.xlsx"):
        book = Workbook()
        sheet = book.active
        sheet.title = "评分"
        sheet.append(["期间", "单位编码", "指标编码", "值", "备注"])
        for row in rows:
            sheet.append(list(row))
        out = BytesIO()
        book.save(out)
        return SimpleUploadedFile(
            name, out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )

    return _book


@pytest.fixture
def grid_url(cycle):
    def _url(period, indicator):
        return f"/workflow/grid/?cycle={cycle.pk}&period={period.pk}&indicator={indicator.pk}"

    return _url
