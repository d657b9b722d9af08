"""Demo data for the operators' app, all marked 【演示数据】 where a reader sees it: one operator account
(no password: an administrator sets one) for the first public institution, its staff with certificates,
and two entries on the 终身禁入 list. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from directory.choices import Kind
from directory.models import Institution
from operators.access import enrol
from operators.identity import check_character, id_hash, masked_id_tail
from operators.models import BarredPerson, OperatorAccount, StaffMember

DEMO_OPERATOR = "demo-operator"
# (name, role, certificate, certificate number): 4 of the 5 care staff hold a certificate (80 %).
STAFF = [
    ("刘芳", "caregiver", "childcare_worker", "演示-BYS-0001"),
    ("陈静", "caregiver", "infant_carer", "演示-YYY-0002"),
    ("王丽", "caregiver", "infant_carer", "演示-YYY-0003"),
    ("赵敏", "caregiver", "none", ""),
    ("孙洁", "health", "health_care", "演示-BJY-0005"),
    ("周强", "management", "none", ""),
]
BARRED = [
    ("张建军", "鹤卫禁〔2025〕1号", datetime.date(2025, 9, 12), "【演示数据】在托育机构工作期间殴打婴幼儿，依法终身禁止从事托育服务工作。"),
    ("欧阳晓红", "鹤卫禁〔2026〕2号", datetime.date(2026, 3, 3), "【演示数据】作为机构负责人对虐童行为负有直接管理责任。"),
]  # fmt: skip


def demo_id_number(serial):
    """A well-formed, made-up resident ID number (birth date 1985-01-01, serial 9xx)."""
    first17 = f"410611198501019{serial:02d}"
    return first17 + check_character(first17)


def _operator(institution):
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_OPERATOR, defaults={"first_name": "演示机构运营者"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    account, _ = OperatorAccount.objects.update_or_create(user=user, defaults={"institution": institution})
    enrol(account)


def _staff(institution):
    for serial, (name, role, certificate, number) in enumerate(STAFF):
        StaffMember.objects.get_or_create(
            institution=institution,
            id_number_hash=id_hash(demo_id_number(serial)),
            defaults={"name": name, "role": role, "certificate": certificate, "certificate_number": number},
        )


def _barred():
    for serial, (name, decision_number, decision_date, reason) in enumerate(BARRED, start=50):
        number = demo_id_number(serial)
        BarredPerson.objects.get_or_create(
            id_number_hash=id_hash(number),
            defaults={
                "name": name,
                "id_number_tail": masked_id_tail(number),
                "decision_number": decision_number,
                "decision_date": decision_date,
                "authority": "鹤壁市卫生健康委员会（演示）",
                "reason": reason,
            },
        )


def load(command):
    with transaction.atomic():
        institution = Institution.objects.public().exclude(kind=Kind.HOME).order_by("name").first()
        if institution is not None:
            _operator(institution)
            _staff(institution)
        _barred()
    where = (
        f"{institution.name}的运营者账号 {DEMO_OPERATOR}（未设密码）"
        if institution
        else "（没有公开机构，未建运营者账号）"
    )
    command.stdout.write(f"机构自助服务：{where}、工作人员和从业禁止人员名单演示数据已就绪。")
