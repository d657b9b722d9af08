"""Random text in the parameters of the other public GET endpoints: type-ahead, places, the 育儿补贴
checker (page and JSON), and the guidance and policy index filters. Never a 5xx."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from guidance.models import GuidanceIndexPage, PolicyIndexPage
from website.demo import ensure_child

from .strategies import EDGES, FUZZ, hostile_text, value_or_hostile, with_examples

ENDPOINTS = {
    "/search/suggest/": {"q": ("托育", "tuoyu", "淇")},
    "/api/v1/places/": {"q": ("淇滨区", "九州路", "qibin")},
    "/api/v1/benefits/childcare-subsidy/": {"birth": ("2025-03-01", "2024年3月5号", "2099-01-01")},
    "/benefits/childcare-subsidy/": {
        "birth": ("2025-03-01", "2024/3/5", ""),
        "place": ("淇滨区", "鹤壁东站", ""),
    },
    "/guidance/": {"age": ("0-6m", "6-12m", ""), "topic": ("nutrition", ""), "q": ("发烧", "")},
    "/policies/": {
        "issuer": ("示范市人民政府办公室", ""),
        "year": ("2024", "1900", ""),
        "validity": ("valid", ""),
    },
}
SECTIONS = ["guidance", "policies", "events", "directory", "benefits", "complaints"]


@pytest.fixture
def public_site(load_demo):
    home = load_demo("website", "directory", "places", "benefits")
    ensure_child(home, GuidanceIndexPage, GuidanceIndexPage.section_slug, title="科学育儿")
    ensure_child(home, PolicyIndexPage, PolicyIndexPage.section_slug, title="政策文件")
    return home


def endpoint_requests():
    """(url, params) for any of ENDPOINTS, each parameter plausible or hostile."""
    return st.sampled_from(list(ENDPOINTS)).flatmap(
        lambda url: st.tuples(
            st.just(url),
            st.fixed_dictionaries(
                {},
                optional={name: value_or_hostile(*plausible) for name, plausible in ENDPOINTS[url].items()},
            ),
        )
    )


EDGE_REQUESTS = [(url, {name: edge}) for url, names in ENDPOINTS.items() for name in names for edge in EDGES]


def test_other_public_endpoints_never_fail_on_any_parameter(client, public_site):
    @FUZZ
    @given(request=endpoint_requests())
    @with_examples(EDGE_REQUESTS, lambda request: {"request": request})
    def attack(request):
        url, params = request
        response = client.get(url, params)
        assert response.status_code < 500, (url, params, response.status_code)

    attack()


def test_unknown_paths_under_every_section_never_fail(client, public_site):
    @FUZZ
    @given(section=st.sampled_from(SECTIONS), tail=hostile_text)
    def attack(section, tail):
        response = client.get(f"/{section}/" + tail.replace("/", "").replace("?", "").replace("#", "") + "/")
        assert response.status_code < 500, (section, tail, response.status_code)

    attack()
