"""Demo page tree and site settings. Every text is written for this demo and marked as demo data."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from website.models import HomePage, SiteSettings, StandardPage

DEMO_NOTICE = "【演示数据】本站内容为系统演示而编写，机构、人员与数据均为虚构。"

# The sections of the URL contract. Apps replace these placeholders with their own page types.
SECTIONS = [
    ("guidance", "科学育儿", "按月龄和主题整理的婴幼儿养育照护指导。"),
    ("policies", "政策文件", "与托育服务有关的政策文件及其解读。"),
    ("events", "家长课堂", "家长课堂、亲子活动与育儿讲座。"),
    ("directory", "找托育", "查询已登记备案的托育机构。"),
    ("complaints", "投诉举报", "反映托育机构的问题，并跟踪处理结果。"),
]

DEMO_HOTLINES = [
    {"label": "政务服务便民热线", "number": "12345", "note": "投诉、咨询、求助"},
    {"label": "卫生健康热线", "number": "12320", "note": "卫生健康政策咨询"},
    {"label": "报警电话", "number": "110", "note": "儿童正面临危险时请立即拨打"},
]


def ensure_child(parent, page_class, slug, **fields):
    """The live child of `parent` at `slug`, created as `page_class` when missing.

    A child of another type at that slug (a placeholder from an earlier demo) is replaced, so that an
    app's demo can take over its section without breaking idempotency. An existing page of the right
    type is left exactly as it is.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        if existing.specific_class is page_class:
            return existing.specific
        existing.delete()
        parent.refresh_from_db()
    page = page_class(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def home_page():
    return HomePage.objects.first()


def ensure_tree_roots():
    """The locale, root page and root collection Wagtail's migrations create.

    A database flushed between browser tests loses them, so the demo recreates what is missing.
    """
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(instance=Collection(name="Root"))
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", content_type=_page_content_type()))
    return root


def _page_content_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Page)


def _ensure_home(command):
    root = ensure_tree_roots()
    home = HomePage.objects.first()
    if home is not None:
        return home
    # Wagtail's migrations leave a "Welcome to Wagtail" page that would take the home slug.
    for child in root.get_children():
        if child.specific_class is Page:
            Site.objects.filter(root_page=child).delete()
            child.delete()
    root.refresh_from_db()
    home = HomePage(title="托育服务公共信息平台", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    command.stdout.write("已创建首页。")
    return home


def _ensure_site(home):
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="托育服务公共信息平台",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "托育服务公共信息平台"
        site.save()
    return site


def _ensure_settings(site):
    site_settings = SiteSettings.for_site(site)
    if site_settings.hotlines:
        return
    site_settings.organisation = "鹤壁市卫生健康委员会（演示）"
    site_settings.address = "鹤壁市淇滨区九州路 1 号（演示地址）"
    site_settings.hotlines = [("hotline", hotline) for hotline in DEMO_HOTLINES]
    site_settings.icp_number = "豫ICP备00000000号-1（演示）"
    site_settings.public_security_number = "豫公网安备 00000000000000号（演示）"
    site_settings.footer_note = f"<p>{DEMO_NOTICE}</p>"
    site_settings.save()


def load(command):
    home = _ensure_home(command)
    site = _ensure_site(home)
    _ensure_settings(site)
    for slug, title, intro in SECTIONS:
        if not home.get_children().filter(slug=slug).exists():
            ensure_child(
                home,
                StandardPage,
                slug,
                title=title,
                intro=intro,
                show_in_menus=True,
                body=[
                    ("callout", {"tone": "info", "title": "栏目建设中", "text": f"<p>{DEMO_NOTICE}</p>"}),
                ],
            )
    if not home.get_children().filter(slug="about").exists():
        ensure_child(
            home,
            StandardPage,
            "about",
            title="关于本站",
            intro="本站由卫生健康部门主办，为 3 岁以下婴幼儿家庭提供托育服务信息。",
            body=[
                ("heading", "我们提供什么"),
                (
                    "paragraph",
                    "<p>家长可以在这里查询已经登记、备案的托育机构，了解机构提供的全日托、半日托、"
                    "计时托和临时托服务；阅读由妇幼保健专家审核的科学育儿指导；"
                    "发现托育机构存在问题时，可以在线投诉举报并查询处理进度。</p>",
                ),
                ("callout", {"tone": "info", "title": "演示数据", "text": f"<p>{DEMO_NOTICE}</p>"}),
            ],
        )
