"""StreamField blocks for the family-benefits pages. Every statement names the document it comes from."""

from django.utils import timezone
from wagtail import blocks

from website.blocks import CalloutBlock


class SourcedStatementBlock(blocks.StructBlock):
    """One statement and the policy page it is taken from; the citation is drawn from that page's fields."""

    text = blocks.RichTextBlock(label="内容", features=["bold", "link", "ol", "ul"])
    source = blocks.PageChooserBlock(
        label="依据的政策文件",
        page_type="guidance.PolicyDocumentPage",
        help_text="文号、发文机关和日期从所选政策文件页面自动读取",
    )
    clause = blocks.CharBlock(
        label="条款或章节", required=False, max_length=60, help_text="例如：二、补贴对象和标准"
    )

    class Meta:
        label = "有依据的说明"
        icon = "doc-full"
        template = "benefits/blocks/sourced_statement.html"


class Audience(blocks.ChoiceBlock):
    def __init__(self, **kwargs):
        super().__init__(
            choices=[("families", "婴幼儿家庭"), ("operators", "托育机构"), ("both", "家庭与机构")],
            default="families",
            label="面向",
            **kwargs,
        )


class LocalMeasureBlock(blocks.StructBlock):
    """A local support measure with its area, source document and period of validity."""

    area = blocks.CharBlock(label="地区", max_length=40, help_text="例如：江西省、鹤壁市、宁波市江北区")
    title = blocks.CharBlock(label="措施名称", max_length=80)
    audience = Audience()
    points = blocks.ListBlock(blocks.CharBlock(label="要点", max_length=300), label="具体内容", min_num=1)
    source = blocks.PageChooserBlock(label="依据的政策文件", page_type="guidance.PolicyDocumentPage")
    valid_from = blocks.DateBlock(label="施行日期", required=False)
    valid_until = blocks.DateBlock(label="有效期至", required=False, help_text="文件未规定有效期的留空")
    validity_note = blocks.CharBlock(
        label="有效期说明",
        required=False,
        max_length=120,
        help_text="例如：文件未规定有效期，以发文机关公布为准",
    )

    class Meta:
        label = "地方支持措施"
        icon = "site"
        template = "benefits/blocks/local_measure.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        until = value.get("valid_until")
        context["expired"] = bool(until and until < timezone.localdate())
        return context


class DirectoryLinkBlock(blocks.StructBlock):
    """A link to a search in the institution directory, e.g. the 普惠 filter."""

    label = blocks.CharBlock(label="链接文字", max_length=60, default="查找普惠托育机构")
    query = blocks.CharBlock(
        label="查询参数",
        max_length=200,
        default="inclusive=1",
        help_text="找托育页面的查询参数，不含问号，例如 inclusive=1",
    )
    note = blocks.CharBlock(label="说明", required=False, max_length=200)

    class Meta:
        label = "找托育链接"
        icon = "search"
        template = "benefits/blocks/directory_link.html"


class ClaimChannelsBlock(blocks.StaticBlock):
    """The online claim channels, as maintained under 育儿补贴设置 › 线上申领渠道 (read by its template)."""

    class Meta:
        label = "线上申领渠道"
        icon = "link"
        admin_text = "显示在“育儿补贴设置 › 线上申领渠道”中维护的渠道列表。"
        template = "benefits/blocks/claim_channels.html"


class BenefitBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="小标题", form_classname="title", template="website/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="正文", features=["bold", "italic", "link", "ol", "ul"])
    statement = SourcedStatementBlock()
    local_measure = LocalMeasureBlock()
    directory_link = DirectoryLinkBlock()
    claim_channels = ClaimChannelsBlock()
    callout = CalloutBlock()

    class Meta:
        label = "正文"
