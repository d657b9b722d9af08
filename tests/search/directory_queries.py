"""The directory's public query set: what parents type into /directory/ and the institutions they want.

Written from directory/demo.py's demo city (names are "<区县><head><tail>", home-based points
"<街道><head>家庭托育点", employers' "鹤煤集团职工…托育园"), not from the search code. A query's relevant
institutions are either named (whole names, most wanted first) or described by `where` (ORM filters on
the public institutions, e.g. every 普惠 one in 淇县 that takes 18-month-olds): `relevant` resolves
them against the database the benchmark built. `directory_ranking` asks the JSON API.

benchmarks/search_quality.py runs them beside the site's queries (zero-result rate, P@3, MRR@10); the
important ones are asserted one by one in tests/directory/test_query_understanding.py.
"""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class DirectoryQuery:
    text: str
    phenomenon: str
    names: tuple = ()
    where: dict = field(default_factory=dict)
    contains: str = ""  # every public institution whose name contains this
    params: dict = field(default_factory=dict)  # other API parameters (near=…)

    @cached_property
    def relevant(self):
        from directory.models import Institution

        found = list(self.names)
        public = Institution.objects.public()
        if self.where:
            found += public.filter(**self.where).distinct().order_by("name").values_list("name", flat=True)
        if self.contains:
            found += (
                public.filter(name__contains=self.contains).order_by("name").values_list("name", flat=True)
            )
        return tuple(dict.fromkeys(found))


def d(text, phenomenon, *names, where=None, contains="", **params):
    return DirectoryQuery(text, phenomenon, tuple(names), where or {}, contains, params)


def directory_ranking(client, text, params=None):
    """The names of the first ten /api/v1/institutions/ results, in order."""
    response = client.get("/api/v1/institutions/", {"q": text, "page_size": 10, **(params or {})})
    if response.status_code != 200:
        raise RuntimeError(f"/api/v1/institutions/?q={text} answered {response.status_code}")
    return [item["name"] for item in response.json()["results"]]


EVERY = {"pk__gt": 0}
FULL_DAY = {"services__service_type": "full_day"}
AGE_18 = {"min_age_months__lte": 18, "max_age_months__gte": 18}
AGE_24 = {"min_age_months__lte": 24, "max_age_months__gte": 24}

DIRECTORY_QUERIES = [
    # generic words and the city's own name: every nursery qualifies
    d("托儿所", "generic", where=EVERY),
    d("托育机构", "generic", where=EVERY),
    d("附近的托育中心", "generic", where=EVERY),
    d("鹤壁托育", "generic", where=EVERY),
    d("早教", "generic", where=EVERY),
    d("託育機構", "traditional", where=EVERY),
    d("托兒所", "traditional", where=EVERY),
    d("tuoyu", "pinyin", where=EVERY),
    d("ＴＵＯＹＵ", "width", where=EVERY),
    # names
    d("小海豚", "name", contains="小海豚"),
    d("小橡树", "name", contains="小橡树"),
    d("暖暖", "name", contains="暖暖"),
    d("淇县暖暖", "name", where={"district__name": "淇县", "name__contains": "暖暖"}),
    d("鹤壁小蜜蜂", "city", contains="小蜜蜂"),
    d("鹤壁市向日葵托育", "city", contains="向日葵"),
    d("淇滨区阳光托育园", "exact", "淇滨区阳光托育园"),
    d("浚县禾苗托育中心", "exact", "浚县禾苗托育中心"),
    d("鹤山区彩虹托育园", "exact", "鹤山区彩虹托育园"),
    d("阳光托育服务中心", "name", contains="阳光托育服务中心"),
    d("小蜜蜂托育中心", "name", "淇滨区小蜜蜂托育中心", "淇滨区小蜜蜂托育中心长风中路分园"),
    d("鹤煤集团", "name", contains="鹤煤集团"),
    d("人民医院职工托育", "name", contains="人民医院"),
    d("星星幼儿园托班", "name", "淇滨区星星幼儿园托班"),
    d("悦宝 黎阳路", "name", "淇滨区悦宝宝贝之家黎阳路分园"),
    d("启明 九州路分园", "name", "淇滨区启明宝贝之家九州路分园", "淇滨区启明托育园九州路分园"),
    d("家庭托育点", "name", where={"kind": "home"}),
    d("金山 家庭托育", "name", where={"kind": "home", "street__name": "金山街道"}),
    # traditional, pinyin, initials, typos
    d("小橡樹", "traditional", contains="小橡树"),
    d("陽光托育", "traditional", contains="阳光"),
    d("xiaohaitun", "pinyin", contains="小海豚"),
    d("xht", "initials", contains="小海豚"),
    d("xiaomifeng", "pinyin", contains="小蜜蜂"),
    d("nuannuan", "pinyin", contains="暖暖"),
    d("xiangrikui", "pinyin", contains="向日葵"),
    d("qixian nuannuan", "pinyin", where={"district__name": "淇县", "name__contains": "暖暖"}),
    d("小象树", "typo", contains="小橡树"),
    d("小海屯", "typo", contains="小海豚"),
    d("向日魁", "typo", contains="向日葵"),
    # filters in words
    d("普惠", "filter", where={"inclusive": True}),
    d("普惠托育 鹤山区", "filter", where={"inclusive": True, "district__name": "鹤山区"}),
    d("普惠 淇县 18个月", "filter", where={"inclusive": True, "district__name": "淇县", **AGE_18}),
    d("18个月 全日托", "age", where={**FULL_DAY, **AGE_18}),
    d("1岁半 半日托", "age", where={"services__service_type": "half_day", **AGE_18}),
    d("两岁 全托", "age", where={**FULL_DAY, **AGE_24}),
    d("半托", "filter", where={"services__service_type": "half_day"}),
    d("临托", "filter", where={"services__service_type": "temporary"}),
    d("计时托 淇滨区", "filter", where={"services__service_type": "hourly", "district__name": "淇滨区"}),
    d("小时托", "filter", where={"services__service_type": "hourly"}),
    d("淇县", "filter", where={"district__name": "淇县"}),
    d("浚县 有空位", "filter", where={"district__name": "浚县", "vacancies__gt": 0}),
    d("有托位的普惠托育", "filter", where={"inclusive": True, "vacancies__gt": 0}),
    d("托育券", "filter", where={"accepts_childcare_voucher": True}),
    d("能用育儿券的全日托", "filter", where={"accepts_childcare_voucher": True, **FULL_DAY}),
    d("九州路街道", "filter", where={"street__name": "九州路街道"}),
    d("朝歌街道 全日托", "filter", where={"street__name": "朝歌街道", **FULL_DAY}),
    d("淇滨 小海豚", "filter", where={"district__name": "淇滨区", "name__contains": "小海豚"}),
    d("鹤山区的小橡树", "filter", where={"district__name": "鹤山区", "name__contains": "小橡树"}),
    d("普惠 小蜜蜂", "filter", where={"inclusive": True, "name__contains": "小蜜蜂"}),
    # places
    d("九州路 附近 全日托", "near", where={"district__name": "淇滨区", **FULL_DAY}),
    d("淇滨区政府附近", "near", where={"district__name": "淇滨区"}),
    d("淇县人民政府周边 普惠", "near", where={"district__name": "淇县", "inclusive": True}),
    d("朝阳路", "address", where={"address__contains": "朝阳路", "kind": "centre"}),
    d("黎阳路 托育", "address", where={"address__contains": "黎阳路", "kind": "centre"}, contains="黎阳路"),
    d("", "near", where={"district__name": "淇滨区"}, near="九州路"),
    # questions as typed
    d("淇县哪里有普惠托育", "question", where={"inclusive": True, "district__name": "淇县"}),
    d("两岁孩子可以去哪个托育园", "question", where=AGE_24),
    d(
        "山城区有没有临时托",
        "question",
        where={"district__name": "山城区", "services__service_type": "temporary"},
    ),
]
