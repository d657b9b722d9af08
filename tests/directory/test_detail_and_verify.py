"""The public institution page and the "is it filed?" check."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import (
    CreditRecordFactory,
    InspectionFactory,
    InstitutionClassFactory,
    InstitutionFactory,
    StreetFactory,
    add_sample_offer,
)


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def sunny(directory_page):
    institution = InstitutionFactory(
        name="阳光宝贝托育中心",
        quality_grade="B",
        star_level=4,
        inclusive=True,
        filing_number="豫鹤卫托备〔2026〕00001号",
        filing_date=datetime.date(2026, 3, 1),
        filing_authority="淇滨区卫生健康委员会",
        capacity=35,
        vacancies=4,
    )
    add_sample_offer(institution)
    CreditRecordFactory(institution=institution, kind="bad", summary="超出备案托位数招收婴幼儿。")
    return institution


@pytest.mark.django_db
def test_detail_page_shows_filing_fees_classes_vacancies_inspections_and_credit(client, sunny):
    response = client.get(f"/directory/{sunny.slug}/")

    assert response.status_code == 200
    page = text_of(response)
    assert "阳光宝贝托育中心" in page
    assert "豫鹤卫托备〔2026〕00001号" in page
    assert "2026年3月1日" in page
    assert "淇滨区卫生健康委员会" in page
    assert "普惠托育" in page
    assert "全日托 2800 元/月" in page
    assert "临时托 按次收费，请电话咨询" in page
    assert "托小班 12–24 个月 15 人 3 个" in page
    assert "托大班 24–36 个月 20 人 1 个" in page
    assert "共 35 个，空余 4 个" in page
    assert "B 级（依据 WS/T 821-2023）" in page
    assert "4 星" in page
    assert "限期整改" in page and "插座缺少防护盖" in page
    assert "失信（不良）" in page and "超出备案托位数招收婴幼儿" in page
    assert sunny.credit_code in page


@pytest.mark.django_db
def test_detail_page_links_to_the_complaint_form_with_the_institution_chosen(client, sunny):
    html = client.get(f"/directory/{sunny.slug}/").content.decode()

    assert f'href="/complaints/submit/?institution={sunny.pk}"' in html
    assert "投诉举报" in html


@pytest.mark.django_db
def test_detail_page_map_uses_the_configured_tiles_and_keeps_the_address_readable(client, sunny, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"

    response = client.get(f"/directory/{sunny.slug}/")

    html = response.content.decode()
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-lat="35.750000"' in html
    assert "directory/vendor/leaflet/leaflet.js" in html
    assert "directory/detail.js" in html
    # The address is in the page itself, not only on the map.
    assert sunny.address in text_of(response)
    assert "地图底图暂时无法加载，请以上面的地址为准。" in html
    assert "<script>" not in html and 'style="' not in html


@pytest.mark.django_db
def test_home_based_care_page_hides_the_house_number_and_the_exact_point(client, directory_page):
    street = StreetFactory(name="九州路街道")
    home = InstitutionFactory(
        home_based=True,
        street=street,
        district=street.district,
        latitude=35.748213,
        longitude=114.296871,
    )

    response = client.get(f"/directory/{home.slug}/")

    page = text_of(response)
    assert "淇滨区九州路街道（家庭托育点，具体门牌请电话咨询）" in page
    assert "3 单元" not in page
    html = response.content.decode()
    # The centre of its 0.01° grid cell, as in the API and on the search map.
    assert 'data-lat="35.745000" data-lng="114.295000"' in html
    assert "35.748213" not in html
    assert "家庭托育点只显示大致位置" in page


@pytest.mark.django_db
@pytest.mark.parametrize("trait", [{"status": "suspended"}, {"status": "cancelled"}, {"unfiled": True}])
def test_detail_page_is_not_public_for_suspended_cancelled_or_unfiled_institutions(
    client, directory_page, trait
):
    institution = InstitutionFactory(**trait)

    response = client.get(f"/directory/{institution.slug}/")

    assert response.status_code == 404
    page = text_of(response)
    assert "这家机构目前不在公开的托育机构名录中" in page
    assert institution.filing_number not in page or not institution.filing_number
    assert institution.address not in page
    assert f"/directory/verify/?q={institution.credit_code}" in response.content.decode()


@pytest.mark.django_db
def test_unknown_institution_slug_is_a_plain_404(client, directory_page):
    assert client.get("/directory/no-such-nursery/").status_code == 404


@pytest.mark.django_db
def test_detail_page_query_count_does_not_grow_with_records(client, sunny):
    # A searched point keeps the page out of the page cache, so both requests render it.
    url = f"/directory/{sunny.slug}/?lat=35.75&lng=114.30"
    client.get(url)  # the first request warms the site and settings caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(5):
        InspectionFactory(institution=sunny)
        CreditRecordFactory(institution=sunny)
        InstitutionClassFactory(institution=sunny)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


@pytest.mark.django_db
def test_verify_confirms_a_filed_institution_by_part_of_its_name(client, sunny):
    response = client.get("/directory/verify/", {"q": "阳光宝贝"})

    page = text_of(response)
    assert response.status_code == 200
    assert "已备案，正常运营" in page
    assert "豫鹤卫托备〔2026〕00001号" in page
    assert f'href="/directory/{sunny.slug}/"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("trait", "verdict"),
    [
        ({"status": "suspended"}, "已备案，目前暂停服务"),
        ({"status": "cancelled"}, "已注销"),
        ({"unfiled": True}, "未备案"),
    ],
)
def test_verify_answers_for_suspended_cancelled_and_unfiled_institutions_by_credit_code(
    client, directory_page, trait, verdict
):
    institution = InstitutionFactory(name="小橡树托育园", **trait)

    response = client.get("/directory/verify/", {"q": institution.credit_code.lower()})

    page = text_of(response)
    assert "小橡树托育园" in page
    assert verdict in page
    assert f"/complaints/submit/?institution={institution.pk}" in response.content.decode()


@pytest.mark.django_db
def test_verify_says_clearly_when_nothing_is_found_and_points_to_complaints(client, directory_page):
    response = client.get("/directory/verify/", {"q": "不存在的托育园"})

    page = text_of(response)
    assert "没有查到“不存在的托育园”" in page
    assert "可能还没有备案" in page
    assert 'href="/complaints/submit/"' in response.content.decode()


@pytest.mark.django_db
def test_verify_warns_about_a_mistyped_credit_code(client, directory_page):
    response = client.get("/directory/verify/", {"q": "91350100M000100Y44"})

    assert "统一社会信用代码校验位不正确：最后一位应为 3" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [("", "请输入机构名称"), ("托" * 101, "查询内容太长了")],
)
def test_verify_explains_empty_and_overlong_queries(client, directory_page, query, message):
    response = client.get("/directory/verify/", {"q": query})

    assert response.status_code == 200
    assert message in text_of(response)


@pytest.mark.django_db
def test_verify_page_without_a_query_shows_the_form(client, directory_page):
    response = client.get("/directory/verify/")

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert "请输入机构名称" not in text_of(response)


@pytest.mark.django_db
def test_detail_page_shows_photos_with_their_captions_as_alt_text(client, sunny):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from directory.models import InstitutionPhoto

    image = Image.objects.create(title="活动室", file=get_test_image_file())
    InstitutionPhoto.objects.create(institution=sunny, image=image, caption="宽敞明亮的活动室")

    html = client.get(f"/directory/{sunny.slug}/").content.decode()

    assert 'alt="宽敞明亮的活动室"' in html
    assert "<figcaption>宽敞明亮的活动室</figcaption>" in html


@pytest.mark.django_db
def test_verify_matches_every_word_of_a_spaced_name(client, sunny):
    page = text_of(client.get("/directory/verify/", {"q": "阳光  托育中心"}))

    assert "阳光宝贝托育中心" in page
    assert "已备案，正常运营" in page


@pytest.mark.django_db
def test_directory_managers_see_an_edit_link_and_parents_do_not(client, sunny, roles):
    from tests.factories import UserFactory
    from website.roles import DIRECTORY_MANAGERS

    edit_url = f"/admin/snippets/directory/institution/edit/{sunny.pk}/"
    assert edit_url not in client.get(f"/directory/{sunny.slug}/").content.decode()

    client.force_login(UserFactory(username="detail-manager", groups=[DIRECTORY_MANAGERS]))

    assert edit_url in client.get(f"/directory/{sunny.slug}/").content.decode()
