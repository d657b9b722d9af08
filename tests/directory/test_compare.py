"""/directory/compare/?id=..: up to four public institutions side by side, without an account or JavaScript."""

import re

import pytest

from .factories import InspectionFactory, InstitutionFactory, InstitutionServiceFactory


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def compare(client, *ids, **extra):
    query = "&".join([f"id={value}" for value in ids] + [f"{key}={value}" for key, value in extra.items()])
    return client.get(f"/directory/compare/?{query}")


@pytest.fixture
def three(directory_page):
    sunny = InstitutionFactory(
        name="阳光托育中心", inclusive=True, quality_grade="A", star_level=5, vacancies=3
    )
    InstitutionServiceFactory(institution=sunny, service_type="full_day", monthly_fee=2600)
    InspectionFactory(institution=sunny, result="pass")
    dolphin = InstitutionFactory(name="小海豚托育园", latitude=35.80, longitude=114.29, vacancies=0)
    InstitutionServiceFactory(institution=dolphin, service_type="half_day", monthly_fee=1500)
    home = InstitutionFactory(name="李阿姨家庭托育点", home_based=True)
    return sunny, dolphin, home


@pytest.mark.django_db
def test_compare_shows_fees_ages_vacancies_inclusive_grade_and_last_inspection_side_by_side(client, three):
    sunny, dolphin, home = three
    response = compare(client, sunny.pk, dolphin.pk, home.pk)

    assert response.status_code == 200
    page = text_of(response)
    assert "对比 3 家托育机构" in page
    for name in ("阳光托育中心", "小海豚托育园", "李阿姨家庭托育点"):
        assert name in page
    assert "全日托 2,600 元/月" in page and "半日托 1,500 元/月" in page
    assert "质量评估 A 级、5 星" in page
    assert "2026年6月15日 合格" in page
    assert "3 / 60" in page and "0 / 60" in page
    assert "暂无公开的检查记录" in page
    # Columns keep the order of the link.
    assert page.index("阳光托育中心") < page.index("小海豚托育园") < page.index("李阿姨家庭托育点")


@pytest.mark.django_db
def test_compare_gives_distances_from_a_searched_point_using_a_home_points_coarse_location(client, three):
    sunny, dolphin, home = three
    page = text_of(
        compare(client, sunny.pk, dolphin.pk, home.pk, lat="35.75", lng="114.29", near="幸福里小区")
    )

    assert "距您查找的地点" in page and "幸福里小区" not in page
    assert "不到 0.1 公里" in page  # 阳光 is at the searched point
    assert "5.6 公里" in page  # 小海豚, 0.05° further north
    assert "0.7 公里" in page  # the home point sits at the searched point, but counts from its cell centre


@pytest.mark.django_db
def test_compare_is_the_share_link_of_the_shortlist_and_carries_a_share_card(client, three):
    sunny, dolphin, _ = three
    html = compare(client, sunny.pk, dolphin.pk).content.decode()

    share = f"http://testserver/directory/compare/?id={sunny.pk}&amp;id={dolphin.pk}"
    assert f'<meta property="og:url" content="{share}">' in html
    assert '<meta property="og:title" content="对比 2 家托育机构 · 托育服务公共信息平台">' in html
    assert re.search(
        r'<meta property="og:image" content="http://testserver/static/directory/share-card[^"]*\.png">', html
    )
    assert 'property="og:description" content="阳光托育中心、小海豚托育园' in html


@pytest.mark.django_db
def test_compare_refuses_more_than_four_with_a_chinese_message(client, directory_page):
    ids = [InstitutionFactory().pk for _ in range(5)]
    response = compare(client, *ids)

    assert response.status_code == 400
    page = text_of(response)
    assert "最多同时对比 4 家机构，这个链接里有 5 家" in page
    assert "只对比前 4 家" in page


@pytest.mark.django_db
def test_compare_ignores_malformed_ids_with_a_message_and_shows_the_rest(client, three):
    sunny = three[0]
    response = compare(client, "abc", sunny.pk, "-3", "１２")

    assert response.status_code == 200
    page = text_of(response)
    assert "链接里有 3 个机构编号无效" in page
    assert "abc" not in page  # never echoed back
    assert "对比 1 家托育机构" in page


@pytest.mark.django_db
def test_compare_with_only_malformed_ids_is_a_bad_request(client, directory_page):
    response = compare(client, "abc", "1;drop")
    assert response.status_code == 400
    assert "链接里有 2 个机构编号无效" in text_of(response)


@pytest.mark.django_db
def test_compare_never_shows_a_suspended_or_unfiled_institution_nor_says_it_exists(client, three):
    hidden = InstitutionFactory(name="暂停中的托育园", status="suspended")
    unfiled = InstitutionFactory(name="未备案的托育园", unfiled=True)
    response = compare(client, hidden.pk, unfiled.pk, 999999, 99999999999999999999)

    assert response.status_code == 404
    page = text_of(response)
    assert "暂停中的托育园" not in page and "未备案的托育园" not in page
    assert "有 3 家机构不在公开名录中" in page

    mixed = text_of(compare(client, three[0].pk, hidden.pk))
    assert "对比 1 家托育机构" in mixed and "暂停中的托育园" not in mixed


@pytest.mark.django_db
def test_compare_counts_a_repeated_id_once(client, three):
    sunny = three[0]
    assert "对比 1 家托育机构" in text_of(compare(client, sunny.pk, sunny.pk, sunny.pk, sunny.pk, sunny.pk))


@pytest.mark.django_db
def test_compare_answers_a_flood_of_ids_without_a_server_error(client, directory_page):
    response = client.get("/directory/compare/?" + "&".join(f"id={n}" for n in range(1, 500)))
    assert response.status_code == 400


@pytest.mark.django_db
def test_compare_without_ids_is_my_shortlist_page_explaining_it_needs_no_account(client, directory_page):
    response = client.get("/directory/compare/")
    assert response.status_code == 200
    page = text_of(response)
    assert "我的收藏" in page
    assert "不需要注册账号" in page


@pytest.mark.django_db
def test_each_column_links_to_the_comparison_without_it(client, three):
    sunny, dolphin, home = three
    html = compare(client, sunny.pk, dolphin.pk, home.pk).content.decode()
    assert f'href="/directory/compare/?id={dolphin.pk}&amp;id={home.pk}"' in html
