import pytest
from wagtail.models import Site

from guidance.models import EventIndexPage, GuidanceIndexPage, PolicyIndexPage
from website.demo import ensure_child


@pytest.fixture
def sections(home_page):
    """The site from the website's demo plus the three guidance sections, without the demo articles."""

    def section(model, title):
        return ensure_child(home_page, model, model.section_slug, title=title, show_in_menus=True)

    return {
        "home": home_page,
        "guidance": section(GuidanceIndexPage, "科学育儿"),
        "policies": section(PolicyIndexPage, "政策文件"),
        "events": section(EventIndexPage, "家长课堂"),
        "site": Site.objects.get(is_default_site=True),
    }


@pytest.fixture
def guidance_demo(load_demo):
    """The website's demo plus guidance's own demo content (faster than every app's demo)."""
    return load_demo("website", "guidance")
