"""Demo content: the complaints page, the departments and routing table, and a handful of cases.

The departments and the routing table come from complaints/routing_table.py (derived from the seed
policy documents' duty lists); the demo adds district offices for one district.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from complaints import routing_table, workflow
from complaints.models import Complaint, ComplaintEvent, ComplaintsPage, Department, RoutingRule, Status
from website.demo import DEMO_NOTICE, ensure_child, home_page

DEMO_CODE = "DEMO234567"

# The nurseries the cases are about: institutions of the demo directory (directory/demo.py, loaded first),
# by district, kind and place in name order, so every case names a nursery a visitor can look up.
NURSERIES = {
    "qibin-1": ("淇滨区", "centre", 0),
    "qibin-2": ("淇滨区", "centre", 1),
    "shancheng": ("山城区", "centre", 0),
    "home": ("淇滨区", "home", 0),
    "xunxian": ("浚县", "centre", 0),
}
# An unfiled minder is by definition not in the directory: the case names a place instead.
UNFILED_PLACE = "淇滨区九州路街道某小区 5 栋楼下的无名看护点（演示）"

# (tracking suffix, category, nursery key or None, days ago, path of transitions, description)
CASES = [
    (
        "DEMO0001",
        "food",
        "qibin-1",
        1,
        [],
        "午餐的米饭有异味，孩子回家后说肚子不舒服，同班还有几个孩子也这样。",
    ),
    (
        "DEMO0002",
        "fire",
        "shancheng",
        3,
        ["accept"],
        "二楼的安全出口被几箱杂物堵住，走廊里的灭火器压力表指在红区。",
    ),
    (
        "DEMO0003",
        "hygiene",
        "home",
        40,
        ["accept", "start"],
        "孩子接回家时尿布很久没换过，玩具看起来很久没有消毒。",
    ),
    (
        "DEMO0004",
        "fees",
        "qibin-2",
        20,
        ["accept", "start", "reply"],
        "机构要求一次性预交半年的保育费，不交就不给学位。",
    ),
    (
        "DEMO0005",
        "unfiled",
        None,
        30,
        ["accept", "start", "reply", "rate"],
        "小区里有人在家里同时看护七八个婴幼儿，没有挂牌，也查不到备案信息。",
    ),
    ("DEMO0006", "other", "xunxian", 10, ["reject"], "希望增加周末开放的托育班次。"),
    ("DEMO0007", "abuse", "qibin-1", 0, [], "孩子胳膊上有掐痕，回家说被老师关在小黑屋里。"),
    ("DEMO0008", "premises", "shancheng", 2, ["accept"], "户外滑梯的螺丝松动，扶手有一段已经断裂。"),
    (
        "DEMO0009",
        "safety",
        "qibin-1",
        2,
        ["return"],
        "孩子午睡时被同班小朋友咬伤，老师没有处理也没有告诉家长。",
    ),
]


def _nursery(key):
    """The demo directory's institution for `key`, or None (no directory loaded, or no such institution)."""
    from directory.models import Institution

    if key is None:
        return None
    district, kind, index = NURSERIES[key]
    found = Institution.objects.public().filter(district__name=district, kind=kind).order_by("name", "pk")
    return found[index : index + 1].first()


def _institution_name(key, nursery):
    if nursery is not None:
        return nursery.name
    if key is None:
        return UNFILED_PLACE
    return f"{NURSERIES[key][0]}的一家托育机构（演示）"  # only when the directory's demo is not loaded


MESSAGES = {
    "return": "反映的是保育照护和家园沟通问题，不属于安全生产监管，请卫生健康局统筹。",
    "reject": "该诉求属于服务建议，不属于投诉举报受理范围，已转交卫生健康局作为工作建议研究。",
    "reply": "经核查，该机构确有预收超过一个月费用的情况，已责令其整改并退还多收费用，将纳入信用记录。",
}


def ensure_page():
    """The /complaints/ page under the home page (which must exist)."""
    home = home_page()
    page = ensure_child(
        home,
        ComplaintsPage,
        "complaints",
        title="投诉举报",
        show_in_menus=True,
        intro="发现托育机构存在安全隐患、伤害儿童、食品安全、乱收费或未备案经营等问题，可以在这里投诉举报，并随时查询办理进度。",
        body=f"<p>投诉按类别直接转交负责的部门办理，一般 1 个工作日内受理、15 个工作日内答复。{DEMO_NOTICE}</p>",
    )
    return page


def ensure_departments():
    """The seed-derived departments and routing table (complaints/routing_table.py), plus the demo city's
    district offices; what an administrator has edited is kept."""
    _district_offices(routing_table.install(Department, RoutingRule))
    return {department.code: department for department in Department.objects.all()}


# The demo city's district offices: a case about a nursery in 淇滨区 goes to 淇滨区's own department.
DISTRICT_OFFICES = {"淇滨区": ["emergency", "market", "health"]}


def _district_offices(departments):
    from directory.models import District

    for district_name, codes in DISTRICT_OFFICES.items():
        district = District.objects.filter(name=district_name).first()
        if district is None:
            continue
        for code in codes:
            city = departments[code]
            Department.objects.get_or_create(
                code=f"{district.code}-{code}",
                defaults={
                    "name": f"{district.name}{city.name}",
                    "duties": city.duties,
                    "district": district,
                    "city_department": city,
                },
            )


def _staff(departments):
    """One demo handler per department (no password: an administrator sets one to try the admin)."""
    from django.contrib.auth import get_user_model

    from website.roles import COMPLAINT_HANDLERS, group

    users = {}
    for code, department in departments.items():
        user, created = get_user_model().objects.get_or_create(
            username=f"demo-{code}", defaults={"first_name": f"{department.name}演示处理人"}
        )
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(group(COMPLAINT_HANDLERS))
        department.staff.add(user)
        users[code] = user
    return users


def _ensure_cases(users):
    today = timezone.localdate()
    for suffix, category, nursery_key, days_ago, steps, description in CASES:
        tracking_number = f"TS{today:%Y}0101-{suffix}"
        if Complaint.objects.filter(tracking_number__endswith=suffix).exists():
            continue
        created = timezone.now() - datetime.timedelta(days=days_ago)
        nursery = _nursery(nursery_key)
        complaint = Complaint(
            tracking_number=tracking_number,
            category=category,
            institution=nursery,
            institution_name=_institution_name(nursery_key, nursery),
            description=f"{description}（演示数据）",
            anonymous=suffix in ("DEMO0005", "DEMO0007"),
            contact_name="" if suffix in ("DEMO0005", "DEMO0007") else "王女士",
            contact_phone="" if suffix in ("DEMO0005", "DEMO0007") else "13800005678",
            created_at=created,
        )
        workflow.submit(complaint, DEMO_CODE)
        # The demo's dates: the case was filed `days_ago` days ago, its deadlines counted from then.
        filed_on = timezone.localtime(created).date()
        complaint.due_date = workflow.due_date_for(complaint, filed_on)
        complaint.save(update_fields=["due_date"])
        ComplaintEvent.objects.filter(complaint=complaint).update(created_at=created)
        for step in steps:
            if step == "rate":
                workflow.rate(complaint, 4, True)
                continue
            lead_code = complaint.lead_department.code
            complaint = workflow.apply(complaint, step, users[lead_code], message=MESSAGES.get(step, ""))
        if days_ago >= 15 and complaint.status in (Status.ACCEPTED, Status.IN_PROGRESS):
            # An overdue case for the dashboard: accepted long ago, its reply deadline passed.
            complaint.reply_due_date = workflow.add_working_days(filed_on, 15)
            complaint.due_date = complaint.reply_due_date
            complaint.save(update_fields=["reply_due_date", "due_date"])


def ensure_channel():
    """The complaints page, departments and routing table, without staff or cases: what tests build on.

    Returns the page and the departments by code.
    """
    page = ensure_page()
    departments = ensure_departments()
    return page, departments


def load(command):
    with transaction.atomic():
        _, departments = ensure_channel()
        users = _staff(departments)
        _ensure_cases(users)
    command.stdout.write("投诉举报：栏目、处理部门、分办规则和演示投诉已就绪。")
