"""The complaint form and its neighbours with the keyboard alone, at 360 px and 1 280 px: Enter does the
primary action, the nursery search happens in place, focus lands on the errors, a photo survives a
correction, 匿名 hides the contact fields, the receipt leads to a pre-filled tracking form (issues 13, 17)."""

import io
import itertools
import re

import pytest
from PIL import Image

from complaints import demo as complaints_demo
from complaints.models import Complaint
from tests.browser import viewports
from tests.browser.conftest import assert_accessible
from tests.directory.factories import InstitutionFactory

pytestmark = pytest.mark.django_db(transaction=True)

tab = viewports.tab  # the fixture: each test that takes `tab` runs at 360 and 1 280 px
tab_until = viewports.tab_until

SUBMIT = "/complaints/submit/"


@pytest.fixture
def channel(home_page):
    from django.core.cache import cache

    cache.clear()
    page, _ = complaints_demo.ensure_channel()
    InstitutionFactory(name="阳光托育中心", address="淇滨区九州路 8 号")
    InstitutionFactory(name="阳光宝贝托育园", address="淇滨区黄河路 3 号")
    return page


@pytest.fixture
def no_script(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    yield context.new_page()
    context.close()


def photo_path(tmp_path, name="孩子手臂.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (200, 60, 30)).save(buffer, format="JPEG")
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def focused(tab, expression="document.activeElement"):
    return tab.evaluate(f"({expression})")


def focused_id(tab):
    return tab.evaluate("document.activeElement.id")


def test_a_keyboard_user_files_a_complaint_about_a_searched_nursery_without_losing_it(
    live_server, channel, tab
):
    tab.goto(live_server.url + SUBMIT)
    tab.evaluate("window.notReloaded = true")

    tab_until(tab, "el.name === 'category'", visible_focus=True)
    tab.keyboard.press("Space")  # the first category, 虐童或伤害儿童
    tab_until(tab, "el.name === 'institution_query'", visible_focus=True)
    tab.keyboard.type("阳光")
    tab.keyboard.press("Enter")  # searches, in place
    tab.wait_for_selector("#results")
    assert focused_id(tab) == "results"
    assert tab.evaluate("window.notReloaded") is True
    assert tab.locator("#site-search-q").input_value() == ""
    assert "找到 2 家机构" in tab.locator("#results").inner_text()
    assert_accessible(tab)

    tab.keyboard.press("Tab")
    assert focused(tab, "document.activeElement.name") == "institution"
    tab.keyboard.press("Space")
    tab_until(tab, "el.name === 'description'", visible_focus=True)
    tab.keyboard.type("午睡时老师把孩子关进储物间，孩子回家后一直哭，手臂上有红印。")
    tab_until(tab, "el.name === 'contact_name'", visible_focus=True)
    tab.keyboard.type("王先生")
    tab.keyboard.press("Tab")
    tab.keyboard.type("13912345678")
    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")  # in 联系人姓名: submits the complaint, never 改选其他机构

    tab.wait_for_selector("[data-tracking-number]")
    complaint = Complaint.objects.get()
    assert complaint.institution.name in ("阳光托育中心", "阳光宝贝托育园")
    assert complaint.contact_name == "王先生"


def test_enter_in_a_text_field_with_a_chosen_nursery_submits_and_keeps_the_choice(live_server, channel, tab):
    from directory.models import Institution

    chosen = Institution.objects.get(name="阳光托育中心")
    tab.goto(f"{live_server.url}{SUBMIT}?institution={chosen.pk}")
    tab.get_by_label("联系人姓名").fill("王先生")
    tab.get_by_label("联系人姓名").press("Enter")
    tab.wait_for_selector("[data-error-summary]")
    # The form failed (no category, no text), but it failed as a submission: the choice is still there.
    assert "已选择：阳光托育中心" in tab.locator(".selected-institution").inner_text()
    assert tab.title().startswith("错误：")


def test_after_a_failed_submission_focus_is_on_the_summary_and_each_link_reaches_its_field(
    live_server, channel, tab
):
    tab.goto(live_server.url + SUBMIT)
    tab.get_by_label("发生了什么").fill("太短")
    tab.get_by_role("button", name="提交投诉").click()
    tab.wait_for_selector("[data-error-summary]")
    assert tab.title().startswith("错误：")
    assert tab.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    links = tab.locator("[data-error-summary] a")
    assert tab.locator("[data-error-summary] h2").inner_text() == f"有 {links.count()} 处需要修改"
    targets = [href[1:] for href in links.evaluate_all("(all) => all.map((a) => a.getAttribute('href'))")]
    assert "id_description" in targets and "id_contact_name" in targets
    for index, target in enumerate(targets):
        links.nth(index).focus()
        tab.keyboard.press("Enter")
        assert focused_id(tab) == target
        assert tab.evaluate(
            "(id) => { const b = document.getElementById(id).getBoundingClientRect();"
            " return b.top >= 0 && b.bottom <= window.innerHeight; }",
            target,
        )
    assert_accessible(tab)


def test_the_complaint_form_keeps_its_photo_after_an_error(live_server, channel, tab, tmp_path):
    tab.goto(live_server.url + SUBMIT)
    tab.get_by_text("食品安全").click()
    tab.get_by_label("机构名称").fill("幸福里小区无名看护点")
    tab.get_by_label("发生了什么").fill("太短")
    tab.get_by_label("图片或 PDF 附件（选填）").set_input_files(str(photo_path(tmp_path)))
    tab.get_by_role("button", name="提交投诉").click()
    tab.wait_for_selector("[data-error-summary]")
    assert tab.locator("[data-kept-upload]").inner_text() == "已上传：孩子手臂.jpg"
    assert tab.get_by_role("button", name="移除 孩子手臂.jpg").is_visible()
    assert_accessible(tab)

    tab.get_by_label("发生了什么").fill("午饭的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。")
    tab.get_by_text("匿名投诉（不留姓名和电话）").click()
    tab.get_by_role("button", name="提交投诉").click()
    tab.wait_for_selector("[data-tracking-number]")
    complaint = Complaint.objects.get()
    assert complaint.attachments.count() == 1
    assert complaint.attachments.get().content_type == "image/jpeg"


def test_a_kept_photo_can_be_removed(live_server, channel, page, tmp_path):
    page.goto(live_server.url + SUBMIT)
    page.get_by_label("图片或 PDF 附件（选填）").set_input_files(str(photo_path(tmp_path, "a.jpg")))
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_selector("[data-kept-upload]")
    page.get_by_role("button", name="移除 a.jpg").click()
    page.wait_for_load_state()
    assert page.locator("[data-kept-upload]").count() == 0
    assert page.get_by_label("图片或 PDF 附件（选填）").is_visible()


def test_ticking_anonymous_hides_name_and_phone_and_unticking_shows_them(live_server, channel, tab):
    tab.goto(live_server.url + SUBMIT)
    anonymous = tab.get_by_text("匿名投诉（不留姓名和电话）")
    anonymous.click()
    assert not tab.locator("#id_contact_name").is_visible()
    assert not tab.locator("#id_contact_phone").is_visible()
    assert tab.locator("#id_contact_email").is_visible()
    assert_accessible(tab)
    anonymous.click()
    assert tab.locator("#id_contact_name").is_visible() and tab.locator("#id_contact_phone").is_visible()


def test_without_scripts_anonymous_still_hides_the_contact_fields(live_server, channel, no_script):
    no_script.goto(live_server.url + SUBMIT)
    no_script.get_by_text("匿名投诉（不留姓名和电话）").click()
    assert not no_script.locator("#id_contact_name").is_visible()


def test_without_scripts_the_nursery_search_reloads_at_its_results(live_server, channel, no_script):
    no_script.goto(live_server.url + SUBMIT)
    no_script.get_by_label("搜索已备案的机构").fill("阳光")
    no_script.get_by_role("button", name="搜索机构").click()
    no_script.wait_for_selector("#results")
    assert no_script.url.endswith("#results")
    assert no_script.locator("#site-search-q").input_value() == ""
    box = no_script.locator("#results").bounding_box()
    assert 0 <= box["y"] < 740
    no_script.keyboard.press("Tab")
    assert no_script.evaluate("document.activeElement.name") == "institution"


def test_the_receipt_leads_to_a_tracking_form_with_the_number_on_one_line(live_server, channel, tab):
    tab.goto(live_server.url + SUBMIT)
    tab.get_by_text("食品安全").click()
    tab.get_by_label("机构名称").fill("幸福里小区无名看护点")
    tab.get_by_label("发生了什么").fill("午饭的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。")
    tab.get_by_text("匿名投诉（不留姓名和电话）").click()
    tab.get_by_role("button", name="提交投诉").click()
    tab.wait_for_selector("[data-tracking-number]")
    number = tab.locator("[data-tracking-number]").get_attribute("data-tracking-number")
    code = tab.locator("[data-query-code]").inner_text().strip()
    line = tab.evaluate("parseFloat(getComputedStyle(document.querySelector('.tracking-code')).lineHeight)")
    assert tab.locator(".tracking-code").bounding_box()["height"] < 1.5 * line

    tab.get_by_role("link", name="查询办理进度").click()
    assert tab.get_by_label("受理编号").input_value() == number
    assert tab.get_by_label("查询码").input_value() == ""
    tab.get_by_label("查询码").fill(code)
    tab.get_by_label("查询码").press("Enter")
    tab.wait_for_selector("[data-status]")
    assert tab.locator("#status-heading .tracking-code").bounding_box()["height"] < 1.5 * line
    assert_accessible(tab)


def test_a_failed_tracking_lookup_focuses_the_error_summary(live_server, channel, tab):
    tab.goto(live_server.url + "/complaints/track/")
    tab.get_by_label("受理编号").fill("TS20260101-AAAAAAAA")
    tab.get_by_label("受理编号").press("Enter")
    tab.wait_for_selector("[data-error-summary]")
    assert tab.title().startswith("错误：")
    assert tab.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert focused_id(tab) == "id_query_code"
    assert_accessible(tab)


def test_a_rating_sent_without_choices_focuses_the_error_summary(live_server, channel, page):
    from django.utils import timezone

    from complaints import workflow
    from tests.complaints.factories import ComplaintFactory

    complaint = ComplaintFactory(category="food")
    complaint.status = "replied"
    complaint.reply = "已责令整改。"
    complaint.replied_at = timezone.now()
    complaint.save()
    assert "rate" in workflow.citizen_actions(complaint)
    page.goto(live_server.url + "/complaints/track/")
    page.get_by_label("受理编号").fill(complaint.tracking_number)
    page.get_by_label("查询码").fill("CODE234567")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("button", name="提交评价").click()
    page.wait_for_selector("[data-error-summary]")
    assert page.title().startswith("错误：")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator("[data-error-summary] h2").inner_text() == "有 2 处需要修改"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(tab=page) == "id_satisfaction_0"
    assert_accessible(page)


@pytest.mark.parametrize(
    ("path", "field_id"),
    [
        ("/directory/verify/?q=", "verify-q"),
        ("/search/?q=" + "辅" * 101, "search-page-q"),
        ("/benefits/childcare-subsidy/?birth=2024-13-45", "birth"),
    ],
    ids=["verify", "site search", "subsidy checker"],
)
def test_other_public_forms_focus_a_linked_error_summary(live_server, demo_site, tab, path, field_id):
    tab.goto(live_server.url + path)
    tab.wait_for_selector("[data-error-summary]")
    assert tab.title().startswith("错误：")
    assert tab.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert tab.locator("[data-error-summary] h2").inner_text() == "有 1 处需要修改"
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    assert focused_id(tab) == field_id
    assert_accessible(tab)


def test_a_site_search_lands_on_its_results(live_server, demo_site, tab):
    tab.goto(live_server.url + "/search/")
    tab.get_by_label("搜索内容").fill("辅食")
    tab.locator("#main").get_by_role("button", name="搜索", exact=True).click()
    tab.wait_for_selector(".result-count")
    assert focused_id(tab) == "results"
    tab.keyboard.press("Tab")
    assert tab.evaluate("!!document.activeElement.closest('#results')")


def test_the_statistics_chart_labels_follow_the_text_size(live_server, channel, browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 740}, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(live_server.url + "/complaints/stats/")
        labels = tab.locator(".stats-chart text.chart-text")
        assert labels.count() >= 12
        height = labels.first.bounding_box()["height"]
        assert height >= 12  # about 14 px text on a phone, not a viewBox scaled down to 7 px
        tab.add_style_tag(content="html { font-size: 200% !important; }")
        assert labels.first.bounding_box()["height"] >= 1.8 * height
        assert tab.evaluate("document.documentElement.scrollWidth") <= 360
        visible = [box for box in (labels.nth(i).bounding_box() for i in range(labels.count())) if box]
        visible.sort(key=lambda box: box["x"])
        for left, right in itertools.pairwise(visible):
            assert left["x"] + left["width"] <= right["x"], "month labels overlap"
    finally:
        context.close()


def test_verify_shows_a_credit_code_that_breaks_only_between_its_parts(live_server, demo_site, browser):
    from directory.models import Institution

    code = Institution.objects.public().order_by("name").first().credit_code
    context = browser.new_context(locale="zh-CN", viewport={"width": 320, "height": 640}, bypass_csp=True)
    try:
        tab = context.new_page()
        tab.goto(f"{live_server.url}/directory/verify/?q={code}")
        tab.add_style_tag(content="html { font-size: 200% !important; }")
        shown = tab.locator(".dir-facts .code").first
        assert re.sub(r"\s", "", shown.inner_text()) == code
        assert tab.evaluate("document.documentElement.scrollWidth") <= 320
        line = tab.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.dir-facts .code')).lineHeight)"
        )
        # At most one line per part (2 · 6 · 9 · 1 characters), never one character per line.
        assert shown.bounding_box()["height"] <= 4 * line + 1
    finally:
        context.close()
