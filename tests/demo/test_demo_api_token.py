"""The demo prints a token of the 发改局 scorer that works against the API; seeding again revokes the old one."""

import re

from assessment.api.models import ApiToken
from assessment.demo.api_token import TOKEN_NAME
from assessment.demo.seed import demo_seed
from tests.api.conftest import ApiClient


def _printed_secret(report) -> str:
    line = next(line for line in report.lines if line.startswith("接口令牌"))
    return re.search(r"(kh_[\w-]+)", line).group(1)


def test_the_printed_demo_token_reads_the_demo_cycle_and_is_replaced_on_reseed(demo_district, db, tmp_path):
    secret = _printed_secret(demo_district)
    client = ApiClient(secret)
    assert [c["year"] for c in client.get("/cycles").json()] == [2025]
    again = _printed_secret(demo_seed(year=2025, out_dir=tmp_path))
    assert client.get("/cycles").status_code == 401
    assert ApiClient(again).get("/cycles").status_code == 200
    assert ApiToken.objects.filter(name=TOKEN_NAME, revoked=False).count() == 1
