"""An institution's page as a parent reaches it from a search and shares it: the distance from the searched
point, a share card WeChat can show, and the search results linking on with that point."""

import re

import pytest

from .factories import InstitutionFactory


def visible_text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.mark.django_db
def test_detail_page_shows_the_distance_from_the_place_the_parent_searched_around(client, directory_page):
    nursery = InstitutionFactory(latitude=35.7550, longitude=114.2900)
    page = visible_text(client.get(f"/directory/{nursery.slug}/?lat=35.75&lng=114.29&near=九州路"))
    assert "距您查找的地点 0.6 公里" in page


@pytest.mark.django_db
def test_words_from_a_crafted_link_are_never_printed_on_the_page(client, directory_page):
    nursery = InstitutionFactory()
    page = visible_text(client.get(f"/directory/{nursery.slug}/?lat=35.75&lng=114.29&near=请先转账到本账户"))
    assert "请先转账" not in page
    assert "距您查找的地点" in page


@pytest.mark.django_db
def test_a_home_points_distance_is_measured_from_its_coarse_public_point(client, directory_page):
    home = InstitutionFactory(home_based=True, latitude=35.7501, longitude=114.2901)
    page = visible_text(client.get(f"/directory/{home.slug}/?lat=35.7501&lng=114.2901"))
    # The door is a few metres away; the public cell centre (35.755, 114.295) is 0.7 km.
    assert "距您查找时的位置 0.7 公里 （按大致位置计算）" in page


@pytest.mark.parametrize(
    "query",
    [
        "lat=abc&lng=114.29",
        "lat=40.7&lng=-74.0",
        "lat=nan&lng=inf",
        "lat=35.75",
        "lat=1e999&lng=114",
        "near=%00",
    ],
)
@pytest.mark.django_db
def test_a_broken_or_foreign_point_in_the_link_only_drops_the_distance(client, directory_page, query):
    nursery = InstitutionFactory()
    response = client.get(f"/directory/{nursery.slug}/?{query}")
    assert response.status_code == 200
    assert "公里" not in visible_text(response).split("机构简介")[0]


@pytest.mark.django_db
def test_detail_page_carries_an_open_graph_share_card_with_absolute_addresses(client, directory_page):
    nursery = InstitutionFactory(name="小海豚托育园", inclusive=True)
    html = client.get(f"/directory/{nursery.slug}/?lat=35.75&lng=114.29").content.decode()

    assert '<meta property="og:title" content="小海豚托育园 · 已备案托育机构">' in html
    # The shared address is the page itself, without the sender's position.
    assert f'<meta property="og:url" content="http://testserver/directory/{nursery.slug}/">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/directory/share-card[^"]*\.png">', html
    )
    assert re.search(r'<meta property="og:description" content="淇滨区，[^"]*普惠托育，空余托位 8 个', html)
    assert '<meta itemprop="image"' in html  # WeChat's and QQ's crawlers read the schema.org names
    # WeChat's browser, shared without its JS-SDK, takes the page's first image of 300 px or more.
    first_image = re.search(r"<body.*?(<img [^>]+>)", html, re.S).group(1)
    assert re.search(r'src="http://testserver/static/directory/share-square[^"]*\.png"', first_image)
    assert 'width="300" height="300" hidden' in first_image


@pytest.mark.django_db
def test_search_results_link_to_detail_pages_with_the_searched_point(client, directory_page):
    nursery = InstitutionFactory(latitude=35.751, longitude=114.291)
    html = client.get("/directory/?lat=35.75&lng=114.29").content.decode()
    assert f'href="/directory/{nursery.slug}/?lat=35.750000&amp;lng=114.290000"' in html
    assert 'href="/directory/compare/?lat=35.750000&amp;lng=114.290000"' in html  # 我的收藏 keeps it too


@pytest.mark.django_db
def test_the_filter_form_is_open_before_a_search_and_folded_after_one(client, directory_page):
    InstitutionFactory()
    before = client.get("/directory/").content.decode()
    after = client.get("/directory/?q=托育").content.decode()

    assert re.search(r'<details class="dir-filter-panel" id="dir-filter-panel" open>', before)
    assert re.search(r'<details class="dir-filter-panel" id="dir-filter-panel">', after)
    assert "查看 1 个结果" in after
    assert "已选 2 项" in client.get("/directory/?q=托育&service=full_day&inclusive=1").content.decode()


@pytest.mark.django_db
def test_a_wrong_filter_keeps_the_form_open_to_show_the_error(client, directory_page):
    html = client.get("/directory/?age=abc").content.decode()
    assert '<details class="dir-filter-panel" id="dir-filter-panel" open>' in html
