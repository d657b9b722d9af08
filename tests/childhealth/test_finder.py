import pytest

from childhealth.models import ServiceKind
from tests.childhealth.factories import HealthServiceFactory
from tests.nursingrooms.factories import PlaceFactory

pytestmark = pytest.mark.django_db
URL = "/child-health/"


@pytest.fixture
def services(health_page):
    PlaceFactory()
    near = HealthServiceFactory(
        name="东站预防接种门诊",
        kind=ServiceKind.VACCINATION,
        latitude=35.7395,
        longitude=114.3195,
        services_offered="疫苗接种",
    )
    far = HealthServiceFactory(
        name="市妇幼保健院",
        kind=ServiceKind.MATERNAL_CHILD_HOSPITAL,
        latitude=35.76,
        longitude=114.29,
        offers_entry_checkup=True,
    )
    return near, far


def test_finder_lists_services_nearest_first_around_a_typed_place(client, services):
    near, far = services
    text = client.get(URL, {"near": "鹤壁东站"}).content.decode()
    assert "由近到远" in text
    assert text.index(near.name) < text.index(far.name)


def test_finder_filters_by_kind_and_entry_checkup(client, services):
    near, far = services
    text = client.get(URL, {"kind": "vaccination"}).content.decode()
    assert near.name in text and far.name not in text
    text = client.get(URL, {"checkup": "1"}).content.decode()
    assert far.name in text and near.name not in text


def test_a_parents_word_finds_the_service_through_synonyms(client, services):
    near, far = services
    text = client.get(URL, {"q": "疫苗"}).content.decode()
    assert near.name in text and far.name not in text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"checkup": "maybe"}, "只接受 1（是）或 0（否）"),
        ({"kind": "dentist"}, "不认识的类型"),
        ({"near": "火星"}, "没有找到地点"),
    ],
)
def test_bad_input_gets_a_chinese_message(client, services, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_api_answers_json_and_chinese_errors(client, services):
    data = client.get("/api/v1/child-health-services/", {"near": "鹤壁东站"}).json()
    assert data["results"][0]["name"] == "东站预防接种门诊"
    assert data["results"][0]["kind_label"] == "预防接种门诊"
    bad = client.get("/api/v1/child-health-services/", {"radius": "100"})
    assert bad.status_code == 400 and bad.json()["field"] == "radius"
    assert client.get("/api/v1/child-health-services/0/").status_code == 404


def test_entry_checkup_page_says_what_and_where(client, services):
    near, far = services
    text = client.get(f"{URL}entry-checkup/").content.decode()
    assert "身高、体重和血常规" in text
    assert far.name in text and near.name not in text


def test_service_page_shows_hours_and_checkup(client, services):
    _near, far = services
    text = client.get(f"{URL}{far.pk}/").content.decode()
    assert far.opening_hours in text and "可以做" in text
    assert client.get(f"{URL}99999/").status_code == 404
