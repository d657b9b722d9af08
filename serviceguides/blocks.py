"""The parts of a 办事指南: steps, materials (with downloadable forms), time limits, fees, legal basis and
the office to go to. Each block has its own template in templates/serviceguides/blocks/."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from website.blocks import CalloutBlock


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="这一步做什么", max_length=80)
    text = blocks.RichTextBlock(label="说明", features=["bold", "link", "ul", "ol"])
    where = blocks.CharBlock(label="在哪里办", required=False, max_length=120)


class StepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="办理步骤", max_length=40)
    steps = blocks.ListBlock(StepBlock(), label="步骤", min_num=1)

    class Meta:
        label = "办理步骤"
        icon = "list-ol"
        template = "serviceguides/blocks/steps.html"


class MaterialBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="材料名称", max_length=100)
    copies = blocks.CharBlock(label="份数与形式", required=False, max_length=60, help_text="例如：原件 1 份")
    note = blocks.CharBlock(label="说明", required=False, max_length=300)
    form = DocumentChooserBlock(label="空白表格或样表", required=False)


class MaterialsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="申请材料", max_length=40)
    materials = blocks.ListBlock(MaterialBlock(), label="材料", min_num=1)

    class Meta:
        label = "申请材料"
        icon = "doc-full"
        template = "serviceguides/blocks/materials.html"


class FactsBlock(blocks.StructBlock):
    """办理时限, 收费标准 and the like: short labelled facts."""

    title = blocks.CharBlock(label="标题", default="时限与收费", max_length=40)
    facts = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("label", blocks.CharBlock(label="项目", max_length=30)),
                ("value", blocks.CharBlock(label="内容", max_length=300)),
            ]
        ),
        label="事项",
        min_num=1,
    )

    class Meta:
        label = "时限与收费"
        icon = "time"
        template = "serviceguides/blocks/facts.html"


class BasisBlock(blocks.StructBlock):
    """One document a guide relies on: a policy page on this site, or a national document by name."""

    policy = blocks.PageChooserBlock(
        label="本站政策文件", page_type="guidance.PolicyDocumentPage", required=False
    )
    title = blocks.CharBlock(
        label="文件名称", required=False, max_length=120, help_text="未收入本站的文件，填写名称"
    )
    document_number = blocks.CharBlock(label="文号", required=False, max_length=60)
    clause = blocks.CharBlock(label="条款或要点", required=False, max_length=200)


class LegalBasisBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="标题", default="办理依据", max_length=40)
    documents = blocks.ListBlock(BasisBlock(), label="依据", min_num=1)

    class Meta:
        label = "办理依据"
        icon = "doc-full-inverse"
        template = "serviceguides/blocks/legal_basis.html"


class OfficeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="办理地点", max_length=100)
    address = blocks.CharBlock(label="地址", max_length=200)
    hours = blocks.CharBlock(label="办公时间", max_length=120)
    phone = blocks.CharBlock(label="咨询电话", required=False, max_length=40)
    online = blocks.CharBlock(label="网上办理", required=False, max_length=200)

    class Meta:
        label = "办理地点"
        icon = "home"
        template = "serviceguides/blocks/office.html"


class GuideBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label="小标题", form_classname="title", template="website/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label="正文", features=["bold", "link", "ul", "ol"])
    steps = StepsBlock()
    materials = MaterialsBlock()
    facts = FactsBlock()
    legal_basis = LegalBasisBlock()
    office = OfficeBlock()
    callout = CalloutBlock()
