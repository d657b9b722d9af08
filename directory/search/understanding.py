"""Words in the keyword box that mean a filter: 普惠, 全日托, 淇县, 18个月, 有空位, 托育券, 九州路附近.

`understand(q, vocabulary, find_place)` reads the typed keyword and returns what it understood: the
filters to set (the same ones the form sets), the place to search around, the pinyin it read as Chinese
(xiaohaitun → 小海豚), and the keyword that is left for matching text. Engine-independent: the query
object carries the result to whichever engine answers.

Order matters: a pinyin word is read first (qixian → 淇县 may then be a district), a place followed by
附近/周边 next (淇滨区政府附近 must not become the district 淇滨区 plus 政府), then ages, then the
longest known phrase first (九州路街道 before 九州, 普惠托育 before 托育).
"""

import re
from dataclasses import dataclass, field

from directory.choices import ServiceType
from directory.models import MAX_AGE_MONTHS
from website import text

INCLUSIVE_WORDS = ("普惠托育", "普惠性", "普惠制", "普惠型", "普惠", "平价托育")
VACANCY_WORDS = (
    "有空余托位",
    "有空余名额",
    "空余托位",
    "还有名额",
    "还有空位",
    "还有托位",
    "有空位",
    "有托位",
    "有名额",
    "有学位",
    "有余位",
    "有位置",
    "有空余",
    "空位",
)
VOUCHER_WORDS = (
    "托育服务券",
    "托育消费券",
    "托育补贴券",
    "可用托育券",
    "收托育券",
    "托育券",
    "育儿券",
    "服务券",
)
# The everyday words for each service, beside the ones editors keep in the synonym groups.
SERVICE_WORDS = {
    ServiceType.FULL_DAY: ("全日托", "全托", "整托", "全天托", "全日制托育", "全天"),
    ServiceType.HALF_DAY: ("半日托", "半托", "半天托", "半日制", "半天"),
    ServiceType.HOURLY: ("计时托", "小时托", "钟点托", "按小时托", "计时"),
    ServiceType.TEMPORARY: ("临时托", "临托", "临时托管", "短期托", "应急托", "临时"),
}
NEAR = re.compile(r"(?P<place>[^\s]+?)\s*(?:的)?\s*(?:附近|周边|周围|旁边|一带|边上)(?:的)?")
# A district's short name (淇滨 for 淇滨区) is understood only when no road or street name follows it.
SHORT_NAME_END = r"(?![路街道大桥镇村巷])"


@dataclass(frozen=True)
class Understood:
    word: str  # as it stood in the normalised keyword
    filter: str  # the parameter it sets: inclusive, service, district, street, age, vacancy, voucher, near
    value: object
    label: str  # what the page shows: 普惠 · 淇县 · 18个月

    def as_json(self):
        return {"word": self.word, "filter": self.filter, "value": self.value, "label": self.label}


@dataclass
class Understanding:
    keyword: str = ""
    understood: list = field(default_factory=list)
    near: str = ""
    near_places: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)

    def values(self, name):
        return [item.value for item in self.understood if item.filter == name]

    def values_names(self):
        return {item.filter for item in self.understood}


def service_words():
    """{word: service code}: the fixed words plus every synonym editors keep for a service's label."""
    words = {}
    for code, fixed in SERVICE_WORDS.items():
        for word in (*fixed, *text.synonyms(ServiceType(code).label)):
            if len(word) >= 2 and text.normalise(word) not in words:
                words[text.normalise(word)] = code
    return words


def _phrases(vocabulary):
    """[(pattern, filter, value, label)] longest phrase first."""
    entries = [(word, "inclusive", True, "普惠") for word in INCLUSIVE_WORDS]
    entries += [(word, "vacancy", True, "有空余托位") for word in VACANCY_WORDS]
    entries += [(word, "voucher", True, "接受托育服务券") for word in VOUCHER_WORDS]
    entries += [(word, "service", code, ServiceType(code).label) for word, code in service_words().items()]
    entries += [(name, "street", code, name) for code, name, _district in vocabulary.streets]
    entries += [(name, "district", code, name) for code, name in vocabulary.districts]
    compiled = [(len(word), re.escape(word), *rest) for word, *rest in entries]
    for code, name in vocabulary.districts:
        short = re.sub(r"(区|县|市|自治县)$", "", name)
        if short != name and len(short) >= 2:
            compiled.append((len(short), re.escape(short) + SHORT_NAME_END, "district", code, name))
    compiled.sort(key=lambda entry: -entry[0])
    return [entry[1:] for entry in compiled]


def age_label(months):
    return f"{months}个月"


def understand(q, vocabulary, find_place):
    """What the keyword `q` means (see the module docstring); `find_place(text)` → places, best first."""
    remaining = text.normalise(q)
    found = Understanding()

    def cut(start, end):
        nonlocal remaining
        remaining = f"{remaining[:start]} {remaining[end:]}"

    for spelling in re.findall(r"[a-z]{2,}", remaining):
        reading = vocabulary.word_for(spelling)
        if reading:
            found.corrections[spelling] = reading
            remaining = re.sub(rf"\b{spelling}\b", f" {reading} ", remaining, count=1)

    for match in NEAR.finditer(remaining):
        places = find_place(match["place"])
        if places:
            found.near, found.near_places = match["place"], places
            found.understood.append(Understood(match[0].strip(), "near", match["place"], match["place"]))
            cut(match.start(), match.end())
            break

    for span in reversed(text.find_ages(remaining)):
        if span.high == span.low and span.low <= MAX_AGE_MONTHS and "age" not in found.values_names():
            found.understood.insert(
                0, Understood(remaining[span.start : span.end], "age", span.low, age_label(span.low))
            )
            cut(span.start, span.end)

    for pattern, name, value, label in _phrases(vocabulary):
        if name != "service" and name in found.values_names():
            continue
        match = re.search(pattern, remaining)
        if match is None:
            continue
        if not (name == "service" and value in found.values("service")):
            found.understood.append(Understood(match[0], name, value, label))
        remaining = re.sub(pattern, " ", remaining)

    typed = text.normalise(q)
    found.understood.sort(key=lambda item: typed.find(item.word) % (len(typed) + 1))
    found.keyword = " ".join(remaining.split())
    return found
