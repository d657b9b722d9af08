"""StreamField blocks for guidance articles, policy documents and events. Each block has its own template."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from website.blocks import CalloutBlock


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt_text = blocks.CharBlock(
        label="替代文字",
        max_length=200,
        help_text="为看不到图片的读者描述图片内容，例如：妈妈用小勺给宝宝喂米粉",
    )
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)

    class Meta:
        label = "图片（带说明）"
        icon = "image"
        template = "guidance/blocks/captioned_image.html"


class SeeDoctorBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="何时就医", max_length=60)
    signs = blocks.ListBlock(blocks.CharBlock(label="情况"), label="出现以下情况请及时就医", min_num=1)
    emergency = blocks.BooleanBlock(
        label="包含紧急情况", required=False, help_text="勾选后提示读者紧急情况下拨打 120"
    )

    class Meta:
        label = "何时就医"
        icon = "warning"
        template = "guidance/blocks/see_doctor.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="步骤", max_length=100)
    text = blocks.TextBlock(label="说明", required=False)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", required=False, max_length=100)
    steps = blocks.ListBlock(StepBlock(), label="步骤", min_num=1)

    class Meta:
        label = "步骤列表"
        icon = "list-ol"
        template = "guidance/blocks/steps.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="问题", max_length=200)
    answer = blocks.RichTextBlock(label="回答", features=["bold", "link", "ol", "ul"])


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="常见问题", max_length=60)
    items = blocks.ListBlock(QuestionBlock(), label="问答", min_num=1)

    class Meta:
        label = "常见问题"
        icon = "help"
        template = "guidance/blocks/faq.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label="视频地址", help_text="视频网站上该视频页面的网址")
    title = blocks.CharBlock(label="视频标题", max_length=100)
    transcript = blocks.TextBlock(
        label="文字说明", required=False, help_text="视频的主要内容，方便无法播放视频的读者"
    )

    class Meta:
        label = "视频"
        icon = "media"
        template = "guidance/blocks/video.html"


class MilestoneChecklistBlock(blocks.StructBlock):
    age_label = blocks.CharBlock(label="月龄", max_length=40, help_text="例如：9 月龄")
    milestones = blocks.ListBlock(
        blocks.CharBlock(label="能力"), label="大多数孩子在这个年龄能做到", min_num=1
    )
    warning_signs = blocks.ListBlock(
        blocks.CharBlock(label="信号"), label="出现以下情况请带孩子就医评估", min_num=1
    )
    note = blocks.CharBlock(
        label="备注",
        required=False,
        default="每个孩子的发育节奏不同，个别项目稍晚并不一定异常；有疑问请咨询儿童保健医生。",
    )

    class Meta:
        label = "发育里程碑清单"
        icon = "tasks"
        template = "guidance/blocks/milestone_checklist.html"


class GuidanceBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="小标题", form_classname="title", template="website/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="正文", features=["bold", "italic", "link", "ol", "ul", "h3"])
    image = CaptionedImageBlock()
    callout = CalloutBlock()
    see_doctor = SeeDoctorBlock()
    steps = StepsBlock()
    faq = FaqBlock()
    video = VideoBlock()
    milestones = MilestoneChecklistBlock()

    class Meta:
        label = "正文"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="文献或文件名称", max_length=200)
    publisher = blocks.CharBlock(label="发布机构", required=False, max_length=100)
    year = blocks.IntegerBlock(label="年份", required=False, min_value=1900, max_value=2100)
    url = blocks.URLBlock(label="网址", required=False)

    class Meta:
        label = "参考来源"
        icon = "link"
        template = "guidance/blocks/source.html"


class SimpleBodyBlock(blocks.StreamBlock):
    """The short body of a policy document or an event: headings, paragraphs and callouts."""

    heading = blocks.CharBlock(label="小标题", form_classname="title", template="website/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="正文", features=["bold", "link", "ol", "ul"])
    callout = CalloutBlock()

    class Meta:
        label = "正文"
