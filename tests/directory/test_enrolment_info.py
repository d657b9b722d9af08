"""入托须知 on an institution's page: what its managers wrote, or the usual way and a call to ask."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset

from directory.models import EnrolmentStep, Institution
from tests.factories import UserFactory
from website.roles import DIRECTORY_MANAGERS

from .factories import InstitutionFactory
from .test_admin import edit_data


def section(response):
    """The text of the 入托须知 section, tags replaced by spaces."""
    html = response.content.decode()
    html = html[html.index('id="inst-enrol"') : html.index('id="inst-inspections"')]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.django_db
def test_detail_page_shows_the_institutions_own_steps_materials_and_visiting_times(client, directory_page):
    nursery = InstitutionFactory(
        enrolment_materials="出生医学证明\n预防接种证\n\n近期体检报告；",
        visiting_times="每周三、周五 15:00–16:30，请提前一天预约",
    )
    EnrolmentStep.objects.create(
        institution=nursery, title="微信或电话预约", detail="告知孩子月龄", sort_order=0
    )
    EnrolmentStep.objects.create(institution=nursery, title="试托半天", sort_order=1)

    text = section(client.get(f"/directory/{nursery.slug}/"))

    assert text.index("微信或电话预约") < text.index("告知孩子月龄") < text.index("试托半天")
    assert "出生医学证明" in text and "近期体检报告" in text and "近期体检报告；" not in text
    assert "每周三、周五 15:00–16:30，请提前一天预约" in text
    assert "一般流程" not in text and "请致电机构咨询" not in text


@pytest.mark.django_db
def test_an_institution_without_enrolment_info_shows_the_usual_way_and_asks_to_call(client, directory_page):
    nursery = InstitutionFactory(phone="0392-7654321")
    text = section(client.get(f"/directory/{nursery.slug}/"))

    assert "机构尚未填写本园的入托须知，以下是一般流程" in text
    assert "入托健康检查" in text and "预防接种证" in text
    assert "请致电机构咨询" in text and "0392-7654321" in text


@pytest.mark.django_db
def test_only_the_missing_part_falls_back_to_the_usual_way(client, directory_page):
    nursery = InstitutionFactory(visiting_times="工作日上午")
    text = section(client.get(f"/directory/{nursery.slug}/"))

    assert "工作日上午" in text
    assert "入托流程 （一般流程，具体请致电机构咨询）" in text
    assert "需要准备的材料 （一般要求，具体请致电机构咨询）" in text


@pytest.mark.django_db
def test_a_directory_manager_writes_the_enrolment_steps_in_the_admin(client, roles, directory_page):
    client.force_login(UserFactory(groups=[DIRECTORY_MANAGERS]))
    nursery = InstitutionFactory()
    url = reverse("wagtailsnippets_directory_institution:edit", args=[nursery.pk])
    assert "入托须知" in client.get(url).content.decode()

    data = edit_data(
        nursery,
        enrolment_steps=inline_formset(
            [{"title": "电话预约参观", "detail": "工作日 9:00–17:00"}, {"title": "体检"}]
        ),
        enrolment_materials="出生医学证明\n预防接种证",
        visiting_times="周三下午",
    )
    response = client.post(url, data)

    assert response.status_code == 302
    nursery = Institution.objects.get(pk=nursery.pk)
    assert [step.title for step in nursery.enrolment_steps.all()] == ["电话预约参观", "体检"]
    assert nursery.visiting_times == "周三下午"
    assert "电话预约参观" in client.get(f"/directory/{nursery.slug}/").content.decode()


def test_the_demo_gives_a_few_centres_their_own_enrolment_guide_once(load_demo):
    load_demo("website", "directory")
    steps = EnrolmentStep.objects.count()
    load_demo("directory")

    assert steps == EnrolmentStep.objects.count() > 0
    own = EnrolmentStep.objects.first().institution
    assert "儿童入托健康检查表" in own.enrolment_materials
