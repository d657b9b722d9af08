"""Caregivers and their certificates, the 终身禁入 list: ID numbers are only ever stored as keyed hashes,
names on the public list are masked, and someone on the list cannot be registered as staff."""

import pytest
from django.template import Context, Template

from operators.identity import id_hash, masked_name
from operators.models import BarredMatch, BarredPerson, StaffMember
from tests.operators.factories import BarredPersonFactory, StaffMemberFactory, id_number

ADD = "/admin/operators/staff/add/"


def staff_form(**fields):
    data = {
        "name": "刘芳",
        "role": "caregiver",
        "certificate": "infant_carer",
        "certificate_number": "YYY2026001",
        "id_number": id_number(42),
        "active": "on",
    }
    data.update(fields)
    return data


def test_a_staff_member_is_registered_without_keeping_the_id_number(operator_client, institution):
    response = operator_client.post(ADD, staff_form(), follow=True)
    assert "工作人员信息已保存" in response.content.decode()
    member = StaffMember.objects.get()
    assert member.institution == institution
    assert member.id_number_hash == id_hash(id_number(42))
    assert id_number(42) not in member.id_number_hash
    page = operator_client.get(f"/admin/operators/staff/{member.pk}/").content.decode()
    assert id_number(42) not in page and id_number(42)[-4:] not in page


def test_someone_on_the_barred_list_is_refused_and_the_attempt_is_logged(
    operator_client, operator, institution
):
    barred = BarredPersonFactory(number=id_number(7))
    response = operator_client.post(ADD, staff_form(name="张三丰", id_number=id_number(7)))
    html = response.content.decode()
    assert response.status_code == 400
    assert "从业禁止人员名单（终身禁入）" in html and "不能登记" in html
    assert not StaffMember.objects.exists()
    match = BarredMatch.objects.get()
    assert (match.barred_person, match.institution, match.user, match.entered_name) == (
        barred,
        institution,
        operator,
        "张三丰",
    )


def test_a_new_id_number_on_an_existing_member_is_checked_too(operator_client, institution):
    member = StaffMemberFactory(institution=institution, name="陈静")
    BarredPersonFactory(number=id_number(8))
    data = staff_form(name="陈静", id_number=id_number(8))
    response = operator_client.post(f"/admin/operators/staff/{member.pk}/", data)
    assert response.status_code == 400 and "不能登记" in response.content.decode()
    assert StaffMember.objects.get(pk=member.pk).id_number_hash == member.id_number_hash


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id_number": ""}, "请填写身份证号码"),
        ({"id_number": "41061119900101001"}, "身份证号码应为 18 位"),
        ({"id_number": id_number(42)[:17] + ("1" if id_number(42)[17] != "1" else "2")}, "校验位不对"),
        ({"id_number": "4106111990010100ＡＢ"}, "身份证号码应为 18 位"),
        ({"name": ""}, "请填写姓名"),
        ({"role": "boss"}, "请从列表中选择岗位"),
        ({"certificate_number": ""}, "持有证书的，请填写证书编号"),
    ],
)
def test_bad_staff_input_gets_a_chinese_error(operator_client, fields, message):
    response = operator_client.post(ADD, staff_form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not StaffMember.objects.exists()


def test_the_same_person_cannot_be_registered_twice(operator_client, institution):
    operator_client.post(ADD, staff_form())
    response = operator_client.post(ADD, staff_form(name="刘芳芳"))
    assert "已经登记过这个身份证号码" in response.content.decode()
    assert StaffMember.objects.count() == 1


def test_a_lower_case_x_and_spaces_are_read_as_the_same_number(operator_client):
    number = next(id_number(n) for n in range(1000) if id_number(n).endswith("X"))
    spaced = f"{number[:6]} {number[6:14]} {number[14:-1]}x"
    response = operator_client.post(ADD, staff_form(id_number=spaced), follow=True)
    assert "工作人员信息已保存" in response.content.decode()
    assert StaffMember.objects.get().id_number_hash == id_hash(number)


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三丰", "张**"),
        ("李四", "李*"),
        ("欧阳娜娜", "欧阳**"),
        ("欧阳", "欧*"),
        ("王", "王*"),
        (" 赵 六 ", "赵*"),
    ],
)
def test_names_are_masked_to_the_surname(name, masked):
    assert masked_name(name) == masked


def test_the_public_barred_list_shows_masked_names_and_no_id_numbers(client, home_page):
    BarredPersonFactory(name="张三丰", number=id_number(9), decision_number="鹤卫禁〔2026〕3号")
    html = client.get("/directory/barred/").content.decode()
    assert "张**" in html and "张三丰" not in html
    assert "鹤卫禁〔2026〕3号" in html and "2026年6月1日" in html
    assert id_number(9) not in html and id_number(9)[-4:] not in html


def test_the_public_barred_list_survives_any_page_number(client, home_page):
    BarredPersonFactory()
    for page in ("0", "-1", "abc", "99999", "\x00"):
        assert client.get("/directory/barred/", {"page": page}).status_code == 200


def test_health_staff_add_a_barred_person_by_id_number_and_only_the_hash_is_kept(client, roles):
    from tests.factories import UserFactory

    client.force_login(UserFactory(groups=["从业禁止名单管理"]))
    response = client.post(
        "/admin/barred_persons/new/",
        {
            "name": "李某某",
            "id_number": id_number(11),
            "decision_number": "鹤卫禁〔2026〕5号",
            "decision_date": "2026-05-20",
            "authority": "鹤壁市卫生健康委员会",
            "reason": "虐待婴幼儿。",
        },
    )
    assert response.status_code == 302
    person = BarredPerson.objects.get()
    assert person.id_number_hash == id_hash(id_number(11))
    assert person.id_number_tail == "*" * 14 + id_number(11)[-4:]
    listing = client.get("/admin/barred_persons/").content.decode()
    assert id_number(11) not in listing and person.id_number_tail in listing

    again = client.post(
        "/admin/barred_persons/new/",
        {
            "name": "李某",
            "id_number": id_number(11),
            "decision_number": "x",
            "decision_date": "2026-05-20",
            "reason": "x",
        },
    )
    assert "名单上已有这个身份证号码的人员" in again.content.decode()
    bad = client.post(
        "/admin/barred_persons/new/",
        {
            "name": "李某",
            "id_number": "123",
            "decision_number": "x",
            "decision_date": "2026-05-20",
            "reason": "x",
        },
    )
    assert "身份证号码应为 18 位" in bad.content.decode()


def test_health_staff_read_the_refused_registrations(client, roles, institution):
    from tests.factories import UserFactory

    BarredMatch.objects.create(
        barred_person=BarredPersonFactory(), institution=institution, entered_name="张三丰"
    )
    client.force_login(UserFactory(groups=["从业禁止名单管理"]))
    html = client.get("/admin/barred_matches/").content.decode()
    assert "张三丰" in html and institution.name in html


def _render(tag, institution):
    return Template("{% load operators_public %}{% " + tag + " institution %}").render(
        Context({"institution": institution})
    )


def test_the_public_credential_figures_count_active_care_staff_against_the_85_percent_target(institution):
    for certificate in ("childcare_worker", "infant_carer", "health_care", "none"):
        StaffMemberFactory(institution=institution, certificate=certificate)
    StaffMemberFactory(institution=institution, certificate="none", role="management")  # not care staff
    StaffMemberFactory(institution=institution, certificate="none", active=False)  # left
    html = _render("staff_credentials", institution)
    assert "保育及保健人员 <strong>4</strong> 名" in html
    assert "<strong>3</strong> 名，持证率 <strong>75%</strong>，未达到持证率 85% 以上的目标" in html
    assert "北区政办发〔2020〕56号" in html


def test_an_institution_without_registered_staff_says_so(institution):
    assert "机构尚未在平台登记保育人员" in _render("staff_credentials", institution)
