"""The routing table derived from the seed documents' department-duty paragraphs.

Each rule says which department leads a category of complaint, who supports it, and on what basis:
the passage of the policy documents (the seeds in ../shared/seeds, summarised in our own words) that
gives that department the duty. The public complaints page shows the basis beside each category.

`install()` writes the city-level departments and the rules; `load_routing_table` runs it. A city
adds its district offices (区县级部门) in the admin, each pointing at its city department.
"""

from dataclasses import dataclass

SIHUI = "泗水县《促进3岁以下婴幼儿照护服务发展实施方案》（泗政办字〔2020〕55号）"
KAILI = "凯里市《促进3岁以下婴幼儿照护服务发展实施方案》（凯府办函〔2021〕54号）"
JIANGXI = "江西省《关于促进3岁以下婴幼儿照护服务发展的实施意见》（2020年2月21日）"
HEBI = "鹤壁市《促进3岁以下婴幼儿照护服务发展实施方案》（鹤政办〔2020〕29号）"
JIANGBEI = "宁波市江北区《促进3岁以下婴幼儿照护服务发展的实施意见》（北区政办发〔2020〕56号）"


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    duties: str
    is_coordinator: bool = False


@dataclass(frozen=True)
class RuleSpec:
    category: str
    lead: str
    supporting: tuple = ()
    urgent: bool = False
    accept_days: int | None = None
    reply_days: int | None = None
    basis: str = ""
    source: str = ""


DEPARTMENTS = [
    DepartmentSpec(
        "health",
        "卫生健康局",
        "牵头统筹托育服务监管；托育机构备案；卫生保健业务指导；从业人员准入；决定退单投诉的承办部门。",
        is_coordinator=True,
    ),
    DepartmentSpec("police", "公安局", "指导托育机构安全防范；依法查处虐待、伤害婴幼儿等违法犯罪行为。"),
    DepartmentSpec(
        "market", "市场监督管理局", "食品用药安全监督检查；营利性托育机构登记；收费、预收费和广告宣传监管。"
    ),
    DepartmentSpec("fire", "消防救援大队", "督促托育机构落实消防安全责任，开展消防监督抽查。"),
    DepartmentSpec("emergency", "应急管理局", "托育场所安全生产和安全隐患的日常监管。"),
    DepartmentSpec("housing", "住房和城乡建设局", "托育设施建设工程质量安全监管，房屋建筑安全。"),
    DepartmentSpec("education", "教育局", "幼儿园托班的保育教育管理；托育人才培养。"),
    DepartmentSpec("enforcement", "综合行政执法局", "依职权查处超范围经营、违规收费等违法经营行为。"),
    DepartmentSpec("civil", "民政局", "非营利性托育机构（社会服务机构）登记及违法行为查处。"),
    DepartmentSpec("staffing", "机构编制委员会办公室", "利用国有资产举办的非营利性托育机构的事业单位登记。"),
    DepartmentSpec("hrss", "人力资源和社会保障局", "托育从业人员职业技能培训与评价，保障从业人员劳动权益。"),
]

RULES = [
    RuleSpec(
        "abuse",
        "police",
        ("health",),
        urgent=True,
        accept_days=0,
        reply_days=5,
        basis="公安机关监督指导托育机构安全防范，依法查处伤害婴幼儿的违法犯罪；对虐童零容忍，"
        "相关人员终身禁入，由卫生健康部门同步督导机构。",
        source=f"{SIHUI}附件“部门职责分工”（县公安局）；{KAILI}“严格准入制度”",
    ),
    RuleSpec(
        "safety",
        "emergency",
        ("market", "police"),
        basis="机构是安全管理的责任主体；公安、应急管理、市场监管、消防救援等部门加强日常监管，"
        "一般安全隐患由应急管理部门牵头检查处理。",
        source=f"{SIHUI}“夯实安全责任”；{KAILI}“建立监管制度”（责任单位含市应急管理局）",
    ),
    RuleSpec(
        "premises",
        "housing",
        ("emergency",),
        basis="住房城乡建设部门负责托育设施建设的工程质量安全监管，新建、改建、扩建须符合建筑设计和"
        "抗震、防火标准。",
        source=f"{SIHUI}附件“部门职责分工”（县住房城乡建设局）；{KAILI}“建筑设计科学规范”",
    ),
    RuleSpec(
        "food",
        "market",
        basis="市场监管部门督促机构落实食品用药安全主体责任，开展食品用药安全监督检查。",
        source=f"{SIHUI}附件“部门职责分工”（县市场监管局）",
    ),
    RuleSpec(
        "hygiene",
        "health",
        basis="卫生健康部门负责卫生保健业务指导；妇幼保健、疾病预防控制、卫生监督机构开展监督检查。",
        source=f"{SIHUI}“加强监督指导”；{JIANGBEI}“加强卫生保健工作”",
    ),
    RuleSpec(
        "fire",
        "fire",
        ("emergency",),
        basis="消防救援机构督促机构落实消防安全主体责任，依法开展消防监督抽查。",
        source=f"{SIHUI}附件“部门职责分工”（县消防救援大队）；{JIANGXI}部门职责（消防监督检查）",
    ),
    RuleSpec(
        "fees",
        "market",
        ("civil", "enforcement"),
        basis="预收费不得超过 1 个月；市场监管、民政部门按登记类型监管，综合行政执法部门依职权查处。",
        source=f"{KAILI}“加强经营行为监管”",
    ),
    RuleSpec(
        "over_capacity",
        "health",
        ("market", "civil", "enforcement"),
        basis="机构不得超出 3 岁以下婴幼儿照护服务的登记范围经营，按备案的托位收托；卫生健康部门负责备案"
        "管理，登记机关和综合行政执法部门依职权查处。",
        source=f"{KAILI}“加强经营行为监管”；{HEBI}“规范登记备案”",
    ),
    RuleSpec(
        "unfiled",
        "health",
        ("market", "civil", "staffing", "enforcement"),
        basis="登记机关负责注册登记并推送信息，卫生健康部门负责备案并纳入管理。",
        source=f"{HEBI}“规范登记备案”；{JIANGBEI}“规范登记备案流程”",
    ),
    RuleSpec(
        "staff",
        "health",
        ("hrss",),
        basis="从业人员实行职业资格准入和持证上岗，由卫生健康部门牵头；人社部门负责职业技能培训评价和"
        "劳动权益保障。",
        source=f"{KAILI}“严格准入制度”（牵头单位：市卫生健康局）；{SIHUI}附件“部门职责分工”（县人力资源社会保障局）",
    ),
    RuleSpec(
        "advertising",
        "market",
        basis="市场监管部门负责营利性机构登记，并依法查处虚假宣传。",
        source=f"{SIHUI}附件“部门职责分工”（县市场监管局）；《中华人民共和国广告法》",
    ),
    RuleSpec(
        "other",
        "health",
        basis="卫生健康部门牵头婴幼儿照护服务工作，协调相关部门做好监督管理。",
        source=f"{SIHUI}附件“部门职责分工”（县卫生健康局）",
    ),
]

# A 幼儿园托班 answers to the education department as well, whatever the category.
KINDERGARTEN_SUPPORT = RuleSpec(
    "kindergarten",
    "education",
    basis="幼儿园托班由教育部门加强保育教育管理，涉及托班的投诉教育部门配合办理。",
    source=f"{JIANGBEI}“加强幼儿园托班服务供给”；{HEBI}“鼓励幼儿园开设托班”",
)


def install(department_model, rule_model, *, reset=False):
    """Creates the departments and rules that are missing; with `reset`, rewrites existing rules too.

    Takes the models as arguments so a data migration can pass its historical models. Existing
    departments keep their staff, e-mail and name; an administrator's edited rule is kept unless `reset`.
    Returns {code: department}.
    """
    departments = {}
    for spec in DEPARTMENTS:
        department = department_model.objects.filter(code=spec.code).first()
        if department is None:
            department = department_model.objects.create(
                code=spec.code, name=spec.name, duties=spec.duties, is_coordinator=spec.is_coordinator
            )
        departments[spec.code] = department
    for spec in RULES:
        values = {
            "lead_department": departments[spec.lead],
            "urgent": spec.urgent,
            "accept_days": spec.accept_days,
            "reply_days": spec.reply_days,
            "basis": spec.basis,
            "basis_source": spec.source,
        }
        rule = rule_model.objects.filter(category=spec.category).first()
        if rule is None:
            rule = rule_model.objects.create(category=spec.category, **values)
        elif reset:
            for field, value in values.items():
                setattr(rule, field, value)
            rule.save()
        else:
            continue
        rule.supporting_departments.set([departments[code] for code in spec.supporting])
    return departments
