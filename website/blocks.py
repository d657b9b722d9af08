from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    tone = blocks.ChoiceBlock(
        choices=[("info", "提示"), ("warning", "注意"), ("danger", "紧急")], default="info", label="类型"
    )
    title = blocks.CharBlock(label="标题", required=False)
    text = blocks.RichTextBlock(label="内容", features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        label = "提示框"
        icon = "warning"
        template = "website/blocks/callout.html"


class HotlineBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="名称", help_text="例如：政务服务便民热线")
    number = blocks.CharBlock(label="号码", max_length=32)
    note = blocks.CharBlock(label="说明", required=False)

    class Meta:
        label = "热线电话"
        icon = "mobile-alt"


class StandardBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="小标题", form_classname="title", template="website/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="正文")
    image = ImageBlock(label="图片")
    callout = CalloutBlock()

    class Meta:
        label = "正文"
