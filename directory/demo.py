"""Demo directory: about 200 fictional institutions in the five districts of 鹤壁市 (the district codes are
real, every institution, address, phone number and credit code is invented and marked as demo data).

`generate()` is shared with `manage.py generate_institutions`, which makes any number of synthetic
institutions for benchmarks with the same shapes.
"""

import datetime
import random
from decimal import Decimal

from django.db import transaction

from directory.choices import Kind, Status
from directory.credit_code import make as make_credit_code
from directory.models import (
    CLASS_RULES,
    CreditRecord,
    DirectoryPage,
    District,
    EnrolmentStep,
    Inspection,
    Institution,
    InstitutionClass,
    InstitutionService,
    Street,
    compute_rating,
)
from directory.search import fulltext
from website.demo import DEMO_NOTICE, ensure_child, home_page

DEMO_COUNT = 200
DEMO_SEED = 20260301
DEMO_MARK = "DM"  # characters 9–10 of every demo credit code
BENCH_MARK = "BM"  # the same for benchmark data

# (code, name, centre latitude, centre longitude, share of institutions, streets)
DISTRICTS = [
    (
        "410611",
        "淇滨区",
        35.748,
        114.297,
        0.40,
        ["九州路街道", "金山街道", "黎阳路街道", "长风中路街道", "大赉店镇"],
    ),
    ("410603", "山城区", 35.897, 114.184, 0.17, ["红旗街街道", "长风南路街道", "山城路街道", "汤河桥街道"]),
    ("410602", "鹤山区", 35.955, 114.166, 0.13, ["中山路街道", "新华街街道", "鹤山街街道"]),
    ("410621", "浚县", 35.676, 114.551, 0.15, ["浚州街道", "黎阳街道", "卫溪街道", "善堂镇"]),
    ("410622", "淇县", 35.609, 114.198, 0.15, ["朝歌街道", "桥盟街道", "北阳镇", "西岗镇"]),
]
ROADS = [
    "朝阳路",
    "华山路",
    "淇河路",
    "兴鹤大街",
    "黎阳路",
    "九州路",
    "红旗街",
    "山城大道",
    "卫河路",
    "朝歌路",
]
NAME_HEADS = [
    "阳光",
    "小橡树",
    "彩虹",
    "贝贝",
    "童心",
    "星星",
    "向日葵",
    "小蜜蜂",
    "乐乐",
    "爱心",
    "春芽",
    "启明",
    "小海豚",
    "禾苗",
    "暖暖",
    "悦宝",
]
NAME_TAILS = ["托育中心", "托育园", "婴幼儿照护中心", "托育服务中心", "宝贝之家"]
HOME_TAILS = ["家庭托育点", "小家托育点"]
EMPLOYER_NAMES = ["市第一人民医院职工", "高新区产业园职工", "市直机关", "鹤煤集团职工"]
HOURS = [
    "周一至周五 7:30–18:00",
    "周一至周六 7:00–19:00",
    "周一至周五 8:00–17:30",
    "每天 7:30–20:00（临时托需预约）",
]
INSPECTION_SUMMARIES = {
    "pass": "消防通道畅通，晨午检记录完整，监控录像保存时间符合要求。",
    "rectify": "部分电源插座未加装防护盖，已要求限期整改。",
    "rectified": "此前发现的食品留样记录不全问题已整改到位。",
    "fail": "保育人员配备不足，已责令整改并暂停招收新生。",
}
GOOD_CREDITS = ["年度监督检查无违规记录。", "获评市级示范性托育机构。", "按规定公示收费项目和标准。"]
BAD_CREDITS = ["超出备案托位数招收婴幼儿，已责令整改。", "预收费用超过规定期限，已退还并约谈。"]


def _district_objects():
    districts = {}
    for code, name, *_rest, streets in DISTRICTS:
        district, _ = District.objects.get_or_create(code=code, defaults={"name": name})
        districts[code] = district
        for number, street_name in enumerate(streets, start=1):
            Street.objects.get_or_create(
                code=f"{code}{number:03d}", defaults={"name": street_name, "district": district}
            )
    streets = {}
    for street in Street.objects.filter(district__code__in=districts):
        streets.setdefault(street.district.code, []).append(street)
    return districts, streets


def _pick_district(rng):
    roll, total = rng.random(), 0.0
    for entry in DISTRICTS:
        total += entry[4]
        if roll <= total:
            return entry
    return DISTRICTS[0]


def _institution(rng, number, mark, districts, streets, today):
    """One unsaved institution and its unsaved child records."""
    code, district_name, lat, lng, _share, _streets = _pick_district(rng)
    district = districts[code]
    street = rng.choice(streets[code])
    kind = Kind.HOME if rng.random() < 0.12 else Kind.CENTRE
    organiser = rng.choices(
        ["social", "employer", "kindergarten", "community", "public_private", "public"],
        [50, 10, 15, 10, 10, 5],
    )[0]
    head = rng.choice(NAME_HEADS)
    if kind == Kind.HOME:
        name = f"{street.name.removesuffix('街道').removesuffix('镇')}{head}{rng.choice(HOME_TAILS)}"
    elif organiser == "employer":
        name = f"{rng.choice(EMPLOYER_NAMES)}{head}托育园"
    elif organiser == "kindergarten":
        name = f"{district_name}{head}幼儿园托班"
    else:
        name = f"{district_name}{head}{rng.choice(NAME_TAILS)}"
    name = f"{name}（{number}）" if mark == BENCH_MARK else name
    nature = (
        "non_profit"
        if organiser in {"public", "community", "public_private"} or rng.random() < 0.3
        else ("for_profit")
    )
    credit_code = make_credit_code(f"{'52' if nature == 'non_profit' else '91'}{code}{mark}{number:07d}")

    status = rng.choices([Status.NORMAL, Status.SUSPENDED, Status.CANCELLED], [92, 5, 3])[0]
    filed = rng.random() < 0.93
    filing_date = today - datetime.timedelta(days=rng.randint(60, 1800))
    # Within about 6 km of the district's centre.
    latitude = round(lat + rng.uniform(-0.05, 0.05), 6)
    longitude = round(lng + rng.uniform(-0.06, 0.06), 6)

    classes = []
    if kind == Kind.HOME:
        capacity = rng.randint(3, 5)
        min_age, max_age = rng.choice([(6, 36), (12, 36), (18, 36)])
    else:
        plan = rng.choice(
            [
                ["toddler_small", "toddler_big"],
                ["infant", "toddler_small", "toddler_big"],
                ["toddler_small", "toddler_small", "toddler_big", "toddler_big"],
                ["mixed", "toddler_big"],
                ["infant", "toddler_small", "toddler_small", "toddler_big", "toddler_big", "mixed"],
            ]
        )
        for class_type in plan:
            rule = CLASS_RULES[class_type]
            size = rng.randint(rule["max_children"] - 4, rule["max_children"])
            classes.append(
                InstitutionClass(
                    class_type=class_type,
                    capacity=size,
                    vacancies=rng.randint(0, 3),
                    vacancies_updated_at=today - datetime.timedelta(days=rng.randint(0, 40)),
                    caregivers=-(-size // rule["ratio"]),
                )
            )
        capacity = sum(c.capacity for c in classes)
        min_age = min(CLASS_RULES[c]["min_age"] for c in plan)
        max_age = 36
    vacancies = sum(c.vacancies for c in classes) if classes else rng.randint(0, 2)

    service_types = ["full_day"] if kind == "centre" else []
    for service_type, chance in (("half_day", 0.45), ("hourly", 0.3), ("temporary", 0.35)):
        if rng.random() < chance:
            service_types.append(service_type)
    if not service_types:
        service_types = [rng.choice(["full_day", "half_day", "hourly"])]
    base_fee = rng.randrange(1600, 4200, 100)
    inclusive = rng.random() < 0.35
    if inclusive:
        base_fee = min(base_fee, rng.randrange(1200, 2000, 100))
    # Two in three 普惠 institutions take the city's 托育服务券; derived from the number, not drawn, so the
    # rest of the demo (drawn from `rng` in a fixed order) stays as it was.
    accepts_voucher = inclusive and number % 3 != 0
    fees = {"full_day": base_fee, "half_day": round(base_fee * 0.6, -1), "hourly": None, "temporary": None}
    services = [
        InstitutionService(
            service_type=s, monthly_fee=None if fees[s] is None else Decimal(fees[s]), sort_order=i
        )
        for i, s in enumerate(service_types)
    ]

    quality_grade = rng.choice(["A", "B", "B", "C", "", ""]) if filed else ""
    star_level = rng.choice([None, None, 3, 4, 5]) if filed else None
    inspections = [
        Inspection(
            date=filing_date + datetime.timedelta(days=rng.randint(30, 400)),
            authority=f"{district_name}卫生健康委员会",
            result=result,
            summary=INSPECTION_SUMMARIES[result],
        )
        for result in rng.sample(["pass", "pass", "rectify", "rectified"], rng.randint(0, 2))
    ]
    if status == "suspended":
        inspections.append(
            Inspection(
                date=today - datetime.timedelta(days=20),
                authority=f"{district_name}卫生健康委员会",
                result="fail",
                summary=INSPECTION_SUMMARIES["fail"],
            )
        )
    credit_records = []
    if rng.random() < 0.3:
        credit_records.append(
            CreditRecord(
                date=today - datetime.timedelta(days=rng.randint(10, 300)),
                kind="good",
                authority="鹤壁市卫生健康委员会",
                summary=rng.choice(GOOD_CREDITS),
            )
        )
    if rng.random() < 0.06 or status == "suspended":
        credit_records.append(
            CreditRecord(
                date=today - datetime.timedelta(days=rng.randint(10, 300)),
                kind="bad",
                authority=f"{district_name}市场监督管理局",
                summary=rng.choice(BAD_CREDITS),
            )
        )

    institution = Institution(
        name=name,
        slug=credit_code.lower(),
        credit_code=credit_code,
        kind=kind,
        nature=nature,
        organiser_type=organiser,
        district=district,
        street=street,
        address=f"{district_name}{rng.choice(ROADS)}{rng.randint(1, 299)} 号",
        latitude=latitude,
        longitude=longitude,
        phone=f"0392-55{rng.randint(0, 99999):05d}",
        opening_hours=rng.choice(HOURS),
        description=(
            f"{DEMO_NOTICE}本机构为虚构的演示机构，"
            f"提供{'、'.join(dict(InstitutionService._meta.get_field('service_type').choices)[s] for s in service_types)}"
            f"服务，招收 {min_age}–{max_age} 个月的婴幼儿。"
            + ("设有户外活动场地和独立午睡室。" if kind == "centre" else "在居民住宅内开展小规模照护。")
        ),
        status=status,
        filing_number=f"豫鹤卫托备〔{filing_date.year}〕{number:05d}号" if filed else "",
        filing_date=filing_date if filed else None,
        filing_authority=f"{district_name}卫生健康委员会" if filed else "",
        min_age_months=min_age,
        max_age_months=max_age,
        capacity=capacity,
        vacancies=min(vacancies, capacity),
        vacancies_updated_at=today - datetime.timedelta(days=rng.randint(0, 30)),
        inclusive=inclusive,
        accepts_childcare_voucher=accepts_voucher,
        demonstration=quality_grade == "A" and rng.random() < 0.5,
        quality_grade=quality_grade,
        star_level=star_level,
        rating=compute_rating(quality_grade, star_level),
    )
    return institution, services, classes, inspections, credit_records


def _unique_name(institution, used_names):
    name = institution.name
    if name in used_names:
        place = institution.street.name.removesuffix("街道").removesuffix("镇")
        name = f"{institution.name}{place}分园"
        suffix = 2
        while name in used_names:
            name = f"{institution.name}{place}{suffix}号分园"
            suffix += 1
    used_names.add(name)
    return name


def next_number(mark):
    """The first unused sequence number among the credit codes carrying `mark`."""
    codes = Institution.objects.filter(credit_code__regex=rf"^.{{8}}{mark}[0-9]{{7}}.$").values_list(
        "credit_code", flat=True
    )
    return max((int(code[10:17]) for code in codes), default=0) + 1


def generate(count, mark, seed, start=1, progress=None, batch_size=1000, today=None):
    """Creates `count` institutions numbered from `start`, skipping credit codes that already exist.

    Uses bulk inserts (no per-row signals), so it is fast enough for 100 000 rows. Returns how many were
    created.
    """
    today = today or datetime.date.today()
    rng = random.Random(seed)
    districts, streets = _district_objects()
    existing = set(
        Institution.objects.filter(credit_code__contains=mark).values_list("credit_code", flat=True)
    )
    used_names = set(Institution.objects.values_list("name", flat=True)) if count <= 10_000 else set()
    created = 0
    for batch_start in range(start, start + count, batch_size):
        numbers = range(batch_start, min(batch_start + batch_size, start + count))
        batch = []
        for number in numbers:
            record = _institution(rng, number, mark, districts, streets, today)
            if record[0].credit_code in existing:
                continue
            record[0].name = _unique_name(record[0], used_names)
            batch.append(record)
        with transaction.atomic():
            institutions = Institution.objects.bulk_create([record[0] for record in batch])
            children = {InstitutionService: [], InstitutionClass: [], Inspection: [], CreditRecord: []}
            for institution, record in zip(institutions, batch, strict=True):
                for group in record[1:]:
                    for child in group:
                        child.institution = institution
                        children[type(child)].append(child)
            for model, objects in children.items():
                model.objects.bulk_create(objects)
        created += len(batch)
        if progress is not None:
            progress(len(numbers))
    # The triggers marked the new rows pending; index them now so the first searches need not scan.
    fulltext.refresh_pending()
    return created


def load(command):
    home = home_page()
    ensure_child(
        home,
        DirectoryPage,
        "directory",
        title="找托育",
        show_in_menus=True,
        intro="<p>查询已在卫生健康部门备案、正常运营的托育机构，可按服务类型、区县、月龄和距离筛选。</p>",
        verify_intro=(
            "<p>交费之前，请先核实机构是否已经备案。输入机构名称或统一社会信用代码即可查询，"
            "暂停或注销的机构也会显示。</p>"
        ),
        search_description="查询鹤壁市已备案的托育机构：全日托、半日托、计时托、临时托。",
    )
    existing = Institution.objects.filter(credit_code__contains=DEMO_MARK).count()
    created = generate(DEMO_COUNT, DEMO_MARK, DEMO_SEED, today=datetime.date(2026, 11, 1))
    _enrolment_examples()
    if created:
        command.stdout.write(f"已添加 {created} 家演示托育机构（鹤壁市五个区县，均为虚构）。")
    elif existing:
        command.stdout.write(f"演示托育机构已存在（{existing} 家），未作改动。")


# 入托须知 as a centre's manager would write it; the other demo institutions show the usual way.
ENROLMENT_STEPS = [
    ("电话预约参观", "工作日 9:00–17:00 拨打机构电话，约定参观时间。"),
    ("带孩子参观、试园半天", "家长陪同，了解班级、作息和餐食。"),
    ("到社区卫生服务中心做入托健康检查", "检查合格后领取《儿童入托健康检查表》。"),
    ("签订托育服务协议", "协议写明收费、退费办法；预收费不超过 1 个月。"),
]
ENROLMENT_MATERIALS = "出生医学证明（复印件）\n预防接种证\n儿童入托健康检查表\n监护人身份证"
VISITING_TIMES = "每周三、周五 15:00–16:30，请提前一天电话预约"


def _enrolment_examples(count=3):
    """Gives the first few demo centres their own 入托须知, once."""

    centres = (
        Institution.objects.public().filter(credit_code__contains=DEMO_MARK, kind="centre").order_by("pk")
    )
    for institution in centres[:count]:
        if institution.enrolment_steps.exists():
            continue
        EnrolmentStep.objects.bulk_create(
            EnrolmentStep(institution=institution, title=title, detail=detail, sort_order=order)
            for order, (title, detail) in enumerate(ENROLMENT_STEPS)
        )
        institution.enrolment_materials = ENROLMENT_MATERIALS
        institution.visiting_times = VISITING_TIMES
        institution.save(update_fields=["enrolment_materials", "visiting_times"])
