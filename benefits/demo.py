"""Demo family-benefit pages at /benefits/, their policy records under /policies/, and the rules.

Idempotent: pages and rows that exist are left alone, so editors' changes survive a second run.
"""

from benefits import demo_content as data
from benefits.models import (
    Audience,
    BenefitIndexPage,
    BenefitPage,
    ClaimChannel,
    ClaimOffice,
    LocalTopUp,
    SubsidyCheckerPage,
    SubsidyRule,
)
from guidance.demo import ensure_policy
from guidance.models import PolicyIndexPage
from website.demo import DEMO_NOTICE, ensure_child, home_page


def _paragraph(text):
    return ("paragraph", f"<p>{text}</p>")


def _statement(text, source, clause=""):
    return ("statement", {"text": f"<p>{text}</p>", "source": source, "clause": clause})


def _callout(title, text, tone="info"):
    return ("callout", {"tone": tone, "title": title, "text": f"<p>{text}</p>"})


def _policies(command):
    index = ensure_child(
        home_page(),
        PolicyIndexPage,
        "policies",
        title="政策文件",
        intro="与婴幼儿照护服务有关的政策文件，附本站编写的摘要。",
        show_in_menus=True,
    )
    scheme = data.NATIONAL_SCHEME
    national = ensure_policy(
        index,
        scheme,
        body=[
            ("heading", "要点"),
            *(_paragraph(point) for point in scheme["points"]),
            _callout("说明", scheme["note"]),
        ],
        command=command,
    )
    seeds = {key: ensure_policy(index, record, command=command) for key, record in data.SEED_POLICIES.items()}
    voucher = data.DEMO_VOUCHER_POLICY
    demo_policy = ensure_policy(
        index,
        voucher,
        body=[
            ("heading", "要点"),
            *(_paragraph(point) for point in voucher["points"]),
            _callout("演示数据", DEMO_NOTICE, tone="warning"),
        ],
        command=command,
    )
    return national, seeds, demo_policy


def _subsidy_guide_body(national, demo_policy):
    return [
        ("heading", "谁能领"),
        _statement(
            "符合法律法规规定生育的 3 周岁以下婴幼儿都可以领取，一孩、二孩、三孩同等享受。",
            national,
            "补贴对象和标准",
        ),
        ("heading", "领多少、从什么时候起"),
        _statement(
            "国家基础标准是每孩每年 3600 元（每月 300 元），从 2025 年 1 月 1 日起按年发放，直到孩子满 3 周岁。"
            "2025 年 1 月 1 日以前出生、当时还不满 3 周岁的孩子，按应补贴的月数折算。",
            national,
            "补贴对象和标准",
        ),
        _paragraph(
            "国家卫生健康委在 2025 年 7 月 30 日国务院新闻办公室新闻发布会上介绍：2022 年 1 月 1 日以后出生、符合条件的孩子"
            "都可以领取，并公布了 2022—2024 年每个出生月份的补贴金额对照表。公开报道的示例：2023 年 12 月出生的孩子"
            "可领 24 个月，共 7200 元。"
        ),
        _paragraph(
            '输入孩子的出生日期，可以算出每年补贴几个月、多少钱：<a href="/benefits/childcare-subsidy/">育儿补贴测算</a>。'
        ),
        ("heading", "在哪里领、怎么领"),
        _statement(
            "由孩子的父母一方（特殊情况下由其他监护人）在孩子户籍所在地申请，以线上申领为主：可以通过国家和省级政务服务平台，"
            "或在支付宝、微信中搜索“育儿补贴”进入官方入口；也可以到户籍所在地的街道办事处或乡镇人民政府窗口办理。",
            national,
            "申领发放",
        ),
        ("claim_channels", None),
        ("heading", "要带什么"),
        _paragraph(
            "到窗口办理时，请带上孩子的出生医学证明和户口簿；补贴发到银行卡等金融账户，请同时准备好收款账户。"
            "线上办理时按页面提示填写同样的信息。需要的材料以户籍所在地公布的为准。"
        ),
        ("heading", "多久到账"),
        _statement(
            "补贴发放到申请人或孩子本人的银行卡等金融账户，具体发放时间由各省确定。",
            national,
            "申领发放",
        ),
        ("heading", "会不会影响纳税和低保"),
        _statement(
            "育儿补贴免征个人所得税；在认定最低生活保障、特困人员等社会救助对象时，育儿补贴不计入家庭或个人收入。",
            national,
            "补贴对象和标准",
        ),
        ("heading", "本市另外的支持"),
        _statement(
            f"{data.DEMO}本市对二孩、三孩家庭在国家标准之外每孩每年加发 1200 元，自 2025 年 7 月起，至孩子满 3 周岁。",
            demo_policy,
        ),
        _callout(
            "演示数据",
            DEMO_NOTICE + "国家育儿补贴的内容依据公开发布的信息编写；标注【演示数据】的为虚构内容。",
        ),
    ]


def _local_measures_body(seeds):
    jiangxi, hebi, jiangbei = seeds["jiangxi"], seeds["hebi"], seeds["jiangbei"]
    return [
        _paragraph(
            "以下措施摘自各地公开的政策文件，由本站用自己的话概括；每条都注明出处和施行日期，具体以原文为准。"
        ),
        (
            "local_measure",
            {
                "area": "江西省",
                "title": "普惠托育的场地、价格和托班政策",
                "audience": "operators",
                "points": [
                    "鼓励各级政府提供场地、减免租金，优先支持普惠性托育机构。",
                    "托育机构的用水、用电、用气可以按居民生活类价格执行。",
                    "幼儿园开设托班提供普惠性照护服务的，享受与学前教育相同的政策。",
                    "支持有条件的城市申报国家“支持社会力量发展普惠托育服务专项行动”试点。",
                ],
                "source": jiangxi,
                "valid_from": jiangxi.issued_date,
                "valid_until": None,
                "validity_note": "印发日期；文件未规定有效期，以发文机关公布为准",
            },
        ),
        (
            "local_measure",
            {
                "area": "鹤壁市",
                "title": "新增托位建设补助和税费优惠",
                "audience": "operators",
                "points": [
                    "承担指导功能的示范性托育机构和社区托育设施，在中央预算内投资每个新增托位补助 1 万元的基础上，"
                    "由县区财政安排配套资金，给予一次性建设补助。",
                    "托育机构的用水、用电、用气执行居民价格。",
                    "提供社区托育服务的收入免征增值税，并减按 90% 计入企业所得税应纳税所得额；"
                    "用于社区托育服务的房屋、土地按规定免征契税、房产税和城镇土地使用税。",
                    "符合条件的非营利性机构可以申请开发公益性岗位（原则上按婴幼儿数与岗位 100∶1 确定）。",
                ],
                "source": hebi,
                "valid_from": hebi.issued_date,
                "valid_until": None,
                "validity_note": "印发日期；文件未规定有效期，以发文机关公布为准",
            },
        ),
        (
            "local_measure",
            {
                "area": "宁波市江北区",
                "title": "托育机构的价格、税收和培训支持",
                "audience": "both",
                "points": [
                    "托育机构用电、用水、用气、用热按居民生活类价格执行。",
                    "保育员、育婴员等技能培训项目列入区职业技能培训补贴目录。",
                    "符合条件的托育机构提供托育服务免征增值税；企业为职工子女设立托育点的费用，可按规定作为职工福利费税前扣除。",
                    "幼儿园设立托班提供普惠性照护服务的，与学前教育同等对待；对示范推进工作给予适当奖补。",
                ],
                "source": jiangbei,
                "valid_from": jiangbei.effective_date or jiangbei.issued_date,
                "valid_until": None,
                "validity_note": "自 2021 年 1 月 4 日起实施；文件未规定有效期",
            },
        ),
        (
            "directory_link",
            {"label": "查找普惠托育机构", "query": "inclusive=1", "note": "在“找托育”中只看普惠托育机构"},
        ),
    ]


def _inclusive_families_body(national, demo_policy):
    return [
        _statement(
            f"{data.DEMO}本市向户籍在本市的 3 岁以下婴幼儿家庭发放普惠托育服务券，每孩每月 300 元，"
            "在接受服务券的普惠托育机构直接抵扣保育费。",
            demo_policy,
        ),
        _statement(f"{data.DEMO}普惠托育机构全日托保育费每月不高于 1800 元。", demo_policy),
        (
            "directory_link",
            {
                "label": "查找普惠托育机构",
                "query": "inclusive=1",
                "note": "收费执行普惠价格的机构已在“找托育”中标注",
            },
        ),
        _callout(
            "服务券和育儿补贴可以同时享受吗",
            f"{data.DEMO}可以。育儿补贴是国家发给每个 3 岁以下孩子的现金补贴，服务券只能在托育机构抵扣费用，两者互不影响。",
        ),
        _statement("国家育儿补贴不论孩子是否入托都可以领取。", national, "补贴对象和标准"),
    ]


def _operators_body(seeds, demo_policy):
    return [
        _statement(
            "示范性托育机构和社区托育设施新增托位，可按中央预算内投资每个新增托位 1 万元的标准获得补助，"
            "县区财政另行安排一次性建设补助配套（鹤壁市的做法）。",
            seeds["hebi"],
            "四、保障措施（一）加强政策保障",
        ),
        _statement(f"{data.DEMO}本市对普惠托育机构按实际收托的托位每月给予 200 元运营补助。", demo_policy),
        _statement("托育机构的用水、用电、用气可以按居民生活类价格执行。", seeds["jiangxi"], "三、保障措施"),
        _paragraph('更多地方措施见<a href="/benefits/local-measures/">各地支持措施</a>。'),
    ]


def _pages(national, seeds, demo_policy, command):
    index = ensure_child(
        home_page(),
        BenefitIndexPage,
        "benefits",
        title="育儿补贴与家庭福利",
        intro="有 3 岁以下孩子的家庭可以领取哪些补贴、到哪里领，以及托育机构可以申请的支持。",
        show_in_menus=True,
    )
    existing = set(index.get_children().values_list("slug", flat=True))
    if "childcare-subsidy" not in existing:
        checker = SubsidyCheckerPage(
            slug="childcare-subsidy",
            title="育儿补贴测算",
            intro="输入孩子的出生日期，看看能不能领、每年领几个月、一共多少钱，以及到哪里申领。",
            body=[
                _paragraph(
                    "补贴的对象、标准、申领材料和税收、低保方面的规定，见"
                    '<a href="/benefits/national-childcare-subsidy/">国家育儿补贴：谁能领、领多少、怎么领</a>；'
                    '各地另外的支持见<a href="/benefits/local-measures/">各地支持措施</a>。'
                )
            ],
        )
        index.add_child(instance=checker)
        checker.save_revision().publish()
    pages = [
        (
            "national-childcare-subsidy",
            "国家育儿补贴：谁能领、领多少、怎么领",
            "3 岁以下的孩子每人每年 3600 元，2025 年 1 月 1 日起实施，在孩子户籍所在地线上或到街道（乡镇）申领。",
            Audience.FAMILIES,
            _subsidy_guide_body(national, demo_policy),
        ),
        (
            "inclusive-childcare-for-families",
            "普惠托育：家庭能得到的支持",
            f"{data.DEMO}托育服务券、普惠收费上限，以及怎样找到接受服务券的机构。",
            Audience.FAMILIES,
            _inclusive_families_body(national, demo_policy),
        ),
        (
            "local-measures",
            "各地支持措施",
            "江西省、鹤壁市、宁波市江北区支持托育服务的措施，注明出处和有效期。",
            Audience.FAMILIES,
            _local_measures_body(seeds),
        ),
        (
            "support-for-operators",
            "托育机构可以申请的支持",
            "新增托位建设补助、运营补助和水电气价格、税费优惠。",
            Audience.OPERATORS,
            _operators_body(seeds, demo_policy),
        ),
    ]
    for slug, title, summary, audience, body in pages:
        if slug in existing:
            continue
        page = BenefitPage(
            slug=slug,
            title=title,
            summary=summary,
            search_description=summary[:150],
            audience=audience,
            body=body,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        command.stdout.write(f"家庭福利：已添加“{title}”。")


def _rules(national, demo_policy):
    if not SubsidyRule.objects.exists():
        rule = SubsidyRule.objects.create(source=national, **data.NATIONAL_RULE)
        rule.save_revision(log_action=True)
    if not LocalTopUp.objects.exists():
        top_up = LocalTopUp.objects.create(source=demo_policy, **data.DEMO_TOP_UP)
        top_up.save_revision(log_action=True)
    if not ClaimChannel.objects.exists():
        for order, channel in enumerate(data.CHANNELS):
            ClaimChannel.objects.create(sort_order=order, **channel)
    if not ClaimOffice.objects.exists():
        ClaimOffice.objects.bulk_create(
            ClaimOffice(
                name=name,
                district=district,
                street=street,
                address=address,
                hours=data.OFFICE_HOURS,
                phone=data.OFFICE_PHONE,
                lat=lat,
                lng=lng,
                is_demo=True,
            )
            for name, district, street, address, lat, lng in data.OFFICES
        )


def load(command):
    national, seeds, demo_policy = _policies(command)
    _rules(national, demo_policy)
    _pages(national, seeds, demo_policy, command)
