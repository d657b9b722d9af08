import pytest
from wagtail.models import Page, Site

from directory.models import DirectoryPage
from website.models import HomePage


@pytest.fixture
def directory_page(db):
    """A site with just a home page and the directory at /directory/ (quicker than the whole demo)."""
    root = Page.get_first_root_node()
    home = HomePage(title="托育服务公共信息平台", slug="directory-home")
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    page = DirectoryPage(title="找托育", slug="directory")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
