"""Guidance in Chromium: accessible pages, a parent's two taps on a phone, and the review workflow."""

import re

import pytest
from django.urls import reverse

from guidance.models import GuidanceArticlePage
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tests.guidance.factories import ArticleFactory
from website.roles import GUIDANCE_EDITORS, GUIDANCE_REVIEWERS

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct-horse-battery"


@pytest.fixture
def guidance_demo(load_demo):
    """The website's demo plus guidance's own demo content."""
    return load_demo("website", "guidance")


def test_every_guidance_page_type_passes_axe_core(live_server, guidance_demo, page, console_errors):
    urls = [
        "/guidance/",
        "/guidance/?age=6-12m&topic=nutrition",
        "/guidance/?q=辅食",
        "/guidance/?age=0-6m&topic=childcare",
        "/guidance/?age=nonsense",
        "/guidance/first-complementary-foods/",
        "/guidance/milestones-6-12-months/",
        "/policies/",
        "/policies/?year=2020",
        "/policies/jiangbei-2020-56/",
        "/policies/jiangxi-2020-implementation-opinions/",
        "/policies/jiangxi-2020-implementation-opinions-interpretation/",
        "/policies/?year=abc",
        "/events/",
        "/events/complementary-food-class/",
        "/events/home-safety-lecture/",
    ]
    for url in urls:
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert_accessible(page)
    page.goto(live_server.url + "/guidance/first-complementary-foods/?feedback=thanks")
    assert_accessible(page)
    assert console_errors == []


def test_parent_on_a_phone_reaches_complementary_food_articles_from_the_menu(
    live_server, guidance_demo, phone
):
    phone.goto(live_server.url + "/")
    navigation = phone.get_by_role("navigation", name=re.compile("主"))
    menu = navigation.get_by_role("button", name="菜单")
    if menu.count() and menu.is_visible():  # a phone may fold the main menu behind one button
        menu.click()

    navigation.get_by_role("link", name="科学育儿").click()
    phone.get_by_role("link", name="6–12 月").click()

    assert "age=6-12m" in phone.url
    assert phone.get_by_role("link", name=re.compile("辅食")).first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(phone)


def test_milestone_checklist_prints_without_navigation_or_feedback(live_server, guidance_demo, page):
    page.goto(live_server.url + "/guidance/milestones-6-12-months/")
    page.emulate_media(media="print")

    assert page.locator(".milestones").first.is_visible()
    assert page.locator(".checklist li").first.is_visible()
    assert page.locator(".warning-list li").first.is_visible()
    assert page.locator(".breadcrumbs").count() == 1  # on the screen page, so hiding it below is checked
    for hidden in (".site-header", ".feedback", ".breadcrumbs", ".related"):
        locator = page.locator(hidden)
        assert locator.count() == 0 or not locator.first.is_visible(), hidden
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_feedback_buttons_work_without_javascript(live_server, guidance_demo, browser):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    tab = context.new_page()
    tab.goto(live_server.url + "/guidance/first-complementary-foods/")

    tab.get_by_role("button", name="有帮助", exact=True).click()

    assert tab.url.endswith("/guidance/first-complementary-foods/?feedback=thanks#feedback")
    assert tab.get_by_text("感谢您的反馈").is_visible()
    context.close()


def _log_in(tab, base_url, username):
    tab.goto(base_url + reverse("wagtailadmin_login"))
    tab.locator("#id_username").fill(username)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/admin/$"))


def test_editor_submits_and_reviewer_signs_the_approval_in_the_real_admin(
    live_server, guidance_demo, roles, browser
):
    UserFactory(username="editor", groups=[GUIDANCE_EDITORS])
    UserFactory(username="reviewer", groups=[GUIDANCE_REVIEWERS])
    draft = ArticleFactory(
        slug="new-draft",
        title="幼儿刷牙的正确方法",
        live=False,
        reviewer_name="",
        reviewer_title="",
        last_reviewed=None,
        next_review=None,
        sources=[
            ("source", {"title": "3岁以下婴幼儿健康养育照护指南（试行）", "publisher": "国家卫生健康委"})
        ],
    )
    edit_url = live_server.url + reverse("wagtailadmin_pages:edit", args=[draft.pk])

    editor_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    editor = editor_context.new_page()
    _log_in(editor, live_server.url, "editor")
    editor.goto(edit_url)
    editor.locator("#id_title").fill("幼儿刷牙的正确方法（新）")
    submit = editor.locator('button[name="action-submit"]')
    if not submit.is_visible():
        editor.locator("footer .w-dropdown__toggle").first.click()
    submit.click()
    editor.wait_for_load_state()
    editor_context.close()

    visitor_context = browser.new_context(locale="zh-CN")
    visitor = visitor_context.new_page()
    assert visitor.goto(live_server.url + "/guidance/new-draft/").status == 404

    reviewer_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    reviewer = reviewer_context.new_page()
    _log_in(reviewer, live_server.url, "reviewer")
    reviewer.goto(edit_url)
    approve = reviewer.locator('button[data-workflow-action-name="approve"]')
    assert approve.is_visible(), "approval is the reviewer's main button, not hidden in the dropdown"
    assert "审核通过并发布" in approve.inner_text()
    approve.click()
    reviewer.locator("#id_reviewer_name").fill("王晓梅")
    reviewer.locator("#id_reviewer_title").fill("主任医师")
    reviewer.locator(".modal form button[type=submit]").click()
    reviewer.wait_for_url(lambda url: "/edit/" not in url)
    reviewer_context.close()

    assert GuidanceArticlePage.objects.get(pk=draft.pk).live
    response = visitor.goto(live_server.url + "/guidance/new-draft/")
    assert response.status == 200
    assert "幼儿刷牙的正确方法（新）" in visitor.locator("h1").inner_text()
    assert "王晓梅（主任医师）" in visitor.locator(".review-box").inner_text()
    visitor_context.close()


IN_VIEW = """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
  return box.top >= -1 && box.top < window.innerHeight; }"""


@pytest.mark.parametrize("care_mode", [False, True], ids=["standard", "care-mode"])
def test_on_a_phone_the_see_a_doctor_box_is_one_tap_from_the_top_of_the_fever_article(
    live_server, guidance_demo, phone, care_mode
):
    if care_mode:
        phone.context.add_cookies([{"name": "care_mode", "value": "1", "url": live_server.url}])
    phone.goto(live_server.url + "/guidance/fever-at-home/")
    jump = phone.get_by_role("link", name="何时就医：看哪些情况要去医院")
    bar = phone.get_by_role("note", name="紧急求助").inner_text()

    assert jump.bounding_box()["y"] + jump.bounding_box()["height"] <= 740  # on the first screen
    assert "120" in bar and "12320" in bar and "110" not in bar
    jump.click()

    assert phone.url.endswith("#when-to-see-a-doctor")
    assert phone.evaluate(IN_VIEW, "#when-to-see-a-doctor")
    assert "3 月龄以下的宝宝只要发热" in phone.locator("#when-to-see-a-doctor").inner_text()
    assert_accessible(phone)


def test_the_table_of_contents_takes_a_reader_to_each_section(live_server, guidance_demo, phone):
    phone.goto(live_server.url + "/guidance/first-complementary-foods/")
    contents = phone.get_by_role("navigation", name="本文目录")

    contents.get_by_role("link", name="1 岁以内不要给的食物").click()
    heading = phone.get_by_role("heading", name="1 岁以内不要给的食物")

    assert phone.evaluate(IN_VIEW, f"[id='{heading.get_attribute('id')}']")
    contents_items = contents.get_by_role("link").all_inner_texts()
    assert contents_items[-1] == "何时就医" and "紧急情况：立即拨打 120" in contents_items


def test_safety_pages_give_110_and_health_numbers_stay_off_them(live_server, demo_site, page):
    page.goto(live_server.url + "/complaints/")
    bar = page.get_by_role("note", name="紧急求助")

    assert "110" in bar.inner_text()
    assert "120" not in bar.inner_text()
    assert bar.get_by_role("link", name="110").get_attribute("href") == "tel:110"
