"""办事指南 in Chromium on a 360 px phone: every page passes axe-core and fits the screen."""

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    "/services/",
    "/services/childcare-institution-filing/",
    "/services/home-based-childcare/",
    "/services/employer-childcare/",
    "/services/inclusive-childcare-application/",
]


def test_every_guide_passes_axe_core_and_fits_a_phone(live_server, load_demo, phone):
    load_demo("website", "serviceguides")
    errors = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for url in PAGES:
        response = phone.goto(live_server.url + url)
        assert response.status == 200, url
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
        assert_accessible(phone)
    assert errors == []
