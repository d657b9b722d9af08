"""Factories for the complaints app: departments, routing rules, complaints built through the workflow."""

import io

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from complaints import submission, workflow
from complaints.models import Complaint, Department, RoutingRule
from tests.factories import UserFactory


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept{n}")
    name = factory.Sequence(lambda n: f"测试部门{n}")
    email = factory.LazyAttribute(lambda o: f"{o.code}@gov.example")

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        for user in extracted or []:
            self.staff.add(user)


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule
        django_get_or_create = ("category",)

    category = "other"
    lead_department = factory.SubFactory(DepartmentFactory)

    @factory.post_generation
    def supporting(self, create, extracted, **kwargs):
        if extracted:
            self.supporting_departments.set(extracted)


def handler(department, **kwargs):
    """A member of staff in `department`'s complaint handlers group (setup_roles must have run)."""
    from website.roles import COMPLAINT_HANDLERS

    user = UserFactory(groups=[COMPLAINT_HANDLERS], **kwargs)
    department.staff.add(user)
    return user


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A complaint filed the way the form files it: routed, with a due date and a first event."""

    class Meta:
        model = Complaint

    category = "food"
    institution_name = factory.Sequence(lambda n: f"测试托育园{n}")
    description = "午饭的饭菜有异味，孩子回家以后肚子疼。"
    contact_name = "李女士"
    contact_phone = "13812345678"
    contact_email = "parent@example.org"
    tracking_number = factory.Sequence(lambda n: f"TS20260101-T{n:07d}")

    @classmethod
    def _create(cls, model_class, *args, query_code="CODE234567", **kwargs):
        complaint = model_class(*args, **kwargs)
        return workflow.submit(complaint, query_code)


def image_bytes(fmt="JPEG", size=(64, 48), gps=True):
    """A small photo; with gps=True it carries EXIF with a GPS position and a camera model."""
    image = Image.new("RGB", size, (200, 80, 40))
    buffer = io.BytesIO()
    if gps and fmt in ("JPEG", "PNG", "WEBP"):
        exif = Image.Exif()
        exif[0x0110] = "TestCam 3000"  # camera model
        exif[0x8825] = {1: "N", 2: (31.0, 14.0, 0.0), 3: "E", 4: (121.0, 28.0, 0.0)}  # GPS IFD
        image.save(buffer, format=fmt, exif=exif)
    else:
        image.save(buffer, format=fmt)
    return buffer.getvalue()


def photo(name="photo.jpg", fmt="JPEG", gps=True):
    content_types = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
    return SimpleUploadedFile(name, image_bytes(fmt, gps=gps), content_type=content_types[fmt])


def blank_png(width, height, mode="1"):
    """A PNG of blank rows written row by row: a few kilobytes however many pixels it decodes to, and
    cheap to make (Pillow would hold every pixel in memory). mode: "1" (1-bit grey) or "RGBA"."""
    import struct
    import zlib

    color_type, bit_depth, row_bytes = {"1": (0, 1, (width + 7) // 8), "RGBA": (6, 8, width * 4)}[mode]

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (row_bytes + 1)  # filter byte 0, then the row's pixels
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    return SimpleUploadedFile(f"scan-{width}x{height}.png", data, content_type="image/png")


def pdf_bytes(active=False):
    """A one-page PDF; with active=True it also opens with JavaScript, carries an embedded HTML file and
    a link that launches a program: everything a hostile PDF might do."""
    import pikepdf

    document = pikepdf.new()
    document.add_blank_page(page_size=(200, 200))
    if active:
        script = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')"))
        document.Root.OpenAction = document.make_indirect(script)
        document.attachments["invoice.html"] = pikepdf.AttachedFileSpec(
            document, b"<script>alert('pwned')</script>", mime_type="text/html"
        )
        launch = pikepdf.Dictionary(S=pikepdf.Name.Launch, F=pikepdf.String("cmd.exe"))
        link = pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link, Rect=[0, 0, 50, 50], A=launch
        )
        document.pages[0].obj.Annots = document.make_indirect(pikepdf.Array([link]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(name="receipt.pdf", active=False):
    return SimpleUploadedFile(name, pdf_bytes(active), content_type="application/pdf")


def form_data(**overrides):
    """A complete, valid complaint form about an unlisted nursery, with a fresh form token; None drops a field."""
    data = {
        "category": "food",
        "institution_name": "幸福里小区无名托育点",
        "institution_address": "幸福里小区 3 栋 1 楼",
        "occurred_on": "2026-03-02",
        "description": "中午的饭菜有馊味，孩子回家后呕吐，同班几个孩子也不舒服。",
        "contact_name": "张女士",
        "contact_phone": "13812345678",
        "contact_email": "",
        "website": "",
        "submission_token": submission.new_token(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_form(client, data, **extra):
    """Posts the complaint form and follows the redirect to the receipt, as a browser does."""
    return client.post("/complaints/submit/", data, follow=True, **extra)
