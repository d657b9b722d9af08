"""The database backend wrapper: the pipeline on both sides, and nothing unsafe reaches the engine.

The index side hooks into the vendor index's `add_items` through public API only (each object's
`get_search_fields()` and each field's `get_value()`): these tests fail if an upgrade stops honouring that.
"""

import pytest
from modelsearch.query import And, Or, Phrase, PlainText
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories import add_page
from website.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(home_page):
    about = home_page.get_children().get(slug="about")
    return add_page(about, StandardPage, title="託育機構開放日", slug="open-day", intro="ＷＨＯ建議的遊戲")


def titles(query, **kwargs):
    return [result.title for result in get_search_backend().search(query, Page.objects.live(), **kwargs)]


def test_indexed_text_is_normalised_and_segmented(page):
    from django.db import connection

    if connection.vendor == "sqlite":
        from modelsearch.conf import get_app_config

        IndexEntry = get_app_config().get_model("IndexEntry")
        entry = IndexEntry.objects.get(object_id=str(page.pk), content_type__model="standardpage")
        assert "托育" in entry.title.split()
        assert "who" in entry.body.split()
    assert "託育機構開放日" in titles("托育")
    assert "託育機構開放日" in titles("建议")


def test_the_index_sees_the_vendors_own_search_fields_through_the_view(page):
    from website.search_backend import IndexedObject, NormalisedSearchField

    fields = IndexedObject(page.specific).get_search_fields()
    title = next(field for field in fields if getattr(field, "field_name", None) == "title")
    assert isinstance(title, NormalisedSearchField)
    assert {"托育", "托育机构"} <= set(title.get_value(IndexedObject(page.specific)).split())


def test_a_traditional_query_finds_simplified_text(page):
    assert "託育機構開放日" in titles("開放日")


@pytest.mark.parametrize("query", ["？", "。", "%", "_", '"', "'", "*", "(", "OR", "\x00", "😀", "%s%s"])
def test_punctuation_and_operators_alone_find_nothing_without_an_error(page, query):
    assert isinstance(titles(query), list)


@pytest.mark.parametrize(
    "query",
    [
        PlainText('托育"'),
        PlainText("%托育_"),
        Phrase('"开放'),
        Or([PlainText('"'), PlainText("托育")]),
        And([PlainText("%"), PlainText("开放日")]),
    ],
)
def test_query_objects_from_other_callers_are_made_safe(page, query):
    assert isinstance(titles(query), list)


def test_autocomplete_survives_punctuation(page):
    results = get_search_backend().autocomplete('"%', StandardPage.objects.all())
    assert list(results) == [] or all(isinstance(result, StandardPage) for result in results)
