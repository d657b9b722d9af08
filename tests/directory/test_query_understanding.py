"""Parents' everyday queries on the demo directory: what they type finds what they mean.

The demo content (website, directory, places) is loaded once for the module inside a transaction that
is rolled back at the end; each test runs in its own savepoint inside it.
"""

import io
import time

import pytest
from django.core.management import call_command
from django.db import transaction

from directory.models import Institution

API = "/api/v1/institutions/"


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                call_command("load_demo", "website", "directory", "places", stdout=io.StringIO())
                yield
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def public(demo, db):
    return Institution.objects.public()


def api(client, **params):
    response = client.get(API, params)
    assert response.status_code == 200, response.content.decode()
    return response.json()


def names(data):
    return [item["name"] for item in data["results"]]


def labels(data):
    return [item["label"] for item in data["understood"]]


def test_tuoersuo_finds_every_nursery(client, public):
    data = api(client, q="托儿所")
    assert data["total"] == public.count()


def test_traditional_characters_find_nurseries(client, public):
    data = api(client, q="託育機構")
    assert data["keyword"] == "托育机构"
    assert data["total"] == public.count()


def test_pinyin_tuoyu_finds_nurseries(client, public):
    data = api(client, q="tuoyu")
    assert data["corrections"] == {"tuoyu": "托育"}
    assert data["total"] == public.count()


def test_puhui_is_the_inclusive_filter(client, public):
    data = api(client, q="普惠")
    assert data["understood"] == [{"word": "普惠", "filter": "inclusive", "value": True, "label": "普惠"}]
    assert data["total"] == public.filter(inclusive=True).count() > 0
    assert all(item["inclusive"] for item in data["results"])


def test_puhui_tuoyu_in_a_district(client, public):
    data = api(client, q="普惠托育 鹤山区")
    assert labels(data) == ["普惠", "鹤山区"]
    expected = public.filter(inclusive=True, district__name="鹤山区").count()
    assert data["total"] == expected > 0
    assert {item["district"]["name"] for item in data["results"]} == {"鹤山区"}


def test_city_name_never_excludes_a_name_match(client, public):
    data = api(client, q="鹤壁小蜜蜂")
    assert data["total"] == public.filter(name__contains="小蜜蜂").count() > 0
    assert all("小蜜蜂" in name for name in names(data))


def test_age_and_service_words_are_filters_not_text(client, public):
    data = api(client, q="18个月 全日托")
    assert labels(data) == ["18个月", "全日托"]
    expected = public.filter(
        min_age_months__lte=18, max_age_months__gte=18, services__service_type="full_day"
    ).distinct()
    assert data["total"] == expected.count() > 27


def test_county_and_a_name_jieba_cannot_split(client, public):
    data = api(client, q="淇县暖暖")
    assert labels(data) == ["淇县"]
    assert data["total"] == public.filter(district__name="淇县", name__contains="暖暖").count() > 0
    assert all(name.startswith("淇县暖暖") for name in names(data))


@pytest.mark.parametrize("spelling", ["xiaohaitun", "xht", "XiaoHaiTun"])
def test_pinyin_and_initials_find_xiaohaitun(client, public, spelling):
    data = api(client, q=spelling)
    assert data["total"] == public.filter(name__contains="小海豚").count() > 0
    assert all("小海豚" in name for name in names(data))


def test_inclusive_county_and_age_mean_what_they_say(client, public):
    data = api(client, q="普惠 淇县 18个月")
    assert labels(data) == ["普惠", "淇县", "18个月"]
    expected = public.filter(
        inclusive=True, district__name="淇县", min_age_months__lte=18, max_age_months__gte=18
    )
    assert data["total"] == expected.count() > 0
    page = client.get("/directory/", {"q": "普惠 淇县 18个月"}).content.decode()
    assert "已按" in page and "筛选" in page
    assert 'aria-label="取消“淇县”这个条件"' in page


def test_undo_link_searches_without_that_word(client, public):
    page = client.get("/directory/", {"q": "普惠 淇县"})
    undo = next(link for link in page.context["understood"] if link["item"].label == "淇县")["undo"]
    again = client.get("/directory/" + undo)
    assert [link["item"].label for link in again.context["understood"]] == ["普惠"]


def test_near_a_road_with_a_service_lists_nearest_first_with_distances(client, public):
    data = api(client, q="九州路 附近 全日托")
    assert data["origin"]["name"] == "九州路"
    assert data["origin"]["district"] == "淇滨区"
    assert data["sort"] == "distance"
    distances = [item["distance_km"] for item in data["results"]]
    assert distances and distances == sorted(distances) and distances[-1] <= 3
    assert "full_day" in {service for item in data["results"] for service in item["services"]}
    assert all("full_day" in item["services"] for item in data["results"])


def test_near_parameter_says_which_place_was_used(client, public):
    data = api(client, near="淇滨区政府")
    assert data["origin"]["name"] == "淇滨区政府"
    assert data["origin"]["lat"] == pytest.approx(35.748)
    assert data["total"] > 0


def test_landmark_inside_the_keyword(client, public):
    data = api(client, q="淇滨区政府附近")
    assert data["origin"]["place"] == "淇滨区政府"
    assert data["keyword"] == ""


def test_unknown_place_is_a_chinese_400_on_the_api_and_a_note_on_the_page(client, public):
    response = client.get(API, {"near": "火星基地"})
    assert response.status_code == 400
    assert response.json()["field"] == "near"
    assert "没有找到名为“火星基地”的地点" in response.json()["error"]
    page = client.get("/directory/", {"near": "火星基地"})
    assert "没有找到名为“火星基地”的地点" in page.content.decode()


def test_namesakes_are_offered_as_choices(client, public):
    data = api(client, near="九州路")
    assert {choice["district"] for choice in data["choices"]} >= {"淇县", "浚县"}
    chosen = api(client, near=next(c["near"] for c in data["choices"] if c["district"] == "淇县"))
    assert chosen["origin"]["district"] == "淇县"
    page = client.get("/directory/", {"near": "九州路"}).content.decode()
    assert "淇县九州路" in page or "九州路（淇县" in page


def test_a_misspelt_name_is_corrected(client, public):
    data = api(client, q="小象树")
    assert data["rescue"]["kind"] == "corrected"
    assert data["rescue"]["replacement"] == "小橡树"
    assert data["total"] > 0 and all("小橡树" in name for name in names(data))


def test_zero_results_relax_the_least_important_word(client, public):
    data = api(client, q="小海豚 火星路")
    assert data["rescue"]["kind"] == "relaxed"
    assert "小海豚" in data["rescue"]["message"]
    assert data["total"] > 0 and all("小海豚" in name for name in names(data))


def test_nothing_found_page_offers_browsing_by_district_and_service(client, public):
    page = client.get("/directory/", {"q": "zzzzqqq"}).content.decode()
    assert "按区县浏览" in page and "按服务类型浏览" in page


def test_inclusive_first_sort_puts_inclusive_institutions_first(client, public):
    data = api(client, q="乐乐", sort="inclusive")
    flags = [item["inclusive"] for item in data["results"]]
    assert True in flags and False in flags
    assert flags == sorted(flags, reverse=True)


def test_vacancy_and_voucher_words(client, public):
    data = api(client, q="有空位 托育券")
    assert [item["filter"] for item in data["understood"]] == ["vacancy", "voucher"]
    expected = public.filter(vacancies__gt=0, accepts_childcare_voucher=True).count()
    assert data["total"] == expected
    form = api(client, voucher="1")
    assert form["total"] == public.filter(accepts_childcare_voucher=True).count()


def test_name_matches_rank_before_address_matches(client, public):
    data = api(client, q="九州路")
    assert "九州路" in names(data)[0]


def test_suggest_offers_names_streets_districts_and_services_from_one_character(client, public):
    response = client.get(API + "suggest/", {"q": "淇"})
    kinds = {item["kind"] for item in response.json()["suggestions"]}
    assert response.status_code == 200 and kinds & {"区县", "机构"}
    pinyin = client.get(API + "suggest/", {"q": "xht"}).json()["suggestions"]
    assert pinyin and all("小海豚" in item["label"] for item in pinyin)
    service = client.get(API + "suggest/", {"q": "全"}).json()["suggestions"]
    assert service[0] == {"label": "全日托", "kind": "服务", "url": "/directory/?service=full_day"}


def test_suggest_answers_quickly(client, public):
    client.get(API + "suggest/", {"q": "小"})  # the vocabulary is built once
    started = time.perf_counter()
    for prefix in ("小", "淇县", "xh", "阳光", "九州路"):
        client.get(API + "suggest/", {"q": prefix})
    assert (time.perf_counter() - started) / 5 < 0.25  # generous: the benchmark measures it precisely


def test_directory_keyword_box_is_a_combobox_that_works_without_javascript(client, public):
    page = client.get("/directory/").content.decode()
    assert 'data-suggest-url="/api/v1/institutions/suggest/"' in page
    assert 'name="q"' in page and 'name="near"' in page and "website/js/suggest.js" in page
