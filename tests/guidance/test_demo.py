import io

import pytest
from django.core.management import call_command

from guidance.models import AgeBand, EventPage, GuidanceArticlePage, PolicyDocumentPage, Topic

pytestmark = pytest.mark.django_db

SEED_NUMBERS = [
    "泗政办字〔2020〕55号",
    "凯府办函〔2021〕54号",
    "鹤政办〔2020〕29号",
    "北区政办发〔2020〕56号",
]


def test_demo_covers_every_age_band_and_topic_with_reviewed_articles(guidance_demo):
    articles = GuidanceArticlePage.objects.live().prefetch_related("age_bands", "topics")

    assert articles.count() >= 16
    assert {band.slug for a in articles for band in a.age_bands.all()} == set(
        AgeBand.objects.values_list("slug", flat=True)
    )
    assert {topic.slug for a in articles for topic in a.topics.all()} == set(
        Topic.objects.values_list("slug", flat=True)
    )
    assert all(a.reviewer_name and a.last_reviewed and a.next_review > a.last_reviewed for a in articles)
    assert all(a.get_parent().slug == "guidance" for a in articles)


def test_demo_has_the_five_seed_documents_and_four_events(guidance_demo):
    policies = PolicyDocumentPage.objects.live()

    assert policies.count() == 5
    assert set(SEED_NUMBERS) <= set(policies.values_list("document_number", flat=True))
    assert policies.get(issuer="江西省人民政府办公厅").issued_date.isoformat() == "2020-02-21"
    assert policies.get(document_number="北区政办发〔2020〕56号").effective_date.isoformat() == "2021-01-04"
    assert EventPage.objects.live().count() >= 4


def test_load_demo_twice_changes_nothing(demo_site):
    before = (
        GuidanceArticlePage.objects.count(),
        PolicyDocumentPage.objects.count(),
        EventPage.objects.count(),
    )

    call_command("load_demo", stdout=io.StringIO())

    after = (
        GuidanceArticlePage.objects.count(),
        PolicyDocumentPage.objects.count(),
        EventPage.objects.count(),
    )
    assert after == before


def test_a_parent_finds_the_complementary_food_article_by_searching_and_by_age(client, guidance_demo):
    search = client.get("/search/?q=辅食").content.decode()
    by_age = client.get("/guidance/?age=6-12m").content.decode()

    assert 'href="/guidance/first-complementary-foods/"' in search
    assert 'href="/guidance/first-complementary-foods/"' in by_age


def test_home_page_lists_the_newest_guidance(client, guidance_demo):
    body = client.get("/").content.decode()

    assert "/guidance/" in body
    assert any(f'href="{a.url}"' in body for a in GuidanceArticlePage.objects.live())
