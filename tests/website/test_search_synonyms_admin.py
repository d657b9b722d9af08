"""Editors keep the search synonyms in the Wagtail admin (设置 → 搜索同义词)."""

import pytest

from website import text
from website.models import SynonymGroup

pytestmark = pytest.mark.django_db


def test_synonym_groups_are_edited_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/website/synonymgroup/add/", {"words": "哄睡、入睡、睡不着", "note": ""}
    )
    assert response.status_code == 302
    assert SynonymGroup.objects.filter(words__contains="睡不着").exists()
    response = admin_client.post("/admin/snippets/website/synonymgroup/add/", {"words": "孤词", "note": ""})
    assert "一组同义词至少要有两个词" in response.content.decode()


def test_an_edited_group_changes_what_search_finds(admin_client):
    response = admin_client.post(
        "/admin/snippets/website/synonymgroup/add/", {"words": "小火箭、全日托", "note": ""}
    )
    assert response.status_code == 302
    assert "全日托" in text.synonyms("小火箭")


def test_the_synonym_listing_finds_a_group_by_any_word(admin_client):
    response = admin_client.get("/admin/snippets/website/synonymgroup/", {"q": "拉肚子"})
    assert response.status_code == 200
    assert "腹泻" in response.content.decode()
