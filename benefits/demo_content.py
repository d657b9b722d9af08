"""The demo's family-benefit pages, policy records, rules, channels and offices: plain data.

Facts about the national 育儿补贴 are as publicly described (新华社 release of 28 July 2025, the State
Council Information Office press conference of 30 July 2025). No 文号 was published with the national
scheme, so none is given. Local measures are summarised, in this site's words, from the seed documents
(江西, 鹤壁, 江北). The demo city is 鹤壁市 (the directory's districts); its own invented measures say
"本市" rather than put words in a real government's mouth, and are marked （演示） and 【演示数据】.
"""

import datetime
from decimal import Decimal

from guidance import demo_content as guidance_demo_content

DEMO = "【演示数据】"
DEMO_TEXT = "【演示数据】本条内容为系统演示而编写，不是真实政策，请勿据此申请。"

NATIONAL_SCHEME = {
    "slug": "childcare-subsidy-scheme-2025",
    "title": "中共中央办公厅 国务院办公厅印发《育儿补贴制度实施方案》",
    "document_number": "",
    "issuer": "中共中央办公厅 国务院办公厅",
    # The day the scheme was made public by 新华社; the subsidy itself runs from 1 January 2025.
    "issued_date": datetime.date(2025, 7, 28),
    "summary": (
        "国家层面的育儿补贴制度。自 2025 年 1 月 1 日起，对符合法律法规规定生育的 3 周岁以下婴幼儿发放育儿补贴，"
        "国家基础标准为每孩每年 3600 元，按年发放至孩子满 3 周岁；2025 年 1 月 1 日前出生、当时不满 3 周岁的，"
        "按应补贴的月数折算。补贴免征个人所得税，在认定低保、特困等救助对象时不计入家庭或个人收入。"
        "由父母一方或其他监护人在孩子户籍所在地申领，以线上为主、线下为辅，具体发放时间由各省确定。"
    ),
    "points": [
        "对象：符合法律法规规定生育的 3 周岁以下婴幼儿，一孩、二孩、三孩同等享受。",
        "标准：国家基础标准每孩每年 3600 元，按年发放，至孩子满 3 周岁。",
        "起始：2025 年 1 月 1 日起实施；此前出生、不满 3 周岁的按应补贴月数折算。",
        "申领：在婴幼儿户籍所在地申领，线上为主、线下为辅。",
        "税收与救助：免征个人所得税，不计入低保、特困等救助对象认定的家庭或个人收入。",
    ],
    "note": (
        "本页摘要由本站根据公开发布的信息编写。公开发布稿中未见文号，故“文号”一栏不填；发文日期为新华社公开发布的日期"
        "（2025 年 7 月 28 日），补贴自 2025 年 1 月 1 日起计算。请以发文机关公布的原文为准。"
    ),
}

# The seeds' documents are guidance's demo policies (guidance/demo_content.py holds their facts once):
# looked up by slug, created from the same record when the guidance demo has not been loaded.
_GUIDANCE_POLICIES = {record["slug"]: record for record in guidance_demo_content.POLICIES}
SEED_POLICIES = {
    "jiangxi": _GUIDANCE_POLICIES["jiangxi-2020-implementation-opinions"],
    "hebi": _GUIDANCE_POLICIES["hebi-2020-29"],
    "jiangbei": _GUIDANCE_POLICIES["jiangbei-2020-56"],
}

DEMO_VOUCHER_POLICY = {
    "slug": "demo-city-childcare-voucher",
    "title": "本市普惠托育服务券和托位补助实施办法（演示）",
    "document_number": "",
    "issuer": "市卫生健康委员会（演示）",
    "issued_date": datetime.date(2025, 3, 1),
    "summary": (
        f"{DEMO}为展示本站功能而虚构的地方政策：向本市户籍 3 岁以下婴幼儿家庭发放普惠托育服务券，"
        "规定普惠托育机构的收费上限，对普惠托育机构按实际收托的托位给予运营补助，并对二孩、三孩家庭加发育儿补贴。"
    ),
    "points": [
        "托育服务券：每孩每月 300 元，在接受服务券的普惠托育机构抵扣保育费。",
        "收费上限：普惠托育机构全日托保育费每月不高于 1800 元。",
        "运营补助：普惠托育机构按实际收托的托位每月 200 元。",
        "地方加发：二孩、三孩家庭在国家标准之外每孩每年加发 1200 元，至孩子满 3 周岁。",
    ],
}

NATIONAL_RULE = {
    "name": "国家基础标准（2025 年起）",
    "applies_from": datetime.date(2025, 1, 1),
    "amount_per_year": Decimal("3600"),
    "age_limit_months": 36,
    "source_clause": "补贴对象和标准",
    "note": "2025 年 1 月 1 日前出生、不满 3 周岁的，按应补贴月数折算（2023 年 12 月出生的可领 24 个月、7200 元）。",
}

DEMO_TOP_UP = {
    "name": "二孩、三孩育儿补贴加发（演示）",
    "area": "本市（演示）",
    "condition": "为二孩或三孩",
    "amount_per_year": Decimal("1200"),
    "applies_from": datetime.date(2025, 7, 1),
    "applies_until": None,
    "age_limit_months": 36,
    "is_demo": True,
}

CHANNELS = [
    {
        "name": "国家政务服务平台",
        "kind": "national",
        "url": "https://gjzwfw.www.gov.cn/",
        "how_to": "进入后搜索“育儿补贴”，按提示填写孩子和申请人的信息。",
        "is_demo": False,
    },
    {
        "name": "支付宝",
        "kind": "app",
        "url": "",
        "how_to": "在支付宝首页搜索“育儿补贴”，进入官方申领入口。",
        "is_demo": False,
    },
    {
        "name": "微信",
        "kind": "app",
        "url": "",
        "how_to": "在微信中搜索“育儿补贴”，进入官方申领入口。",
        "is_demo": False,
    },
    {
        "name": "示范省政务服务网（演示）",
        "kind": "provincial",
        "url": "",
        "how_to": f"{DEMO}省级平台的入口以本省公布的为准。",
        "is_demo": True,
    },
]

# name, district, street, address, hours, phone, lat, lng — all invented for the demo, in the directory
# demo's districts so that the two sections agree.
OFFICES = [
    ("九州路街道便民服务中心", "淇滨区", "九州路街道", "九州路 88 号（演示地址）", 35.741, 114.292),
    ("金山街道便民服务中心", "淇滨区", "金山街道", "金山大道 16 号（演示地址）", 35.760, 114.270),
    ("黎阳路街道便民服务中心", "淇滨区", "黎阳路街道", "黎阳路 120 号（演示地址）", 35.735, 114.310),
    ("大赉店镇便民服务中心", "淇滨区", "大赉店镇", "大赉店镇政府院内（演示地址）", 35.700, 114.330),
    ("红旗街街道便民服务中心", "山城区", "红旗街街道", "红旗街 35 号（演示地址）", 35.899, 114.186),
    ("中山路街道便民服务中心", "鹤山区", "中山路街道", "中山路 9 号（演示地址）", 35.957, 114.164),
    ("浚州街道便民服务中心", "浚县", "浚州街道", "浚州大道 200 号（演示地址）", 35.676, 114.550),
    ("朝歌街道便民服务中心", "淇县", "朝歌街道", "朝歌路 66 号（演示地址）", 35.609, 114.200),
]
OFFICE_HOURS = "周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）"
OFFICE_PHONE = "0392-0000000"
