"""No input breaks the directory's search: whatever is typed, the page, the API and the type-ahead answer
200 (or the API's JSON 400 with a Chinese message), never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.directory.factories import DistrictFactory, InstitutionFactory

NASTY = [
    "？",
    "。",
    "%",
    "_",
    '"',
    "'",
    "\\",
    "*",
    "AND",
    "OR NOT",
    'NEAR("a")',
    "托育\x00",
    "😀👶",
    "\u200b",
    "--",
    "^",
]
typed = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.lists(
        st.sampled_from([*NASTY, "普惠", "淇县", "18个月", "附近", "九州路", "全托", "xht"]), max_size=6
    ).map(" ".join),
)


@pytest.fixture
def listed(directory_page):
    district = DistrictFactory(code="410622", name="淇县")
    InstitutionFactory(name="淇县暖暖托育园", district=district, address="淇县朝歌路 1 号")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=typed, near=st.one_of(st.just(""), typed))
def test_any_keyword_or_place_gets_an_answer_not_a_server_error(client, listed, q, near):
    page = client.get("/directory/", {"q": q, "near": near})
    assert page.status_code in (200, 400)
    assert "form-error" in page.content.decode() or page.status_code == 200
    response = client.get("/api/v1/institutions/", {"q": q, "near": near})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"] and response.json()["field"]
    suggest = client.get("/api/v1/institutions/suggest/", {"q": q})
    assert suggest.status_code == 200 and "suggestions" in suggest.json()


def test_five_thousand_characters_are_answered(client, listed):
    long = "托育" * 2500
    assert client.get("/directory/", {"q": long}).status_code == 200
    api = client.get("/api/v1/institutions/", {"q": long})
    assert api.status_code == 400 and "搜索词太长了" in api.json()["error"]
    assert client.get("/api/v1/institutions/suggest/", {"q": long}).status_code == 200


@pytest.mark.parametrize("q", ["？", "。", "%", "_", '"'])
def test_punctuation_alone_is_answered(client, listed, q):
    assert client.get("/directory/", {"q": q}).status_code == 200
    assert client.get("/api/v1/institutions/", {"q": q}).status_code == 200
