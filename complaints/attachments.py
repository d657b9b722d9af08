"""Checking an uploaded attachment by its content, and re-writing it into something safe to keep.

Images are decoded with Pillow (within a memory budget, so a small file that expands to gigabytes is
refused before it is decoded) and re-encoded from their pixels only: no EXIF, GPS position, camera, XMP or
text chunks, turned upright, at their own bit depth. PDFs are re-written with pikepdf without anything
that runs or carries files: JavaScript, open and page actions, launch and submit actions, embedded files,
multimedia and XFA forms. Anything else is refused, whatever its name or declared type says.
"""

import io

import pikepdf
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, UnidentifiedImageError

from complaints.models import ComplaintAttachment

MAX_IMAGE_PIXELS = 40_000_000
# The decoded pixels of one image may take at most this much memory while it is cleaned: a 40-megapixel
# photo in colour would take 120 MB, five of them in one request 600 MB.
MAX_DECODED_BYTES = 96 * 1024 * 1024
IMAGE_FORMATS = {
    "JPEG": ("image/jpeg", ".jpg"),
    "PNG": ("image/png", ".png"),
    "WEBP": ("image/webp", ".webp"),
}
# Modes kept as they are; anything else (palette, CMYK, 16-bit …) becomes RGB or RGBA.
KEPT_MODES = ("1", "L", "LA", "RGB", "RGBA")
# Pillow keeps a 1-bit image at one byte a pixel in memory (packed only in the file).
BYTES_PER_BAND = {"I;16": 2, "I": 4, "F": 4}

# PDF actions that run code, open other files or send data somewhere.
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToE",
    "/GoToR",
    "/RichMediaExecute",
    "/Rendition",
    "/Movie",
    "/Sound",
}
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}


class AttachmentRefused(forms.ValidationError):
    pass


def human_size(size):
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB"
    return f"{size // 1024} KB" if size >= 1024 else f"{size} 字节"


def clean_attachment(upload):
    """Checks one upload by its content and returns an unsaved ComplaintAttachment, or raises."""
    name = upload.name or "附件"
    limit = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES
    if upload.size > limit:
        raise AttachmentRefused(f"“{name}”超过 {human_size(limit)}，请压缩后再上传。")
    if upload.size == 0:
        raise AttachmentRefused(f"“{name}”是空文件。")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        data, content_type, extension = clean_pdf(upload.read(), name), "application/pdf", ".pdf"
    else:
        data, content_type, extension = clean_image(upload, name)
    content = SimpleUploadedFile(f"attachment{extension}", data, content_type=content_type)
    return ComplaintAttachment(file=content, content_type=content_type, size=len(data))


# --- images ----------------------------------------------------------------------------------------
def _decoded_bytes(width, height, mode):
    kept = mode if mode in KEPT_MODES else "RGBA"
    return width * height * Image.getmodebands(kept) * BYTES_PER_BAND.get(kept, 1)


def clean_image(upload, name):
    """(bytes, content type, extension) of the image re-encoded from its pixels, or raises."""
    too_large = AttachmentRefused(f"“{name}”的图片尺寸过大，请缩小后再上传。")
    unreadable = AttachmentRefused(
        f"“{name}”不是可识别的图片或 PDF 文件。只能上传 JPG、PNG、WEBP 图片或 PDF 文件。"
    )
    try:
        with Image.open(upload) as probe:
            image_format = probe.format
            width, height = probe.size
            if (
                width * height > MAX_IMAGE_PIXELS
                or _decoded_bytes(width, height, probe.mode) > MAX_DECODED_BYTES
            ):
                raise too_large
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            image.load()
            if image_format == "GIF":
                image.seek(0)
                image_format = "PNG"
            if image_format not in IMAGE_FORMATS:
                raise AttachmentRefused(f"“{name}”的图片格式不受支持，请上传 JPG、PNG 或 WEBP 图片。")
            upright = ImageOps.exif_transpose(image)
            if upright.mode not in KEPT_MODES:
                upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
            # A fresh image carries the pixels only: no EXIF, GPS, XMP, comments or text chunks.
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            del upright
            if image_format == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("L" if clean.mode == "1" else "RGB")
            buffer = io.BytesIO()
            options = {"quality": 88, "optimize": True} if image_format == "JPEG" else {}
            clean.save(buffer, format=image_format, **options)
    except Image.DecompressionBombError as error:
        raise too_large from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise unreadable from error
    content_type, extension = IMAGE_FORMATS[image_format]
    return buffer.getvalue(), content_type, extension


# --- PDFs ------------------------------------------------------------------------------------------
def _name(value):
    """A PDF name as text ("/JavaScript"), or "" for anything else."""
    return str(value) if isinstance(value, pikepdf.Name) else ""


def _strip_actions(dictionary):
    """Drops automatic actions, associated files (PDF 2.0) and a link's action if it is an active one."""
    for key in ("/AA", "/OpenAction", "/AF"):
        if key in dictionary:
            del dictionary[key]
    action = dictionary.get("/A")
    if isinstance(action, pikepdf.Dictionary) and _name(action.get("/S")) in ACTIVE_ACTIONS:
        del dictionary["/A"]


def _remove_active_content(pdf):
    root = pdf.Root
    _strip_actions(root)
    names = root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    acroform = root.get("/AcroForm")
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        del acroform["/XFA"]
    for page in pdf.pages:
        _strip_actions(page.obj)
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = pikepdf.Array()
        for annotation in annotations:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            if _name(annotation.get("/Subtype")) in ACTIVE_ANNOTATIONS:
                continue
            _strip_actions(annotation)
            kept.append(annotation)
        page.obj.Annots = kept


def _still_active(pdf):
    """Whether anything active is left anywhere in the re-written file (then it is refused)."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        if (
            "/JS" in obj
            or _name(obj.get("/S")) in ACTIVE_ACTIONS
            or _name(obj.get("/Type")) == "/EmbeddedFile"
        ):
            return True
    return False


def clean_pdf(data, name):
    """The PDF re-written without active content, or raises."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            _remove_active_content(pdf)
            buffer = io.BytesIO()
            pdf.save(buffer)
        with pikepdf.open(io.BytesIO(buffer.getvalue())) as rewritten:
            if _still_active(rewritten):
                raise AttachmentRefused(
                    f"“{name}”含有脚本或嵌入文件，无法安全保存。请另存为普通 PDF 或截图后再上传。"
                )
    except pikepdf.PasswordError as error:
        raise AttachmentRefused(f"“{name}”是加密的 PDF，请取消密码后再上传。") from error
    except pikepdf.PdfError as error:
        raise AttachmentRefused(f"“{name}”不是可识别的 PDF 文件，请检查文件后重新上传。") from error
    return buffer.getvalue()
