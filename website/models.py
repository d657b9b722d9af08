import re

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from guidance.models.sections import CachedPage
from guidance.page_forms import PinyinSlugPageForm
from website import text
from website.blocks import HotlineBlock, StandardBodyBlock

SERVICE_TYPES = [
    ("full_day", "全日托"),
    ("half_day", "半日托"),
    ("hourly", "计时托"),
    ("temporary", "临时托"),
]


class HomePage(CachedPage, Page):
    """The site's front page; anonymous visits are answered from the page cache (guidance/cache.py), whose
    content generation every change to what it shows replaces: articles, events, the hotlines in SiteSettings."""

    hero_title = models.CharField("主标题", max_length=80, default="为 3 岁以下婴幼儿家庭找到放心托育")
    hero_text = models.TextField(
        "导语", blank=True, default="查询已备案托育机构、阅读科学育儿指导、反映托育服务问题。"
    )

    content_panels = [*Page.content_panels, FieldPanel("hero_title"), FieldPanel("hero_text")]
    search_fields = [*Page.search_fields, index.SearchField("hero_text")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["service_types"] = SERVICE_TYPES
        context["latest_guidance"] = self.latest_guidance()
        return context

    def latest_guidance(self, limit=6):
        """The newest live pages under the guidance section, whatever page type they are."""
        section = self.get_children().live().filter(slug="guidance").first()
        if section is None:
            return Page.objects.none()
        return section.get_children().live().public().specific().order_by("-first_published_at")[:limit]


class StandardPage(Page):
    intro = models.TextField("摘要", blank=True)
    body = StreamField(StandardBodyBlock(), blank=True, verbose_name="正文")

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    base_form_class = PinyinSlugPageForm

    class Meta:
        verbose_name = "普通页面"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation = models.CharField("主办单位", max_length=100, default="示范市卫生健康委员会")
    address = models.CharField("联系地址", max_length=200, blank=True)
    # Two emergency notices: a page about a child's health must not send a parent to the police, and a page
    # about safety or abuse must not send them to the ambulance (templates/base.html's emergency_notice block).
    emergency_notice = models.CharField(
        "紧急提示（安全与虐待）",
        max_length=200,
        default="如发现儿童正面临危险，请立即拨打 110 报警。",
        help_text="显示在投诉举报、找托育等页面顶部。",
    )
    health_emergency_notice = models.CharField(
        "紧急提示（健康内容）",
        max_length=200,
        default="孩子呼吸困难、抽搐、叫不醒，立即拨打 120；拿不准时拨打 12320 卫生健康热线。",
        help_text="显示在科学育儿等健康内容页面顶部；首页同时显示两条紧急提示。",
    )
    hotlines = StreamField([("hotline", HotlineBlock())], blank=True, verbose_name="热线电话")
    icp_number = models.CharField("ICP 备案号", max_length=64, blank=True)
    public_security_number = models.CharField("公安机关备案号", max_length=64, blank=True)
    footer_note = RichTextField("页脚说明", blank=True, features=["link"])

    panels = [
        FieldPanel("organisation"),
        FieldPanel("address"),
        FieldPanel("emergency_notice"),
        FieldPanel("health_emergency_notice"),
        FieldPanel("hotlines"),
        MultiFieldPanel(
            [FieldPanel("icp_number"), FieldPanel("public_security_number"), FieldPanel("footer_note")],
            heading="页脚与备案信息",
        ),
    ]

    class Meta:
        verbose_name = "站点设置"

    @property
    def safety_notice_html(self):
        return _with_call_links(self.emergency_notice)

    @property
    def health_notice_html(self):
        return _with_call_links(self.health_emergency_notice)


# Emergency and hotline numbers in a notice (110, 120, 12320, 12345): a tap on a phone calls them.
_SHORT_NUMBER = re.compile(r"(?<![\d-])(1[12]\d{1,3})(?![\d-])")


def _with_call_links(notice):
    """The notice, escaped, with each short service number as a tel: link."""
    parts = _SHORT_NUMBER.split(notice or "")
    pieces = [
        format_html('<a href="tel:{0}">{0}</a>', part) if index % 2 else escape(part)
        for index, part in enumerate(parts)
    ]
    return mark_safe("".join(pieces))  # each piece is escaped or built by format_html


_WORD_SEPARATORS = re.compile(r"[\s、，,;；/|｜]+")


class SynonymGroup(models.Model):
    """Words that mean the same to a searcher: the parents' everyday words beside the content's terms.

    Site and directory search expand every query word to its group (拉肚子 finds 腹泻). Editors keep the
    groups in the admin; saving or deleting one makes every process reload them (website.text).
    """

    words = models.TextField(
        "同义词",
        help_text="用顿号、逗号、空格或换行分隔，例如：拉肚子、腹泻。繁体、全角会自动转换。保存后搜索立即使用；正文里才出现的新词，要在下次重建搜索索引（update_index）后才能被整词找到。",
    )
    note = models.CharField("说明", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [FieldPanel("words"), FieldPanel("note")]

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"
        ordering = ["pk"]

    def __str__(self):
        return "、".join(self.word_list()[:6]) or "（空）"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _forget_synonyms()  # this transaction sees the change at once, other processes after the commit
        transaction.on_commit(_forget_synonyms)

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_synonyms()
        transaction.on_commit(_forget_synonyms)
        return result

    def word_list(self):
        words = (text.normalise(word) for word in _WORD_SEPARATORS.split(self.words or ""))
        return list(dict.fromkeys(word for word in words if word))

    def clean(self):
        super().clean()
        if len(self.word_list()) < 2:
            raise ValidationError({"words": "一组同义词至少要有两个词。"})
        too_long = [word for word in self.word_list() if len(word) > 20]
        if too_long:
            raise ValidationError({"words": f"每个词不超过 20 个字：{too_long[0]}"})


def _forget_synonyms():
    text.forget_synonyms()


def _synonym_groups():
    return [group.word_list() for group in SynonymGroup.objects.all()]


# Search reads the groups through website.text, which never imports the models.
text.use_synonym_groups(_synonym_groups)
