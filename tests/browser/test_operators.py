"""The public 预约参观 form and the 从业禁止人员 list in Chromium on a 360 px phone: axe-core finds
nothing, nothing scrolls sideways, errors are announced, the confirmation is clear."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from operators.models import VisitRequest
from tests.browser.conftest import assert_accessible
from tests.directory.factories import InstitutionFactory
from tests.operators.factories import BarredPersonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _fits(tab):
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _watch(tab):
    errors = []
    # A refused form answers 400 on purpose; Chromium logs that status as "Failed to load resource".
    tab.on(
        "console",
        lambda m: (
            errors.append(m.text) if m.type == "error" and "Failed to load resource" not in m.text else None
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_a_parent_requests_a_visit_on_a_phone(live_server, directory_page, phone):
    institution = InstitutionFactory(name="阳光宝贝托育中心", slug="yangguang")
    errors = _watch(phone)
    phone.goto(f"{live_server.url}/directory/yangguang/visit/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("预约参观")
    assert _fits(phone)
    assert_accessible(phone)

    phone.get_by_role("button", name="提交预约").click()
    expect(phone.locator(".error-summary")).to_contain_text("请填写您的称呼")
    expect(phone.locator(".error-summary")).to_contain_text("请勾选同意")
    assert phone.title().startswith("错误：")
    assert _fits(phone)
    assert_accessible(phone)

    phone.get_by_label("您的称呼").fill("王女士")
    phone.get_by_label("联系电话").fill("13912345678")
    day = timezone.localdate() + datetime.timedelta(days=5)
    phone.get_by_label("希望参观的日期").fill(day.isoformat())
    phone.get_by_label("孩子的月龄").fill("18")
    phone.get_by_label("我同意把以上信息提供给这家机构").check()
    phone.get_by_role("button", name="提交预约").click()
    expect(phone.locator(".finder-receipt")).to_contain_text("预约已提交，谢谢您！")
    assert _fits(phone)
    assert_accessible(phone)
    visit = VisitRequest.objects.get()
    assert (visit.institution_id, visit.preferred_date, visit.child_age_months) == (institution.pk, day, 18)
    assert errors == []


def test_the_barred_list_reads_on_a_phone_with_names_masked(live_server, directory_page, phone):
    for n in range(3):
        BarredPersonFactory(name=["张三丰", "欧阳娜娜", "李四"][n])
    errors = _watch(phone)
    phone.goto(f"{live_server.url}/directory/barred/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("从业禁止人员名单（终身禁入）")
    table = phone.get_by_role("table")
    expect(table).to_contain_text("张**")
    expect(table).to_contain_text("欧阳**")
    expect(table).not_to_contain_text("张三丰")
    assert _fits(phone)
    assert_accessible(phone)
    assert errors == []
