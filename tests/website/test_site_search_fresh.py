"""Site search keeps what it can per content generation (the private sections, the pages' specific
objects) and still shows every change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_day(home_page):
    about = home_page.get_children().get(slug="about")
    return add_page(about, StandardPage, title="阳光托育中心开放日", slug="open-day", intro="欢迎家长参观。")


def results(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_renamed_page_shows_its_new_title_in_the_results_at_once(client, open_day):
    assert "阳光托育中心开放日" in results(client, "托育")

    open_day.title = "阳光托育中心家长开放周"
    open_day.save_revision().publish()

    body = results(client, "托育")
    assert "阳光托育中心家长开放周" in body
    assert "阳光托育中心开放日" not in body


def test_restricting_a_page_takes_it_out_of_the_results_at_once(client, open_day):
    assert "阳光托育中心开放日" in results(client, "托育")

    PageViewRestriction.objects.create(page=open_day, restriction_type=PageViewRestriction.LOGIN)

    assert "阳光托育中心开放日" not in results(client, "托育")


def test_lifting_a_restriction_brings_the_page_back_at_once(client, open_day):
    restriction = PageViewRestriction.objects.create(
        page=open_day, restriction_type=PageViewRestriction.LOGIN
    )
    assert "阳光托育中心开放日" not in results(client, "托育")

    restriction.delete()

    assert "阳光托育中心开放日" in results(client, "托育")


def test_a_second_search_for_the_same_words_reads_fewer_queries_than_the_first(client, open_day):
    with CaptureQueriesContext(connection) as first:
        results(client, "托育")
    with CaptureQueriesContext(connection) as second:
        results(client, "托育")

    assert len(second) < len(first)
