"""Directory managers maintain institutions in the Wagtail admin."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.credit_code import make as make_credit_code
from directory.models import Institution
from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import DistrictFactory, InstitutionFactory, InstitutionServiceFactory

INDEX = "wagtailsnippets_directory_institution:list"


@pytest.fixture
def manager(client, roles):
    user = UserFactory(username="manager", groups=[DIRECTORY_MANAGERS])
    client.force_login(user)
    return user


def listed_names(response):
    return {row.name for row in response.context["object_list"]}


@pytest.mark.django_db
def test_manager_searches_the_admin_listing_by_chinese_name_and_credit_code(client, manager):
    sunny = InstitutionFactory(name="阳光宝贝托育中心")
    InstitutionFactory(name="小橡树托育园")

    by_name = client.get(reverse(INDEX), {"q": "阳光"})
    by_code = client.get(reverse(INDEX), {"q": sunny.credit_code.lower()})

    assert by_name.status_code == 200
    assert listed_names(by_name) == {"阳光宝贝托育中心"}
    assert listed_names(by_code) == {"阳光宝贝托育中心"}


@pytest.mark.django_db
def test_manager_filters_the_listing_by_district_service_status_and_inclusive(client, manager):
    qibin = DistrictFactory(code="410611", name="淇滨区")
    qixian = DistrictFactory(code="410622", name="淇县")
    half_day = InstitutionFactory(name="淇县半日托园", district=qixian)
    InstitutionServiceFactory(institution=half_day, service_type="half_day")
    full_day = InstitutionFactory(name="淇滨全日托园", district=qibin, inclusive=True)
    InstitutionServiceFactory(institution=full_day, service_type="full_day")
    InstitutionFactory(name="淇滨暂停园", district=qibin, status="suspended")

    assert listed_names(client.get(reverse(INDEX), {"district": qixian.pk})) == {"淇县半日托园"}
    assert listed_names(client.get(reverse(INDEX), {"service": "half_day"})) == {"淇县半日托园"}
    assert listed_names(client.get(reverse(INDEX), {"status": "suspended"})) == {"淇滨暂停园"}
    assert listed_names(client.get(reverse(INDEX), {"inclusive": "true"})) == {"淇滨全日托园"}


def edit_data(institution, **overrides):
    data = {
        "name": institution.name,
        "credit_code": institution.credit_code,
        "slug": institution.slug,
        "kind": institution.kind,
        "nature": institution.nature,
        "organiser_type": institution.organiser_type,
        "status": institution.status,
        "district": institution.district_id,
        "street": "",
        "address": institution.address,
        "latitude": institution.latitude,
        "longitude": institution.longitude,
        "phone": institution.phone,
        "opening_hours": institution.opening_hours,
        "description": institution.description,
        "photos": inline_formset([]),
        "min_age_months": institution.min_age_months,
        "max_age_months": institution.max_age_months,
        "capacity": institution.capacity,
        "vacancies": institution.vacancies,
        "vacancies_updated_at": "",
        "services": inline_formset([{"service_type": "full_day", "monthly_fee": "2800"}]),
        "classes": inline_formset([]),
        "filing_number": institution.filing_number,
        "filing_date": "2026-03-01",
        "filing_authority": institution.filing_authority,
        "quality_grade": "",
        "star_level": "",
        "inspections": inline_formset([]),
        "credit_records": inline_formset([]),
        "enrolment_steps": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.django_db
def test_editing_saves_inline_classes_and_inspections_and_keeps_a_revision(client, manager):
    institution = InstitutionFactory(name="阳光宝贝托育中心")
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])

    response = client.post(
        url,
        edit_data(
            institution,
            name="阳光宝贝托育中心（新址）",
            quality_grade="A",
            star_level="4",
            classes=inline_formset([{"class_type": "infant", "capacity": "10", "vacancies": "2"}]),
            inspections=inline_formset(
                [{"date": "2026-06-01", "authority": "淇滨区卫生健康委", "result": "pass", "summary": "合格"}]
            ),
        ),
    )

    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.name == "阳光宝贝托育中心（新址）"
    assert institution.rating == 4.5
    assert [(c.class_type, c.capacity) for c in institution.classes.all()] == [("infant", 10)]
    assert institution.inspections.get().authority == "淇滨区卫生健康委"
    assert institution.revisions.count() == 1
    assert institution.latest_revision.content["name"] == "阳光宝贝托育中心（新址）"


@pytest.mark.django_db
def test_editing_refuses_a_class_above_the_national_limit_with_a_chinese_message(client, manager):
    institution = InstitutionFactory()
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])

    response = client.post(
        url, edit_data(institution, classes=inline_formset([{"class_type": "infant", "capacity": "12"}]))
    )

    assert response.status_code == 200
    assert "乳儿班每班不超过 10 人（托育机构设置标准），当前为 12 人。" in response.content.decode()
    assert not institution.classes.exists()


@pytest.mark.django_db
def test_editing_refuses_a_wrong_credit_code_check_character(client, manager):
    institution = InstitutionFactory()
    code = institution.credit_code
    wrong = code[:17] + ("1" if code[17] != "1" else "2")
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])

    response = client.post(url, edit_data(institution, credit_code=wrong))

    assert response.status_code == 200
    assert f"统一社会信用代码校验位不正确：最后一位应为 {code[17]}" in response.content.decode()


@pytest.mark.django_db
def test_manager_uploads_a_gb18030_csv_and_sees_which_rows_failed_and_why(client, manager):
    DistrictFactory(code="410611", name="淇滨区")
    good = make_credit_code("52410611MJ3000001")
    bad = make_credit_code("52410611MJ3000002")[:17] + "0"
    if bad == make_credit_code("52410611MJ3000002"):
        bad = bad[:17] + "1"
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["机构名称", "统一社会信用代码", "区县代码", "区县名称", "地址", "服务类型", "托位数"])
    writer.writerow(["上传的托育园", good, "410611", "淇滨区", "淇滨区华山路 1 号", "全日托", "30"])
    writer.writerow(["代码错误的托育园", bad, "410611", "淇滨区", "淇滨区华山路 2 号", "全日托", "30"])
    upload = SimpleUploadedFile("机构.csv", text.getvalue().encode("gb18030"), content_type="text/csv")

    response = client.post(reverse("wagtailsnippets_directory_institution:import"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert "共 2 行：新增 1 家，更新 0 家，拒绝 1 行。" in page
    assert "第 3 行" in page
    assert "代码错误的托育园" in page
    assert "统一社会信用代码校验位不正确" in page
    assert Institution.objects.filter(name="上传的托育园").exists()


@pytest.mark.django_db
def test_upload_of_an_unsupported_file_type_gets_a_chinese_message(client, manager):
    upload = SimpleUploadedFile("机构.xls", b"\xd0\xcf\x11\xe0", content_type="application/vnd.ms-excel")

    response = client.post(reverse("wagtailsnippets_directory_institution:import"), {"file": upload})

    assert response.status_code == 200
    assert "不支持旧版 .xls 文件" in response.content.decode()


@pytest.mark.django_db
def test_manager_downloads_an_export_that_lists_every_institution(client, manager):
    InstitutionFactory(name="阳光宝贝托育中心")

    response = client.get(reverse("wagtailsnippets_directory_institution:export"), {"format": "csv"})

    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("机构名称,统一社会信用代码,备案编号")
    assert "阳光宝贝托育中心" in body


@pytest.mark.django_db
def test_people_outside_the_directory_group_cannot_import(client, roles):
    client.force_login(UserFactory(username="editor", groups=["育儿指导编辑"]))

    response = client.get(reverse("wagtailsnippets_directory_institution:import"))

    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_editing_refuses_the_same_service_type_twice_with_a_chinese_message(client, manager):
    institution = InstitutionFactory()
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])

    response = client.post(
        url,
        edit_data(
            institution,
            services=inline_formset(
                [
                    {"service_type": "full_day", "monthly_fee": "2800"},
                    {"service_type": "full_day", "monthly_fee": "1"},
                ]
            ),
        ),
    )

    assert response.status_code == 200
    assert "全日托" in response.content.decode()
    assert "重复" in response.content.decode()
    assert not institution.services.exists()


@pytest.mark.django_db
def test_admin_add_edit_and_history_pages_open_for_managers(client, manager):
    institution = InstitutionFactory()
    client.post(
        reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk]), edit_data(institution)
    )

    for name, args in [("add", []), ("edit", [institution.pk]), ("history", [institution.pk])]:
        response = client.get(reverse(f"wagtailsnippets_directory_institution:{name}", args=args))
        assert response.status_code == 200, name
    assert client.get(reverse("wagtailsnippets_directory_district:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_directory_street:list")).status_code == 200


@pytest.mark.django_db
def test_editing_refuses_classes_that_add_up_to_more_than_the_capacity(client, manager):
    institution = InstitutionFactory(capacity=20, vacancies=2)
    url = reverse("wagtailsnippets_directory_institution:edit", args=[institution.pk])
    classes = inline_formset(
        [
            {"class_type": "toddler_small", "capacity": "15", "vacancies": "0"},
            {"class_type": "toddler_big", "capacity": "20", "vacancies": "0"},
        ]
    )

    response = client.post(url, edit_data(institution, classes=classes))

    assert response.status_code == 200
    assert "各班级人数上限合计 35 人，多于托位数 20" in response.content.decode()
    assert not institution.classes.exists()


@pytest.mark.django_db
def test_export_follows_the_listing_search_and_filters(client, manager):
    InstitutionFactory(name="阳光宝贝托育中心", inclusive=True)
    InstitutionFactory(name="阳光暂停托育园", status="suspended")
    InstitutionFactory(name="小橡树托育园", inclusive=True)

    listing = client.get(reverse(INDEX), {"q": "阳光", "inclusive": "true"}).content.decode()
    response = client.get(
        reverse("wagtailsnippets_directory_institution:export"),
        {"format": "csv", "q": "阳光", "inclusive": "true"},
    )

    assert "export/?q=%E9%98%B3%E5%85%89&amp;inclusive=true" in listing
    rows = response.content.decode("utf-8-sig").splitlines()
    assert len(rows) == 2
    assert rows[1].startswith("阳光宝贝托育中心,")


@pytest.mark.django_db
def test_institution_chooser_searches_by_name_and_credit_code(client, manager):
    sunny = InstitutionFactory(name="阳光宝贝托育中心")
    InstitutionFactory(name="小橡树托育园")
    url = reverse("wagtailsnippetchoosers_directory_institution:choose_results")

    by_name = client.get(url, {"q": "阳光"})
    by_code = client.get(url, {"q": sunny.credit_code})

    assert by_name.status_code == 200
    assert "阳光宝贝托育中心" in by_name.content.decode()
    assert "小橡树托育园" not in by_name.content.decode()
    assert "阳光宝贝托育中心" in by_code.content.decode()
