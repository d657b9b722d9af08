"""The demo is one city: the nurseries complaints name are in the directory, and every office, place and
organisation the demo invents sits in the directory's districts and streets."""

import pytest
from wagtail.models import Site

from benefits.models import ClaimOffice
from complaints.models import Complaint
from directory.models import District, Street
from guidance.models import EventPage, GuidanceArticlePage
from places.models import Place
from website.models import SiteSettings

pytestmark = pytest.mark.django_db

CITY = "鹤壁市"


def test_demo_complaints_name_nurseries_a_visitor_can_find_in_the_directory(client, demo_site):
    cases = list(Complaint.objects.select_related("institution", "institution__district"))
    about_nurseries = [case for case in cases if case.category != "unfiled"]

    assert about_nurseries
    for case in about_nurseries:
        assert case.institution is not None, case.institution_name
        assert case.institution_name == case.institution.name
        assert client.get(case.institution.get_absolute_url()).status_code == 200
    unfiled = next(case for case in cases if case.category == "unfiled")
    assert unfiled.institution is None
    assert unfiled.institution_name.startswith("淇滨区九州路街道")


def test_offices_and_places_of_the_demo_lie_in_the_directorys_districts_and_streets(demo_site):
    districts = set(District.objects.values_list("name", flat=True))
    streets = set(Street.objects.values_list("name", flat=True))

    for office in ClaimOffice.objects.all():
        assert office.district in districts and office.street in streets, office.name
    for place in Place.objects.exclude(district_name=""):
        assert place.district_name in districts, place.name


def test_the_demos_organisations_belong_to_the_one_city(demo_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    organisations = {settings.organisation, settings.address}
    organisations |= set(GuidanceArticlePage.objects.values_list("author_organisation", flat=True))
    organisations |= set(EventPage.objects.values_list("organiser", flat=True))

    assert all("示范市" not in name for name in organisations), organisations
    assert CITY in settings.organisation and CITY in settings.address
