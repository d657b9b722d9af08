"""Demo guidance articles, policy documents and events. Idempotent: existing pages are left alone."""

import datetime

from django.utils import timezone

from guidance.demo_content import ARTICLES, EVENTS, POLICIES, p, sources_for, tip
from guidance.models import (
    AgeBand,
    EventIndexPage,
    EventPage,
    GuidanceArticlePage,
    GuidanceIndexPage,
    GuidanceRelatedArticle,
    PolicyDocumentPage,
    PolicyIndexPage,
    Topic,
    Validity,
)
from guidance.models.review_task import REVIEW_INTERVAL
from guidance.taxonomy import ensure_taxonomy
from website.demo import DEMO_NOTICE, ensure_child, home_page
from website.models import StandardPage


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _set_relations(page, **relations):
    for name, objects in relations.items():
        getattr(page, name).set(objects)
    page.save_revision().publish()


def _articles(index, command):
    today = timezone.localdate()
    bands = {band.slug: band for band in AgeBand.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    existing = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for (
        slug,
        title,
        summary,
        ages,
        topic_slugs,
        organisation,
        reviewer,
        reviewer_title,
        age_days,
        body,
    ) in ARTICLES:
        if slug in existing:
            continue
        reviewed = today - datetime.timedelta(days=age_days)
        page = GuidanceArticlePage(
            slug=slug,
            title=title,
            summary=summary,
            search_description=summary[:150],
            body=[*body, tip("演示数据", DEMO_NOTICE)],
            author_organisation=organisation,
            reviewer_name=f"{reviewer}（演示）",
            reviewer_title=reviewer_title,
            last_reviewed=reviewed,
            next_review=reviewed + REVIEW_INTERVAL,
            sources=sources_for(slug),
        )
        _publish_child(index, page)
        _set_relations(page, age_bands=[bands[s] for s in ages], topics=[topics[s] for s in topic_slugs])
        created += 1
    _link_related_articles(index)
    if created:
        command.stdout.write(f"育儿指导：新增 {created} 篇演示文章。")


def _link_related_articles(index):
    """Links each article to up to three others that share a topic, once."""
    articles = list(GuidanceArticlePage.objects.child_of(index).prefetch_related("topics", "related_links"))
    for article in articles:
        if article.related_links.all():
            continue
        topic_ids = {topic.pk for topic in article.topics.all()}
        related = [
            other
            for other in articles
            if other.pk != article.pk and topic_ids & {topic.pk for topic in other.topics.all()}
        ][:3]
        if not related:
            continue
        page = GuidanceArticlePage.objects.get(pk=article.pk)
        page.related_links = [GuidanceRelatedArticle(article=other) for other in related]
        page.save_revision().publish()


def ensure_policy(index, record, body=(), command=None, **fields):
    """The valid policy page at record["slug"] under `index`, created and published from `record` (and any
    extra model `fields`) when missing. Shared with benefits' demo, whose policy records have the same keys."""
    existing = index.get_children().filter(slug=record["slug"]).first()
    if existing is not None:
        return existing.specific
    page = PolicyDocumentPage(
        slug=record["slug"],
        title=record["title"],
        document_number=record["document_number"],
        issuer=record["issuer"],
        issued_date=record["issued_date"],
        effective_date=record.get("effective_date"),
        index_number=record.get("index_number", ""),
        validity=Validity.VALID,
        summary=record["summary"],
        search_description=record["summary"][:150],
        body=list(body),
        **fields,
    )
    _publish_child(index, page)
    if command is not None:
        command.stdout.write(f"政策文件：已添加“{record['title'][:20]}…”。")
    return page


def _policies(index, command):
    existing = set(index.get_children().values_list("slug", flat=True))
    childcare = Topic.objects.filter(slug="childcare").first()
    for data in POLICIES:
        if data["slug"] in existing:
            continue
        interpretation = None
        if data.get("interpretation"):
            interpretation = _interpretation(index, data)
        body = [("heading", "要点")] + [p(point) for point in data["points"]]
        body.append(tip("演示数据", DEMO_NOTICE + "摘要与要点由本站编写，以发文机关公布的原文为准。"))
        ensure_policy(index, data, body, command, topic=childcare, interpretation=interpretation)


def _interpretation(index, data):
    slug = data["slug"] + "-interpretation"
    existing = index.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing
    page = StandardPage(
        slug=slug,
        title="图解：江西省促进3岁以下婴幼儿照护服务发展的实施意见",
        intro="用几个问题说清这份实施意见对家庭和托育机构意味着什么。",
        body=[
            ("heading", "托育机构要做什么"),
            p("机构先依法登记，再通过全国统一的托育机构备案信息系统，向所在县（市、区）卫生健康部门备案。"),
            ("heading", "家门口的托位从哪里来"),
            p("新建小区要按人口配建照护服务设施；老城区通过购置、置换、租赁等方式逐步补齐。"),
            ("heading", "谁来管"),
            p("卫生健康部门牵头，教育、民政、市场监管、应急管理、消防等部门按照各自职责共同监管。"),
            ("callout", {"tone": "info", "title": "演示数据", "text": f"<p>{DEMO_NOTICE}</p>"}),
        ],
    )
    return _publish_child(index, page)


def _events(index, command):
    existing = set(index.get_children().values_list("slug", flat=True))
    bands = {band.slug: band for band in AgeBand.objects.all()}
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    for slug, title, kind, summary, offset, place, organiser, ages, note, capacity, registration in EVENTS:
        if slug in existing:
            continue
        start = datetime.datetime.combine(today + datetime.timedelta(days=offset), datetime.time(9, 30), tz)
        page = EventPage(
            slug=slug,
            title=title,
            kind=kind,
            summary=summary,
            search_description=summary,
            start=start,
            end=start + datetime.timedelta(hours=2),
            place=place,
            organiser=organiser,
            audience_note=note,
            capacity=capacity,
            registration=registration,
            body=[("callout", {"tone": "info", "title": "演示数据", "text": f"<p>{DEMO_NOTICE}</p>"})],
        )
        _publish_child(index, page)
        _set_relations(page, age_bands=[bands[s] for s in ages])
        command.stdout.write(f"家长课堂：已添加“{title}”。")


def load(command):
    ensure_taxonomy(AgeBand, Topic)
    home = home_page()
    guidance = ensure_child(
        home,
        GuidanceIndexPage,
        GuidanceIndexPage.section_slug,
        title="科学育儿",
        intro="按孩子的月龄和养育主题整理的科学育儿指导，每篇文章都经过儿童保健专家审核。",
        show_in_menus=True,
    )
    policies = ensure_child(
        home,
        PolicyIndexPage,
        PolicyIndexPage.section_slug,
        title="政策文件",
        intro="与婴幼儿照护服务有关的政策文件，附本站编写的摘要，可按发文机关、年份和有效性查找。",
        show_in_menus=True,
    )
    events = ensure_child(
        home,
        EventIndexPage,
        EventIndexPage.section_slug,
        title="家长课堂",
        intro="家长课堂、亲子活动与育儿讲座，免费参加，欢迎报名。",
        show_in_menus=True,
    )
    _articles(guidance, command)
    _policies(policies, command)
    _events(events, command)
