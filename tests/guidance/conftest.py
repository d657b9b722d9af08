import pytest
from django.core.cache import cache
from wagtail.models import Site

from guidance.models import EventIndexPage, GuidanceIndexPage, PolicyIndexPage
from website import demo as website_demo
from website.demo import ensure_child


class _Quiet:
    def write(self, *args, **kwargs):
        pass


class _Command:
    stdout = _Quiet()


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sections(db):
    """The site from the foundation's demo plus the three guidance sections, without the demo articles."""
    website_demo.load(_Command())
    home = website_demo.home_page()
    return {
        "home": home,
        "guidance": ensure_child(home, GuidanceIndexPage, "guidance", title="科学育儿", show_in_menus=True),
        "policies": ensure_child(home, PolicyIndexPage, "policies", title="政策文件", show_in_menus=True),
        "events": ensure_child(home, EventIndexPage, "events", title="家长课堂", show_in_menus=True),
        "site": Site.objects.get(is_default_site=True),
    }


@pytest.fixture
def guidance_demo(home_page):
    """The website's demo plus guidance's own demo content (faster than every app's demo)."""
    from guidance import demo as guidance_demo_module

    guidance_demo_module.load(_Command())
    return home_page
