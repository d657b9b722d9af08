"""A policy document's dates as an editor enters them and a reader sees them."""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from guidance.models import PolicyDocumentPage
from tests.factories import UserFactory
from tests.guidance.factories import PolicyFactory
from website.roles import GUIDANCE_EDITORS

pytestmark = pytest.mark.django_db


def policy_form(**dates):
    form = nested_form_data(
        {
            "title": "育儿补贴制度实施方案",
            "slug": "childcare-subsidy-scheme",
            "document_number": "",
            "index_number": "",
            "issuer": "中共中央办公厅、国务院办公厅",
            "validity": "valid",
            "topic": "",
            "summary": "3 周岁以下婴幼儿每人每年 3600 元育儿补贴。",
            "body": streamfield([]),
            "attachments": inline_formset([]),
            "comments": inline_formset([]),
            "interpretation": "",
            "original_url": "",
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
            **dates,
        }
    )
    form["action-save"] = "save"
    return form


def test_editor_saves_a_scheme_that_takes_effect_before_it_was_published(client, sections, roles):
    client.force_login(UserFactory(groups=[GUIDANCE_EDITORS]))
    url = reverse("wagtailadmin_pages:add", args=["guidance", "policydocumentpage", sections["policies"].pk])

    response = client.post(url, policy_form(issued_date="2025-07-28", effective_date="2025-01-01"))

    assert response.status_code == 302
    policy = PolicyDocumentPage.objects.get(slug="childcare-subsidy-scheme")
    assert (policy.issued_date, policy.effective_date) == (
        datetime.date(2025, 7, 28),
        datetime.date(2025, 1, 1),
    )


def test_the_date_fields_explain_that_the_effective_date_may_come_first(client, sections, roles):
    client.force_login(UserFactory(groups=[GUIDANCE_EDITORS]))
    url = reverse("wagtailadmin_pages:add", args=["guidance", "policydocumentpage", sections["policies"].pk])

    form = client.get(url).content.decode()

    assert "可以早于发文日期" in form


def test_a_retroactive_scheme_says_so_beside_its_dates(client, sections):
    PolicyFactory(
        slug="subsidy", issued_date=datetime.date(2025, 7, 28), effective_date=datetime.date(2025, 1, 1)
    )
    PolicyFactory(
        slug="ordinary", issued_date=datetime.date(2020, 12, 4), effective_date=datetime.date(2021, 1, 4)
    )

    retroactive = client.get("/policies/subsidy/").content.decode()
    ordinary = client.get("/policies/ordinary/").content.decode()

    assert "2025年7月28日" in retroactive
    assert "2025年1月1日</time>（早于发文日期，按文件规定追溯实施）" in retroactive
    assert "追溯" not in ordinary
