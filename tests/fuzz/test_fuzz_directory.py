"""Random text and numbers in every parameter of site search, /directory/, the JSON API and verify.

Whatever is typed, the answer is never a 5xx: a result page, or a clear Chinese message (HTML), or a
400 with a Chinese `{"error", "field"}` (API). Searching stores nothing.
"""

import json

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from directory.models import Institution

from .strategies import EDGES, FUZZ, NASTY, hostile_text, numbers, value_or_hostile, with_examples

CJK = range(0x4E00, 0xA000)


def optional(strategy):
    return st.one_of(st.none(), strategy)


PARAMETERS = {
    "q": value_or_hostile("托育", "全日托", "阳光", "淇滨区 普惠"),
    "service": st.lists(value_or_hostile("full_day", "half_day", "hourly", "temporary"), max_size=5),
    "district": value_or_hostile("410611", "410602", "000000", "4106111234567"),
    "age": st.one_of(numbers, value_or_hostile("0", "6", "36", "37", "-1")),
    "inclusive": value_or_hostile("1", "0", "true", "on"),
    "vacancy": value_or_hostile("1", "0", "yes", "off"),
    "lat": st.one_of(numbers, value_or_hostile("35.75", "90", "-90.0001", "0")),
    "lng": st.one_of(numbers, value_or_hostile("114.29", "180", "-180.5", "0")),
    "near": value_or_hostile("淇滨区", "九州路", "鹤山区政府", "火星"),
    "radius": st.one_of(numbers, value_or_hostile("1", "5", "50", "51", "0", "-3")),
    "sort": value_or_hostile("relevance", "distance", "rating"),
    "page": st.one_of(numbers, value_or_hostile("1", "2", "10000", "10001", "0")),
    "page_size": st.one_of(numbers, value_or_hostile("1", "20", "100", "101", "0")),
}
search_params = st.fixed_dictionaries({}, optional=PARAMETERS)
# Every parameter gets every edge value once, on its own.
EDGE_PARAMS = [{name: edge} for name in PARAMETERS for edge in EDGES]


def for_any_search_params(attack):
    """Runs `attack(params)` with every edge value on its own, then with random mixes of all parameters."""
    attack = with_examples(EDGE_PARAMS, lambda params: {"params": params})(attack)
    return FUZZ(given(params=search_params)(attack))


def chinese(text):
    return any(ord(char) in CJK for char in text)


def test_api_list_answers_json_or_a_chinese_400_for_any_parameters(client, directory_demo):
    count = Institution.objects.count()

    @for_any_search_params
    def attack(params):
        response = client.get("/api/v1/institutions/", params)
        assert response.status_code in (200, 400), (params, response.status_code)
        data = json.loads(response.content)
        if response.status_code == 400:
            assert chinese(data["error"]) and data["field"]
        else:
            assert isinstance(data["results"], list) and data["total"] >= len(data["results"])

    attack()
    assert Institution.objects.count() == count


def test_directory_page_answers_html_for_any_parameters(client, directory_demo):
    @for_any_search_params
    def attack(params):
        response = client.get("/directory/", params)
        assert response.status_code in (200, 400), (params, response.status_code)
        assert response["Content-Type"].startswith("text/html")

    attack()


@pytest.mark.parametrize("url", ["/search/", "/directory/verify/"])
def test_site_search_and_filing_check_never_fail_on_any_text(client, directory_demo, url):
    @FUZZ
    @given(q=hostile_text, page=optional(st.one_of(numbers, hostile_text)))
    @with_examples([*NASTY, *EDGES], lambda q: {"q": q, "page": None})
    def attack(q, page):
        params = {"q": q} if page is None else {"q": q, "page": page}
        response = client.get(url, params)
        assert response.status_code < 500, (params, response.status_code)

    attack()


def test_api_detail_and_directory_detail_never_fail_on_any_id(client, directory_demo):
    known = list(Institution.objects.values_list("pk", flat=True)[:3])

    @FUZZ
    @given(
        pk=st.one_of(st.sampled_from(known), st.integers(min_value=0)),
        slug=st.one_of(hostile_text, st.from_regex(r"[\w-]{1,80}", fullmatch=True)),
    )
    def attack(pk, slug):
        response = client.get(f"/api/v1/institutions/{pk}/")
        assert response.status_code in (200, 404), (pk, response.status_code)
        assert "error" in json.loads(response.content) or response.status_code == 200
        response = client.get("/directory/" + slug.replace("/", "") + "/")
        assert response.status_code < 500, (slug, response.status_code)
        response = client.get("/directory/compare/", {"id": [pk, slug]})
        assert response.status_code < 500, (pk, slug, response.status_code)

    attack()


def test_the_api_answers_every_other_method_with_chinese_json(directory_demo):
    browser = Client(enforce_csrf_checks=True)
    pk = Institution.objects.values_list("pk", flat=True).first()

    @FUZZ
    @given(
        method=st.sampled_from(["post", "put", "patch", "delete", "options"]),
        url=st.sampled_from(["/api/v1/institutions/", f"/api/v1/institutions/{pk}/"]),
        body=hostile_text,
    )
    def attack(method, url, body):
        response = getattr(browser, method)(url, body, content_type="application/json")
        assert response.status_code < 500, (method, url, response.status_code)

    attack()
