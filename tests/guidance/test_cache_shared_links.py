"""A link shared in WeChat or tagged by a campaign is served from the page cache like its plain URL."""

import pytest

from tests.guidance.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_wechat_shared_link_is_served_from_the_cache(client, sections):
    ArticleFactory(slug="shared", title="辅食添加")
    plain = client.get("/guidance/shared/")

    shared = client.get("/guidance/shared/?from=singlemessage&isappinstalled=0")

    assert plain["X-Page-Cache"] == "miss"
    assert shared["X-Page-Cache"] == "hit"
    assert shared.content == plain.content


def test_the_first_visit_through_a_shared_link_fills_the_cache_for_the_plain_url(client, sections):
    ArticleFactory(slug="shared", title="辅食添加")

    first = client.get("/guidance/shared/?from=timeline&isappinstalled=0&utm_source=wechat")

    assert first["X-Page-Cache"] == "miss"
    assert client.get("/guidance/shared/")["X-Page-Cache"] == "hit"
    assert "timeline" not in first.content.decode()


@pytest.mark.parametrize(
    "tag", ["utm_source=newsletter&utm_campaign=spring", "spm=a2c4g.11186623", "share_token=abc"]
)
def test_campaign_and_share_tags_on_a_filtered_index_keep_the_filter_and_hit_the_cache(client, sections, tag):
    ArticleFactory(title="6 月龄辅食")
    client.get("/guidance/?age=6-12m")

    tagged = client.get(f"/guidance/?age=6-12m&{tag}")

    assert tagged["X-Page-Cache"] == "hit"
    assert "6 月龄辅食" in tagged.content.decode()


def test_other_parameters_still_bypass_the_cache(client, sections):
    ArticleFactory(slug="shared")
    client.get("/guidance/shared/")

    response = client.get("/guidance/shared/?preview=1")

    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_a_deployment_adds_its_own_tracking_parameters(client, sections, settings):
    settings.PAGE_CACHE_IGNORED_PARAMETERS = [*settings.PAGE_CACHE_IGNORED_PARAMETERS, "scene", "clicktime"]
    ArticleFactory(slug="shared")
    client.get("/guidance/shared/")

    assert client.get("/guidance/shared/?scene=1&clicktime=1732780800")["X-Page-Cache"] == "hit"
