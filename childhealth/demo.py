"""Demo 医育结合 at /child-health/: invented child-health services in the demo city's districts and
streets (the places gazetteer's), each street's 社区卫生服务中心 handling its home visits, and the 入托体检
page written from the seeds (凯里: a health check at a level-2 or higher institution before entry, then
at least once a year). Idempotent: services that exist are left as editors left them."""

from childhealth.models import ChildHealthPage, HealthService, ServiceKind
from directory.models import District, Street
from places.models import Place, PlaceKind
from website.demo import DEMO_NOTICE, ensure_child, home_page

CHECKUP_BODY = f"""
<h2>为什么要做</h2>
<p>孩子进入托育机构前，要在具备资质的医疗保健机构做一次全面的健康检查，确认适合过集体生活；入托后每年至少再查一次。
托育机构凭体检结果收托，并据此安排晨午检和保健工作。</p>
<h2>查什么</h2>
<ul>
<li>询问病史、预防接种情况和过敏史；</li>
<li>身高（身长）、体重和头围，评价生长发育；</li>
<li>全身检查，包括眼、耳、口腔（牙齿）和心肺；</li>
<li>血常规（血红蛋白）等化验，按机构要求进行。</li>
</ul>
<h2>带什么</h2>
<ul>
<li>孩子的《母子健康手册》（或儿童保健手册）；</li>
<li>预防接种证（托育机构会核查，漏种的要补种）；</li>
<li>家长的身份证件。</li>
</ul>
<h2>注意</h2>
<p>体检要在二级及以上的医疗保健机构做（本市为各区县妇幼保健院和下列儿童保健门诊），结果一般在出具后 3 个月内有效；
离开托育机构 3 个月以上再回来的，要重新体检。具体以托育机构和体检机构的要求为准。{DEMO_NOTICE}</p>
"""
HOME_VISIT_INTRO = (
    "<p>家有 3 岁以下婴幼儿，需要社区医生上门看看、教一教的，可以在这里申请。申请会按您家所在的街道分到负责的"
    "社区卫生服务中心，由医生电话联系您约定时间，入户指导不收费。</p>"
)
# (district code, name, kind, offset, services, entry check-up)
DISTRICT_SERVICES = [
    (
        "{district}妇幼保健院",
        ServiceKind.MATERNAL_CHILD_HOSPITAL,
        (0.004, -0.006),
        "儿童保健、入托体检、生长发育评估、预防接种",
        True,
    ),
    (
        "{district}儿童保健门诊",
        ServiceKind.CHILD_CARE_CLINIC,
        (-0.005, 0.004),
        "儿童健康检查、营养与喂养咨询、视力和听力筛查",
        True,
    ),
    (
        "{district}预防接种门诊",
        ServiceKind.VACCINATION,
        (0.006, 0.007),
        "国家免疫规划疫苗和非免疫规划疫苗接种",
        False,
    ),
]
COMMUNITY_SERVICES = "新生儿家庭访视、儿童健康管理、预防接种、家庭医生签约、入户指导"


def _page():
    return ensure_child(
        home_page(),
        ChildHealthPage,
        "child-health",
        title="医育结合",
        intro=f"<p>儿童保健、预防接种、入托体检和社区医生入户指导，就近找到服务。{DEMO_NOTICE}</p>",
        checkup_body=CHECKUP_BODY,
        home_visit_intro=HOME_VISIT_INTRO,
        show_in_menus=False,
    )


def _service(name, kind, district, street, lat, lng, services, checkup):
    service, created = HealthService.objects.get_or_create(
        name=name,
        district=district,
        defaults={
            "kind": kind,
            "street": street,
            "address": f"鹤壁市{district.name}{street.name if street else ''}（演示地址）",
            "opening_hours": "周一至周五 8:00–12:00，14:30–17:30；周六上午",
            "phone": "0392-0000000（演示号码）",
            "services_offered": services,
            "offers_entry_checkup": checkup,
            "latitude": round(lat, 6),
            "longitude": round(lng, 6),
        },
    )
    return service, created


def load(command):
    _page()
    created = 0
    for district in District.objects.all():
        centre = Place.objects.filter(kind=PlaceKind.DISTRICT, district_code=district.code).first()
        if centre is None:
            continue
        for pattern, kind, (d_lat, d_lng), services, checkup in DISTRICT_SERVICES:
            name = pattern.format(district=district.name)
            created += _service(
                name,
                kind,
                district,
                None,
                centre.latitude + d_lat,
                centre.longitude + d_lng,
                services,
                checkup,
            )[1]
    streets = Place.objects.filter(kind__in=[PlaceKind.STREET, PlaceKind.TOWN])
    for place in streets:
        street = (
            Street.objects.select_related("district")
            .filter(name=place.name, district__code=place.district_code)
            .first()
        )
        if street is None:
            continue
        service, new = _service(
            f"{street.name}社区卫生服务中心",
            ServiceKind.COMMUNITY_HEALTH_CENTRE,
            street.district,
            street,
            place.latitude - 0.002,
            place.longitude + 0.002,
            COMMUNITY_SERVICES,
            False,
        )
        if new:
            service.served_streets.add(street)
        created += new
    command.stdout.write(
        f"医育结合：新增 {created} 家演示儿童健康服务机构，共 {HealthService.objects.count()} 家。"
    )
