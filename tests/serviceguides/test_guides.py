import io

import pytest
from openpyxl import load_workbook
from wagtail.documents import get_document_model

from serviceguides.models import ServiceGuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def services(load_demo):
    return load_demo("website", "guidance", "benefits", "serviceguides")


def test_services_index_lists_every_guide_and_the_guidance_centre(client, services):
    text = client.get("/services/").content.decode()
    for title in ("托育机构备案", "开办家庭托育点", "用人单位举办托育服务", "申报普惠托育机构和补助"):
        assert title in text
    assert "托育服务指导中心" in text and "周一至周五 8:30–12:00" in text


def test_filing_guide_answers_how_to_file_end_to_end(client, services):
    text = client.get("/services/childcare-institution-filing/").content.decode()
    for expected in (
        "办理步骤",
        "办理登记",
        "在线填报备案",
        "申请材料",
        "营业执照或其他登记证书",
        "时限与收费",
        "不收费",
        "办理依据",
        "国卫人口发〔2019〕25号",
        "办理地点",
        "华山路 88 号",
    ):
        assert expected in text, expected
    # The seed the guide cites is linked to its page under /policies/.
    assert 'href="/policies/hebi-2020-29/"' in text
    assert "下载托育机构备案书（样表）（XLSX）" in text


def test_downloadable_forms_are_real_spreadsheets(client, services):
    document = get_document_model().objects.get(title="托育机构备案书（样表）")
    response = client.get(document.url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    assert sheet["A2"].value == "机构名称"


def test_inclusive_guide_states_the_amounts_and_says_where_they_come_from(client, services):
    text = client.get("/services/inclusive-childcare-application/").content.decode()
    assert "每月 200 元（演示政策）" in text
    assert "每孩每年 3600 元" in text
    assert "没有规定具体金额" in text


def test_loading_the_demo_twice_changes_nothing(load_demo, services):
    count = ServiceGuidePage.objects.count()
    documents = get_document_model().objects.count()
    load_demo("serviceguides")
    assert ServiceGuidePage.objects.count() == count == 4
    assert get_document_model().objects.count() == documents
