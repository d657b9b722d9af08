"""Saving, suspending and deleting an institution, and renaming a district or street, reach the node.

The changes go through the real path: Django signals queue the sync tasks when the transaction commits,
the (immediate) task backend runs them, and the node is then asked. Each test puts the data back through
the same path, so the index still equals the database for the tests after it.
"""

import pytest

from directory.models import District, Institution, Street
from directory.search import SearchQuery
from directory.search.elasticsearch import alias_name
from tests.directory.factories import InstitutionFactory, InstitutionServiceFactory

pytestmark = pytest.mark.django_db


def indexed_ids(cluster, **params):
    """Ids of every document the node finds for these search parameters (all pages)."""
    from directory.search.elasticsearch import build_search, response_json

    query = SearchQuery.from_params({**params, "page_size": "100"})
    body = build_search(query).extra(size=1000).to_dict()
    response = response_json(cluster.client.search(index=alias_name(), body=body))
    return {int(hit["_id"]) for hit in response["hits"]["hits"]}


def document(cluster, pk):
    from directory.search.elasticsearch import NOT_FOUND_ERRORS, response_json

    try:
        return response_json(cluster.client.get(index=alias_name(), id=str(pk)))["_source"]
    except NOT_FOUND_ERRORS:
        return None


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a block as if its transaction committed: the sync tasks it queued run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def institution():
    return Institution.objects.public().filter(kind="centre").order_by("pk").first()


def test_a_new_institution_is_found_by_its_name_once_saved_and_gone_once_deleted(cluster, committed):
    with committed():
        created = InstitutionFactory(name="星河湾托育中心", district=District.objects.get(code="410611"))
        InstitutionServiceFactory(institution=created, service_type="hourly")
    assert indexed_ids(cluster, q="星河湾") == {created.pk}
    assert indexed_ids(cluster, q="星河湾", service="hourly") == {created.pk}

    pk = created.pk
    with committed():
        created.delete()
    assert indexed_ids(cluster, q="星河湾") == set()
    assert document(cluster, pk) is None


def test_renaming_an_institution_updates_what_its_name_finds(cluster, committed, institution):
    old_name = institution.name
    with committed():
        institution.name = "金色童年托育中心"
        institution.save()
    assert indexed_ids(cluster, q="金色童年") == {institution.pk}
    assert institution.pk not in indexed_ids(cluster, q=old_name)

    with committed():
        institution.name = old_name
        institution.save()
    assert indexed_ids(cluster, q="金色童年") == set()
    assert institution.pk in indexed_ids(cluster, q=old_name)


def test_a_suspended_institution_leaves_the_index_and_returns_when_it_reopens(
    cluster, committed, institution
):
    with committed():
        institution.status = "suspended"
        institution.save()
    assert document(cluster, institution.pk) is None
    assert institution.pk not in indexed_ids(cluster, q=institution.name)

    with committed():
        institution.status = "normal"
        institution.save()
    assert document(cluster, institution.pk)["name"] == institution.name
    assert institution.pk in indexed_ids(cluster, q=institution.name)


def test_a_new_service_makes_the_institution_match_that_service(cluster, committed, institution):
    offered = set(institution.services.values_list("service_type", flat=True))
    missing = next(code for code in ("full_day", "half_day", "hourly", "temporary") if code not in offered)
    with committed():
        service = InstitutionServiceFactory(institution=institution, service_type=missing)
    assert institution.pk in indexed_ids(cluster, service=missing)

    with committed():
        service.delete()
    assert institution.pk not in indexed_ids(cluster, service=missing)


def test_renaming_a_district_reindexes_its_institutions(cluster, committed):
    district = District.objects.get(code="410622")
    members = set(Institution.objects.public().filter(district=district).values_list("pk", flat=True))
    assert members
    old_name = district.name
    with committed():
        district.name = "桃花源县"
        district.save()
    assert indexed_ids(cluster, q="桃花源县") == members

    with committed():
        district.name = old_name
        district.save()
    assert indexed_ids(cluster, q="桃花源县") == set()
    assert members <= indexed_ids(cluster, q=old_name)


def test_renaming_a_street_reindexes_its_institutions(cluster, committed):
    street = (
        Street.objects.filter(institutions__status="normal").exclude(institutions__filing_number="").first()
    )
    members = set(Institution.objects.public().filter(street=street).values_list("pk", flat=True))
    assert members
    old_name = street.name
    with committed():
        street.name = "凤凰山街道"
        street.save(update_fields=["name"])
    assert indexed_ids(cluster, q="凤凰山街道") == members

    with committed():
        street.name = old_name
        street.save(update_fields=["name"])
    assert indexed_ids(cluster, q="凤凰山街道") == set()
