"""The routing table derived from the seeds: every category, district offices, the public basis."""

import io

import pytest
from django.core.management import call_command

from complaints import routing_table
from complaints.models import Category, Complaint, Department, RoutingRule
from tests.complaints.factories import ComplaintFactory
from tests.directory.factories import DistrictFactory, InstitutionFactory

EXPECTED_LEAD = {
    "abuse": "公安局",
    "safety": "应急管理局",
    "premises": "住房和城乡建设局",
    "food": "市场监督管理局",
    "hygiene": "卫生健康局",
    "fire": "消防救援大队",
    "fees": "市场监督管理局",
    "over_capacity": "卫生健康局",
    "unfiled": "卫生健康局",
    "staff": "卫生健康局",
    "advertising": "市场监督管理局",
    "other": "卫生健康局",
}


def test_every_category_has_a_rule_with_a_cited_basis(channel):
    assert set(EXPECTED_LEAD) == set(Category.values)
    for rule in RoutingRule.objects.all():
        assert rule.basis, rule.category
        assert "〔20" in rule.basis_source or "2020年" in rule.basis_source, rule.category


@pytest.mark.parametrize("category", sorted(EXPECTED_LEAD))
def test_each_category_lands_with_the_department_the_seeds_give_it(channel, category):
    complaint = ComplaintFactory(category=category)

    assert complaint.lead_department.name == EXPECTED_LEAD[category]


def test_a_broken_slide_goes_to_housing_with_emergency_management_not_to_the_police(channel):
    complaint = ComplaintFactory(category="premises")

    supporting = {d.name for d in complaint.supporting_departments.all()}
    assert complaint.lead_department.name == "住房和城乡建设局"
    assert supporting == {"应急管理局"}


def test_staff_qualification_reports_are_led_by_health_with_human_resources_supporting(channel):
    complaint = ComplaintFactory(category="staff")

    assert complaint.lead_department.code == "health"
    assert [d.code for d in complaint.supporting_departments.all()] == ["hrss"]


def test_a_safety_complaint_in_a_district_with_its_own_office_lands_there(channel):
    qibin = DistrictFactory(name="淇滨区")
    city = Department.objects.get(code="emergency")
    office = Department.objects.create(
        code="qibin-emergency", name="淇滨区应急管理局", district=qibin, city_department=city
    )
    nursery = InstitutionFactory(district=qibin)

    complaint = ComplaintFactory(category="safety", institution=nursery, institution_name="")

    assert complaint.lead_department == office


def test_a_district_without_its_own_office_falls_back_to_the_city_department(channel):
    qibin = DistrictFactory(name="淇滨区")
    other = DistrictFactory(code="410603", name="山城区")
    city = Department.objects.get(code="emergency")
    Department.objects.create(
        code="qibin-emergency", name="淇滨区应急管理局", district=qibin, city_department=city
    )
    nursery = InstitutionFactory(district=other)

    complaint = ComplaintFactory(category="safety", institution=nursery, institution_name="")

    assert complaint.lead_department == city


def test_supporting_departments_resolve_to_the_district_office_too(channel):
    qibin = DistrictFactory(name="淇滨区")
    market = Department.objects.get(code="market")
    office = Department.objects.create(
        code="qibin-market", name="淇滨区市场监督管理局", district=qibin, city_department=market
    )
    nursery = InstitutionFactory(district=qibin)

    complaint = ComplaintFactory(category="safety", institution=nursery, institution_name="")

    assert office in complaint.supporting_departments.all()
    assert market not in complaint.supporting_departments.all()


def test_a_kindergarten_class_brings_in_the_education_department(channel):
    nursery = InstitutionFactory(organiser_type="kindergarten")

    complaint = ComplaintFactory(category="food", institution=nursery, institution_name="")

    assert complaint.lead_department.code == "market"
    assert "education" in {d.code for d in complaint.supporting_departments.all()}


def test_child_abuse_still_takes_the_fast_lane_with_health_supporting(channel):
    complaint = ComplaintFactory(category="abuse")

    assert complaint.urgent
    assert complaint.lead_department.code == "police"
    assert [d.code for d in complaint.supporting_departments.all()] == ["health"]


def test_the_public_overview_cites_the_basis_of_each_rule(client, channel):
    response = client.get("/complaints/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "职责依据" in text
    assert "超范围或超额收托" in text
    assert "凯府办函〔2021〕54号" in text
    assert "住房和城乡建设局" in text


def test_loading_the_table_keeps_an_administrators_edit_unless_reset(channel):
    rule = RoutingRule.objects.get(category="safety")
    rule.lead_department = Department.objects.get(code="police")
    rule.save()

    call_command("load_routing_table", stdout=io.StringIO())
    assert RoutingRule.objects.get(category="safety").lead_department.code == "police"

    out = io.StringIO()
    call_command("load_routing_table", "--reset", stdout=out)
    assert RoutingRule.objects.get(category="safety").lead_department.code == "emergency"
    assert "分办规则 12 条" in out.getvalue()


def test_installing_twice_creates_nothing_new(channel):
    before = (Department.objects.count(), RoutingRule.objects.count())

    routing_table.install(Department, RoutingRule)

    assert (Department.objects.count(), RoutingRule.objects.count()) == before
    assert not Complaint.objects.exists()
