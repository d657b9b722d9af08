"""The /benefits/ pages from the demo: what a parent reads, the checker form, the offices search."""

import io

import pytest
from django.core.management import call_command

from benefits.models import BenefitPage, ClaimChannel, ClaimOffice, LocalTopUp, SubsidyRule
from guidance.models import PolicyDocumentPage

pytestmark = pytest.mark.django_db

CHECKER = "/benefits/childcare-subsidy/"


def test_benefits_index_lists_family_and_operator_pages_and_the_checker(client, benefits_demo):
    response = client.get("/benefits/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "育儿补贴与家庭福利" in html
    assert 'action="/benefits/childcare-subsidy/"' in html
    assert "国家育儿补贴：谁能领、领多少、怎么领" in html
    assert "托育机构可以申请的支持" in html


def test_the_section_is_in_the_main_navigation(client, benefits_demo):
    html = client.get("/").content.decode()
    assert 'href="/benefits/"' in html


def test_every_statement_on_the_national_page_cites_its_document(client, benefits_demo):
    response = client.get("/benefits/national-childcare-subsidy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="statement"') == html.count('class="citation"') >= 5
    assert "中共中央办公厅 国务院办公厅" in html
    assert "2025年7月28日" in html
    assert "未公开文号" in html
    assert 'href="/policies/childcare-subsidy-scheme-2025/"' in html
    assert "免征个人所得税" in html
    assert "出生医学证明" in html and "户口簿" in html


def test_the_national_scheme_has_its_own_policy_page_without_an_invented_number(client, benefits_demo):
    policy = PolicyDocumentPage.objects.get(slug="childcare-subsidy-scheme-2025")
    assert policy.document_number == ""
    response = client.get("/policies/childcare-subsidy-scheme-2025/")
    assert response.status_code == 200
    assert "公开发布稿中未见文号" in response.content.decode()


def test_local_measures_name_their_area_source_and_validity(client, benefits_demo):
    html = client.get("/benefits/local-measures/").content.decode()
    assert "鹤政办〔2020〕29号" in html
    assert "北区政办发〔2020〕56号" in html
    assert "江西省人民政府办公厅" in html
    assert "自 2021 年 1 月 4 日起实施" in html
    assert "1 万元" in html
    assert 'href="/directory/?inclusive=1"' in html


def test_invented_local_content_is_marked_as_demo_data(client, benefits_demo):
    html = client.get("/benefits/inclusive-childcare-for-families/").content.decode()
    assert "【演示数据】" in html
    assert 'href="/directory/?inclusive=1"' in html


def test_the_checker_shows_months_and_amounts_per_year_and_the_rule_version(client, benefits_demo):
    response = client.get(CHECKER, {"birth": "2023-12-15"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "可以领取：按现行标准共 24 个月，合计 7,200 元。" in html
    assert '<th scope="row">2025 年</th><td>12</td><td>3,600</td>' in html
    assert "国家基础标准（2025 年起）" in html
    assert "该标准最后修订于" in html
    assert "二孩、三孩育儿补贴加发（演示）" in html


def test_the_checker_without_a_date_shows_the_form_and_the_claim_channels(client, benefits_demo):
    html = client.get(CHECKER).content.decode()
    assert 'name="birth"' in html
    assert "result-title" not in html
    assert "国家政务服务平台" in html and "支付宝" in html


def test_the_checker_explains_an_impossible_date_on_the_page(client, benefits_demo):
    response = client.get(CHECKER, {"birth": "2025-02-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2025 年 2 月没有 30 日" in html
    assert 'aria-invalid="true"' in html


def test_the_checker_says_an_older_child_is_not_covered(client, benefits_demo):
    html = client.get(CHECKER, {"birth": "2021-05-01"}).content.decode()
    assert "不在补贴范围内" in html


def test_offices_are_found_by_a_typed_district_or_street(client, benefits_demo):
    html = client.get(CHECKER, {"place": "淇滨区"}).content.decode()
    assert "九州路街道便民服务中心" in html
    assert "中山路街道便民服务中心" not in html
    html = client.get(CHECKER, {"place": "中山路"}).content.decode()
    assert "中山路街道便民服务中心" in html
    assert "周一至周五" in html


def test_an_unknown_place_says_nothing_was_found(client, benefits_demo):
    html = client.get(CHECKER, {"place": "火星基地"}).content.decode()
    assert "没有找到与“火星基地”相符的窗口" in html


def test_an_empty_place_asks_for_one(client, benefits_demo):
    html = client.get(CHECKER, {"place": " "}).content.decode()
    assert "请输入街道、乡镇或小区名称。" in html


def test_birth_and_place_answer_on_one_screen(client, benefits_demo):
    html = client.get(CHECKER, {"birth": "2024-12-01", "place": "浚县"}).content.decode()
    assert "合计 10,800 元" in html
    assert "浚州街道便民服务中心" in html
    assert 'href="/directory/?inclusive=1"' in html


def test_the_demo_is_idempotent(benefits_demo, load_demo):
    models = (BenefitPage, PolicyDocumentPage, SubsidyRule, LocalTopUp, ClaimChannel, ClaimOffice)
    counts = [model.objects.count() for model in models]
    load_demo("benefits")
    assert counts == [model.objects.count() for model in models]


def test_roles_let_reviewers_change_the_standard_and_editors_only_the_offices(benefits_demo):
    from django.contrib.auth.models import Group

    from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS

    call_command("setup_roles", stdout=io.StringIO())
    editor_codes = set(
        Group.objects.get(name=GUIDANCE_EDITORS).permissions.values_list("codename", flat=True)
    )
    reviewer_codes = set(
        Group.objects.get(name=GUIDANCE_REVIEWERS).permissions.values_list("codename", flat=True)
    )
    assert "change_claimoffice" in editor_codes
    assert "change_subsidyrule" not in editor_codes
    assert "change_subsidyrule" in reviewer_codes


def test_site_search_finds_the_benefit_pages(client, benefits_demo):
    html = client.get("/search/", {"q": "育儿补贴"}).content.decode()
    assert 'href="/benefits/national-childcare-subsidy/"' in html
