"""Demo 办事指南 at /services/ with the guidance centre, downloadable blank forms and legal bases.

Idempotent: pages and documents that exist are left as editors left them.
"""

import io

from django.core.files.base import ContentFile
from django.utils import timezone
from openpyxl import Workbook
from wagtail.documents import get_document_model

from guidance.models import PolicyDocumentPage
from serviceguides import demo_content as data
from serviceguides.models import ServiceGuidePage, ServiceIndexPage
from website.demo import DEMO_NOTICE, ensure_child, home_page


def _workbook(rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _forms():
    """{key: Document} for the blank forms, created once."""
    Document = get_document_model()
    documents = {}
    for key, (title, filename, rows) in data.FORMS.items():
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(filename, ContentFile(_workbook(rows)), save=False)
            document.save()
        documents[key] = document
    return documents


def _basis(entry):
    slug, title, number, clause = entry
    policy = PolicyDocumentPage.objects.live().filter(slug=slug).first() if slug else None
    return {"policy": policy, "title": "" if policy else title, "document_number": number, "clause": clause}


def _body(guide, forms):
    materials = [{**material, "form": forms.get(key)} for key, material in guide["materials"]]
    return [
        ("steps", {"title": "办理步骤", "steps": guide["steps"]}),
        ("materials", {"title": "申请材料", "materials": materials}),
        ("facts", {"title": "时限与收费", "facts": guide["facts"]}),
        ("callout", {"tone": "info", "title": "提示", "text": f"<p>{guide['note']}</p>"}),
        ("legal_basis", {"title": "办理依据", "documents": [_basis(entry) for entry in guide["basis"]]}),
        ("office", data.CENTRE_OFFICE),
    ]


def load(command):
    index = ensure_child(
        home_page(),
        ServiceIndexPage,
        "services",
        title="办事指南",
        intro=f"<p>举办托育机构、开办家庭托育点、用人单位办托和申报普惠托育，一步一步怎么办。{DEMO_NOTICE}</p>",
        show_in_menus=True,
        **data.CENTRE,
    )
    forms = _forms()
    added = 0
    for guide in data.GUIDES:
        if index.get_children().filter(slug=guide["slug"]).exists():
            continue
        page = ServiceGuidePage(
            slug=guide["slug"],
            title=guide["title"],
            audience=guide["audience"],
            summary=guide["summary"],
            body=_body(guide, forms),
            last_reviewed=timezone.localdate(),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        added += 1
    command.stdout.write(f"办事指南：新增 {added} 篇，样表 {len(forms)} 份。")
