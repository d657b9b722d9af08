"""RSS and Atom feeds of new guidance articles and new policy documents (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

FEED_LENGTH = 20


class _SectionFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __init__(self, section):
        super().__init__()
        self.section = section

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self.section

    def title(self, section):
        return f"{section.title} · 托育服务公共信息平台"

    def link(self, section):
        return section.get_url(self.request)

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class GuidanceFeed(_SectionFeed):
    def description(self, section):
        return "最新发布的科学育儿指导文章。"

    def items(self, section):
        return section.articles().prefetch_related("topics").order_by("-first_published_at")[:FEED_LENGTH]

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.author_organisation

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class GuidanceAtomFeed(GuidanceFeed):
    feed_type = Atom1Feed
    subtitle = GuidanceFeed.description


class PolicyFeed(_SectionFeed):
    def description(self, section):
        return "最新收录的托育服务政策文件。"

    def items(self, section):
        return section.documents().order_by("-first_published_at")[:FEED_LENGTH]

    def item_description(self, item):
        number = f"{item.document_number} · " if item.document_number else ""
        return f"{number}{item.issuer} · {item.issued_date:%Y年%m月%d日}发布。{item.summary}"

    def item_author_name(self, item):
        return item.issuer

    def item_pubdate(self, item):
        issued = datetime.datetime.combine(item.issued_date, datetime.time(9))
        return timezone.make_aware(issued)


class PolicyAtomFeed(PolicyFeed):
    feed_type = Atom1Feed
    subtitle = PolicyFeed.description
