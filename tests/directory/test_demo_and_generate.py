"""Demo data, synthetic benchmark data and the directory managers' role."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count

from directory.credit_code import is_valid
from directory.models import DirectoryPage, District, Institution, InstitutionClass
from website.roles import DIRECTORY_MANAGERS

DEMO_DISTRICTS = {"410602", "410603", "410611", "410621", "410622"}


@pytest.mark.django_db
def test_load_demo_adds_about_200_marked_demo_institutions_in_five_districts_once(demo_site, client):
    demo = Institution.objects.filter(credit_code__contains="DM")

    assert demo.count() == 200
    assert set(District.objects.values_list("code", flat=True)) >= DEMO_DISTRICTS
    per_district = dict(demo.values_list("district__code").annotate(n=Count("pk")))
    assert set(per_district) == DEMO_DISTRICTS
    assert all("演示" in description for description in demo.values_list("description", flat=True))
    assert all(is_valid(code) for code in demo.values_list("credit_code", flat=True))
    assert demo.filter(kind="home").exists() and demo.exclude(status="normal").exists()
    assert demo.filter(kind="home", capacity__gt=5).count() == 0
    assert Institution.objects.public().count() > 150
    page = DirectoryPage.objects.get()
    assert page.url == "/directory/"
    assert client.get("/directory/verify/", {"q": "托育"}).status_code == 200

    call_command("load_demo", stdout=io.StringIO())

    assert Institution.objects.count() == 200
    assert DirectoryPage.objects.get().pk == page.pk


@pytest.mark.django_db
def test_demo_classes_respect_the_national_limits(load_demo):
    load_demo("website", "directory")
    assert InstitutionClass.objects.exists()
    for demo_class in InstitutionClass.objects.all():
        assert demo_class.limit_errors() == {}, demo_class


@pytest.mark.django_db
def test_generate_institutions_creates_n_more_each_run_with_valid_codes():
    out = io.StringIO()
    call_command("generate_institutions", "120", "--seed", "1", "--no-progress", stdout=out)
    call_command("generate_institutions", "30", "--seed", "2", "--no-progress", stdout=out)

    assert Institution.objects.count() == 150
    assert "已生成 120 家" in out.getvalue()
    assert "编号从 121 起" in out.getvalue()
    assert all(is_valid(code) for code in Institution.objects.values_list("credit_code", flat=True))
    assert Institution.objects.filter(services__isnull=False).distinct().count() == 150
    assert all(i.slug == i.credit_code.lower() for i in Institution.objects.all())


@pytest.mark.django_db
def test_generate_institutions_refuses_a_non_positive_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="数量应为正整数"):
        call_command("generate_institutions", "0", "--no-progress", stdout=io.StringIO())


@pytest.mark.django_db
def test_directory_managers_may_maintain_institutions(roles):
    managers = Group.objects.get(name=DIRECTORY_MANAGERS)
    codenames = set(managers.permissions.values_list("codename", flat=True))

    assert {"add_institution", "change_institution", "delete_institution", "view_institution"} <= codenames
    assert {"add_district", "change_street"} <= codenames
    assert "access_admin" in codenames

    call_command("setup_roles", stdout=io.StringIO())
    assert set(managers.permissions.values_list("codename", flat=True)) == codenames
