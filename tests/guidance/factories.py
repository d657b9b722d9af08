"""Factories for guidance pages. Pages are added under the section pages the way an editor adds them."""

import datetime
import io

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from guidance.models import (
    AgeBand,
    EventPage,
    GuidanceArticlePage,
    PolicyDocumentPage,
    Topic,
    Validity,
)


def _png(width=64, height=48, colour=(11, 90, 138)):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    buffer.seek(0)
    return buffer


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"示意图 {n}")
    file = factory.LazyFunction(lambda: ImageFile(_png(), name="illustration.png"))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"测试主题{n}")
    slug = factory.Sequence(lambda n: f"test-topic-{n}")


class _PageFactory(factory.Factory):
    """Builds the page in memory, then adds it under `parent` (by default its section's index) and publishes
    it (unless live=False)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, parent=None, live=True, **kwargs):
        relations = {name: kwargs.pop(name) for name in ("age_bands", "topics") if name in kwargs}
        page = model_class(**kwargs)
        # Under the one section index the page type may live in (max_count = 1).
        parent = parent or model_class.allowed_parent_page_models()[0].objects.get()
        parent.add_child(instance=page)
        for name, objects in relations.items():
            getattr(page, name).set(objects)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.live = False
            page.save(update_fields=["live"])
        page.refresh_from_db()
        return page


class ArticleFactory(_PageFactory):
    class Meta:
        model = GuidanceArticlePage

    title = factory.Sequence(lambda n: f"育儿指导文章 {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    summary = "一篇用于测试的育儿指导摘要。"
    body = factory.LazyFunction(lambda: [("paragraph", "<p>测试正文。</p>")])
    author_organisation = "示范市妇幼保健院"
    reviewer_name = "王医生"
    reviewer_title = "主任医师"
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    next_review = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=355))
    age_bands = factory.LazyFunction(lambda: [AgeBand.objects.get(slug="6-12m")])
    topics = factory.LazyFunction(lambda: [Topic.objects.get(slug="nutrition")])


class PolicyFactory(_PageFactory):
    class Meta:
        model = PolicyDocumentPage

    title = factory.Sequence(lambda n: f"关于促进托育服务发展的通知 {n}")
    slug = factory.Sequence(lambda n: f"policy-{n}")
    document_number = factory.Sequence(lambda n: f"示政办〔2024〕{n}号")
    issuer = "示范市人民政府办公室"
    issued_date = datetime.date(2024, 3, 1)
    validity = Validity.VALID
    summary = "用于测试的政策文件摘要。"


class EventFactory(_PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"家长课堂 {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    summary = "用于测试的活动简介。"
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    place = "示范市妇幼保健院三楼"
    organiser = "示范市妇幼保健院"
    registration = "拨打电话报名。"
