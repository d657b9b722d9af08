import pytest

pytestmark = pytest.mark.django_db

CONTRACT_URLS = [
    "/",
    "/guidance/",
    "/policies/",
    "/events/",
    "/directory/",
    "/complaints/",
    "/search/?q=托育",
]


def test_url_contract_pages_answer_after_load_demo(client, demo_site):
    for url in CONTRACT_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("text/html"), url


def test_home_page_offers_the_four_service_types_as_shortcuts(client, home_page):
    html = client.get("/").content.decode()
    for code, label in [
        ("full_day", "全日托"),
        ("half_day", "半日托"),
        ("hourly", "计时托"),
        ("temporary", "临时托"),
    ]:
        assert f'href="/directory/?service={code}"' in html
        assert label in html


def test_home_page_has_a_directory_search_box(client, home_page):
    html = client.get("/").content.decode()
    assert 'action="/directory/"' in html
    assert 'for="hero-q"' in html


def test_footer_shows_hotlines_emergency_notice_and_filing_numbers(client, home_page):
    html = client.get("/").content.decode()
    assert "12345" in html and "12320" in html
    assert "110" in html
    assert "ICP备" in html
    assert "公网安备" in html


def test_home_page_lists_the_latest_guidance(client, home_page):
    from tests.factories import add_page
    from website.models import StandardPage

    guidance = home_page.get_children().get(slug="guidance")
    add_page(guidance, StandardPage, title="新生儿睡眠小贴士", slug="sleep-tips")
    assert "新生儿睡眠小贴士" in client.get("/").content.decode()


def test_base_template_has_skip_link_and_landmarks(client, home_page):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert 'role="banner"' in html and 'role="contentinfo"' in html
    assert 'aria-label="主导航"' in html
    assert '<html lang="zh-CN">' in html


def test_pages_load_nothing_from_third_party_hosts(client, home_page):
    html = client.get("/").content.decode()
    assert '<script src="http' not in html
    assert '<link rel="stylesheet" href="http' not in html


def test_main_navigation_lists_the_sections(client, home_page):
    html = client.get("/").content.decode()
    for title in ["科学育儿", "政策文件", "家长课堂", "找托育", "投诉举报"]:
        assert title in html


def test_unknown_page_answers_404_with_a_chinese_page(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_public_pages_send_a_strict_content_security_policy(client, home_page):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "object-src 'none'" in policy


def test_admin_gets_its_own_looser_policy(client, home_page):
    policy = client.get("/admin/login/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in policy


def test_standard_page_renders_its_body(client, home_page):
    html = client.get("/about/").content.decode()
    assert "我们提供什么" in html
    assert "演示数据" in html


def test_sitemap_lists_public_pages(client, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/about/" in response.content.decode()


def test_minimal_view_answers_ok(client, db):
    assert client.get("/healthz/").content == b"ok"


def test_server_error_page_renders_without_any_context():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "服务暂时不可用" in html
    assert "110" in html
