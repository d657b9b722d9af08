import datetime
import re

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from guidance.models import AgeBand, ArticleFeedback, Topic
from tests.guidance.factories import ArticleFactory, EventFactory, ImageFactory, PolicyFactory

pytestmark = pytest.mark.django_db


def band(slug):
    return AgeBand.objects.get(slug=slug)


def topic(slug):
    return Topic.objects.get(slug=slug)


def titles(response):
    return re.findall(r'<span class="card__title">([^<]+)</span>', response.content.decode())


def test_guidance_index_filters_articles_by_age_band_with_plain_links(client, sections):
    ArticleFactory(title="辅食怎么加", age_bands=[band("6-12m")], topics=[topic("nutrition")])
    ArticleFactory(title="新生儿睡眠", age_bands=[band("0-6m")], topics=[topic("daily-care")])

    index = client.get("/guidance/")
    assert 'href="?age=6-12m"' in index.content.decode()

    response = client.get("/guidance/?age=6-12m")
    assert response.status_code == 200
    assert titles(response) == ["辅食怎么加"]
    assert "共 1 篇 · 6–12 月" in response.content.decode()


def test_guidance_index_combines_age_and_topic_filters(client, sections):
    ArticleFactory(title="辅食怎么加", age_bands=[band("6-12m")], topics=[topic("nutrition")])
    ArticleFactory(title="会爬以后的居家安全", age_bands=[band("6-12m")], topics=[topic("injury-prevention")])
    ArticleFactory(title="幼儿膳食", age_bands=[band("2-3y")], topics=[topic("nutrition")])

    response = client.get("/guidance/?age=6-12m&topic=injury-prevention")

    assert titles(response) == ["会爬以后的居家安全"]


def test_guidance_index_explains_an_unknown_filter_instead_of_failing(client, sections):
    ArticleFactory(title="辅食怎么加")

    response = client.get("/guidance/?age=99y&topic=nope")

    assert response.status_code == 200
    body = response.content.decode()
    assert "没有这个年龄段" in body
    assert "没有这个主题" in body
    assert titles(response) == ["辅食怎么加"]


def test_guidance_index_lists_newest_first_and_paginates(client, sections):
    for number in range(14):
        ArticleFactory(title=f"文章{number:02d}")

    first = client.get("/guidance/")
    second = client.get("/guidance/?page=2")
    beyond = client.get("/guidance/?page=99")

    assert titles(first)[0] == "文章13"
    assert len(titles(first)) == 12
    assert 'href="?page=2" rel="next"' in first.content.decode()
    assert titles(second) == ["文章01", "文章00"]
    assert beyond.status_code == 200
    assert titles(beyond) == ["文章01", "文章00"]


def test_guidance_index_searches_within_guidance_by_relevance(client, sections):
    ArticleFactory(title="宝宝辅食添加", summary="辅食从强化铁米粉开始，辅食不加盐。")
    ArticleFactory(title="新生儿睡眠", summary="仰卧睡眠更安全。")

    response = client.get("/guidance/?q=辅食")

    assert titles(response) == ["宝宝辅食添加"]


def test_article_shows_reviewer_review_dates_and_sources(client, sections):
    ArticleFactory(
        slug="fever",
        title="宝宝发烧了怎么办",
        reviewer_name="周文斌",
        reviewer_title="主任医师",
        last_reviewed=datetime.date(2026, 3, 1),
        next_review=datetime.date(2099, 3, 1),
        sources=[
            ("source", {"title": "3岁以下婴幼儿健康养育照护指南（试行）", "publisher": "国家卫生健康委"})
        ],
    )

    body = client.get("/guidance/fever/").content.decode()

    assert "周文斌（主任医师）" in body
    assert "2026年3月1日" in body
    assert "2099年3月1日" in body
    assert "3岁以下婴幼儿健康养育照护指南（试行）" in body
    assert "复审已逾期" not in body
    assert '<li><a href="/guidance/">科学育儿</a></li>' in body  # the breadcrumb back to the section


def test_article_with_a_past_review_date_says_it_is_overdue(client, sections):
    ArticleFactory(
        slug="old",
        last_reviewed=timezone.localdate() - datetime.timedelta(days=800),
        next_review=timezone.localdate() - datetime.timedelta(days=70),
    )

    assert "复审已逾期" in client.get("/guidance/old/").content.decode()


def test_article_renders_every_body_block(client, sections):
    image = ImageFactory()
    ArticleFactory(
        slug="blocks",
        body=[
            ("heading", "怎么开始"),
            ("paragraph", "<p>从一小勺开始。</p>"),
            ("image", {"image": image, "alt_text": "用小勺喂米粉", "caption": "第一口辅食"}),
            ("callout", {"tone": "warning", "title": "不加盐", "text": "<p>一岁内不加盐。</p>"}),
            ("see_doctor", {"title": "何时就医", "signs": ["全身皮疹"], "emergency": True}),
            ("steps", {"title": "第一周", "steps": [{"title": "选富含铁的食物", "text": "米粉"}]}),
            (
                "faq",
                {
                    "title": "常见问题",
                    "items": [{"question": "不爱吃怎么办？", "answer": "<p>多试几次。</p>"}],
                },
            ),
            (
                "milestones",
                {"age_label": "9 月龄", "milestones": ["能独坐"], "warning_signs": ["不能独坐"], "note": ""},
            ),
        ],
    )

    body = client.get("/guidance/blocks/").content.decode()

    for text in ["怎么开始", "从一小勺开始", 'alt="用小勺喂米粉"', "第一口辅食", "不加盐", "全身皮疹", "120"]:
        assert text in body
    for text in ["选富含铁的食物", "<summary>不爱吃怎么办？</summary>", "9 月龄：发育里程碑清单", "不能独坐"]:
        assert text in body


def test_article_loads_a_print_stylesheet(client, sections):
    ArticleFactory(slug="printable")

    body = client.get("/guidance/printable/").content.decode()

    assert re.search(r'<link rel="stylesheet" href="[^"]*guidance-print\.css" media="print">', body)


def test_article_has_open_graph_title_summary_and_image(client, sections):
    ArticleFactory(
        slug="shared", title="辅食添加", summary="满 6 月龄开始添加辅食。", hero_image=ImageFactory()
    )

    body = client.get("/guidance/shared/").content.decode()

    assert '<meta property="og:title" content="辅食添加">' in body
    assert '<meta property="og:description" content="满 6 月龄开始添加辅食。">' in body
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+\.png">', body)
    assert '<meta property="og:type" content="article">' in body


def test_article_lists_only_live_related_articles(client, sections):
    live = ArticleFactory(title="相关文章甲")
    draft = ArticleFactory(title="相关文章乙（草稿）", live=False)
    article = ArticleFactory(slug="main")
    from guidance.models import GuidanceRelatedArticle

    article.related_links = [GuidanceRelatedArticle(article=live), GuidanceRelatedArticle(article=draft)]
    article.save_revision().publish()

    body = client.get("/guidance/main/").content.decode()

    assert "相关文章甲" in body
    assert "相关文章乙" not in body


def test_feedback_counts_answers_without_storing_who_answered(client, sections):
    article = ArticleFactory(slug="helpful")
    page = client.get("/guidance/helpful/").content.decode()
    assert "这篇内容对您有帮助吗？" in page
    assert "不收集您的姓名、电话等任何个人信息" in page

    phone = {"Origin": "http://testserver", "User-Agent": "Mozilla/5.0 (iPhone) MicroMessenger/8.0"}
    response = client.post(f"/guidance-feedback/{article.pk}/", {"helpful": "yes"}, headers=phone)
    assert response.status_code == 302
    assert response["Location"] == "/guidance/helpful/?feedback=thanks#feedback"
    client.post(f"/guidance-feedback/{article.pk}/", {"helpful": "yes"}, headers=phone)  # counted once
    laptop = {"Origin": "http://testserver", "User-Agent": "Mozilla/5.0 (Windows NT 10.0) Chrome/130"}
    client.post(f"/guidance-feedback/{article.pk}/", {"helpful": "no"}, headers=laptop)

    feedback = ArticleFeedback.objects.get(page=article)
    assert (feedback.helpful, feedback.not_helpful) == (1, 1)
    assert not Session.objects.exists()
    assert not response.cookies  # the browser keeps nothing
    assert "感谢您的反馈" in client.get("/guidance/helpful/?feedback=thanks").content.decode()


def test_feedback_without_an_answer_gets_a_clear_message(client, sections):
    article = ArticleFactory()

    response = client.post(
        f"/guidance-feedback/{article.pk}/", {"helpful": "maybe"}, headers={"Origin": "http://testserver"}
    )

    assert response.status_code == 400
    assert "请选择“有帮助”或“没有帮助”" in response.content.decode()


def test_feedback_for_a_draft_article_is_not_found(client, sections):
    draft = ArticleFactory(live=False)

    assert client.post(f"/guidance-feedback/{draft.pk}/", {"helpful": "yes"}).status_code == 404


def test_site_search_finds_an_article_by_a_word_in_its_streamfield_body(client, sections):
    ArticleFactory(
        slug="first-foods",
        title="六个月宝宝的第一口",
        summary="从强化铁米粉开始。",
        body=[("paragraph", "<p>满六月龄后开始添加辅食，每次只加一种新食物。</p>")],
    )
    ArticleFactory(
        slug="sleep", title="安全睡眠", summary="仰卧睡。", body=[("paragraph", "<p>独睡小床。</p>")]
    )

    response = client.get("/search/?q=辅食")

    body = response.content.decode()
    assert 'href="/guidance/first-foods/"' in body
    assert 'href="/guidance/sleep/"' not in body


def test_site_search_finds_words_inside_milestone_checklists(client, sections):
    ArticleFactory(
        slug="milestones",
        title="发育清单",
        body=[
            (
                "milestones",
                {"age_label": "12 月龄", "milestones": ["会挥手再见"], "warning_signs": ["不会指物"]},
            )
        ],
    )

    assert 'href="/guidance/milestones/"' in client.get("/search/?q=挥手").content.decode()


def test_guidance_feeds_list_new_articles_in_rss_and_atom(client, sections):
    ArticleFactory(title="辅食添加", summary="满 6 月龄开始。", topics=[topic("nutrition")])

    rss = client.get("/guidance/feed/")
    atom = client.get("/guidance/feed/atom/")

    assert rss["Content-Type"].startswith("application/rss+xml")
    assert "<title>辅食添加</title>" in rss.content.decode()
    assert "<category>营养与喂养</category>" in rss.content.decode()
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "<title>辅食添加</title>" in atom.content.decode()


def test_policy_feed_lists_documents_with_their_number_and_issuer(client, sections):
    PolicyFactory(title="鹤壁市实施方案", document_number="鹤政办〔2020〕29号", issuer="鹤壁市人民政府办公室")

    body = client.get("/policies/feed/").content.decode()

    assert "<title>鹤壁市实施方案</title>" in body
    assert "鹤政办〔2020〕29号 · 鹤壁市人民政府办公室" in body


def test_sitemap_lists_articles_policies_and_events(client, sections):
    ArticleFactory(slug="in-sitemap")
    PolicyFactory(slug="policy-in-sitemap")
    EventFactory(slug="event-in-sitemap")

    body = client.get("/sitemap.xml").content.decode()

    assert "/guidance/in-sitemap/</loc>" in body
    assert "/policies/policy-in-sitemap/</loc>" in body
    assert "/events/event-in-sitemap/</loc>" in body


def test_policy_page_shows_number_issuer_dates_validity_and_interpretation(client, sections):
    from website.models import StandardPage

    interpretation = StandardPage(title="图解：实施意见", slug="explained")
    sections["policies"].add_child(instance=interpretation)
    interpretation.save_revision().publish()
    PolicyFactory(
        slug="jiangbei",
        title="江北区实施意见",
        document_number="北区政办发〔2020〕56号",
        issuer="宁波市江北区人民政府办公室",
        issued_date=datetime.date(2020, 12, 4),
        effective_date=datetime.date(2021, 1, 4),
        index_number="000000/2020-00001",
        interpretation=interpretation,
    )

    body = client.get("/policies/jiangbei/").content.decode()

    for text in [
        "北区政办发〔2020〕56号",
        "宁波市江北区人民政府办公室",
        "2020年12月4日",
        "2021年1月4日",
        "现行有效",
        "000000/2020-00001",
        'href="/policies/explained/"',
    ]:
        assert text in body


def test_policy_index_filters_by_issuer_year_and_validity(client, sections):
    PolicyFactory(title="鹤壁方案", issuer="鹤壁市人民政府办公室", issued_date=datetime.date(2020, 11, 18))
    PolicyFactory(title="凯里方案", issuer="凯里市人民政府办公室", issued_date=datetime.date(2021, 8, 25))
    PolicyFactory(
        title="旧办法",
        issuer="凯里市人民政府办公室",
        issued_date=datetime.date(2018, 1, 1),
        validity="repealed",
    )

    def listed(query):
        return re.findall(
            r'<h2 class="policy-item__title"><a href="[^"]+">([^<]+)</a>', client.get(query).content.decode()
        )

    assert listed("/policies/") == ["凯里方案", "鹤壁方案", "旧办法"]
    assert listed("/policies/?issuer=凯里市人民政府办公室") == ["凯里方案", "旧办法"]
    assert listed("/policies/?year=2020") == ["鹤壁方案"]
    assert listed("/policies/?validity=repealed") == ["旧办法"]


def test_policy_index_pages_keep_the_chosen_filters(client, sections):
    for number in range(13):
        PolicyFactory(title=f"文件{number:02d}", issued_date=datetime.date(2020, 1, 1 + number))

    body = client.get("/policies/?year=2020").content.decode()

    assert 'href="?year=2020&amp;page=2" rel="next"' in body


def test_policy_index_explains_invalid_filters(client, sections):
    PolicyFactory()

    body = client.get("/policies/?year=abc&validity=whatever&issuer=nobody").content.decode()

    assert "年份无效" in body
    assert "有效性只能是：现行有效、已废止或已修订" in body
    assert "没有这个发文机关的文件" in body


def test_event_index_separates_upcoming_and_past_events(client, sections):
    now = timezone.now()
    EventFactory(title="下周的辅食课", start=now + datetime.timedelta(days=7))
    EventFactory(title="上个月的讲座", start=now - datetime.timedelta(days=30))

    body = client.get("/events/").content.decode()

    upcoming, past = body.split('id="past-title"')
    assert "下周的辅食课" in upcoming and "上个月的讲座" not in upcoming
    assert "上个月的讲座" in past


def test_event_page_links_back_to_its_section(client, sections):
    EventFactory(slug="class", title="家长课堂：辅食实操")

    body = client.get("/events/class/").content.decode()

    assert '<li><a href="/events/">家长课堂</a></li>' in body
    assert '<span aria-current="page">家长课堂：辅食实操</span>' in body


def test_event_page_offers_an_ics_download(client, sections):
    start = datetime.datetime(2030, 5, 18, 9, 30, tzinfo=datetime.UTC)
    EventFactory(slug="class", title="家长课堂：辅食实操", start=start, place="人民路 1 号, 三楼")

    page = client.get("/events/class/").content.decode()
    assert 'href="/events/class/calendar/"' in page

    response = client.get("/events/class/calendar/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    ics = response.content.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART:20300518T093000Z\r\n" in ics
    assert "DTEND:20300518T113000Z\r\n" in ics
    assert "SUMMARY:家长课堂：辅食实操\r\n" in ics
    assert "LOCATION:人民路 1 号\\, 三楼\r\n" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_video_block_falls_back_to_a_link_when_the_video_cannot_be_embedded(client, sections):
    ArticleFactory(
        slug="video",
        body=[
            (
                "video",
                {
                    "video": "https://video.example.org/watch/42",
                    "title": "辅食制作演示",
                    "transcript": "洗手",
                },
            )
        ],
    )

    response = client.get("/guidance/video/")

    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="https://video.example.org/watch/42"' in body
    assert "观看视频：辅食制作演示" in body
    assert "视频文字说明" in body


def test_policy_page_links_its_attached_documents(client, sections):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from guidance.models import PolicyAttachment

    document = get_document_model().objects.create(
        title="实施方案全文", file=ContentFile(b"%PDF-1.4 demo", name="plan.pdf")
    )
    policy = PolicyFactory(slug="with-attachment")
    policy.attachments = [PolicyAttachment(document=document, title="附件1：实施方案全文")]
    policy.save_revision().publish()

    body = client.get("/policies/with-attachment/").content.decode()

    assert f'href="{document.url}"' in body
    assert "附件1：实施方案全文" in body
    assert "（PDF）" in body
