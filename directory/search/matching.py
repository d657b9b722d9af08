"""How the database engine matches and ranks the keyword that is left after understanding.

The one place that knows how text is matched (substring `icontains` over the public texts today, an FTS
index after issue 12): `keyword_filter(terms)` and `keyword_score(terms, chunks, district_names)`.

Terms come from the site's text pipeline (`website.text.query_terms`): each has its alternatives
(synonyms, the Chinese a pinyin spells). A term decides a match only when it is *strong*: stop words,
lone characters, generic words (托育, 托儿所, 机构, the city's own name …) and ages rank but never
exclude a record that matches the rest. Every strong term must match (all words), in any of the texts;
when none does, `rescue.py` relaxes the query. A query of generic words alone matches every institution.

Ranking: a name match outweighs a street or district match, which outweighs an address match, which
outweighs a description match; a typed chunk that is the whole name, or the start of the name (after
the district it is filed in), outweighs one that is only inside it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Q, Subquery, Value, When

from directory.choices import Kind
from directory.models import District, Street
from website import text

# Words that say what every record is (or where the whole city is): they rank, never decide.
GENERIC_WORDS = frozenset(
    """
    托育 托儿所 托育机构 托育中心 托育园 托育点 托育服务 托育服务中心 托管 日托 早教 机构 中心 服务 照护 照护中心
    婴幼儿照护 婴幼儿 幼儿 宝宝 孩子 小孩 婴儿 宝贝 本市 市区 全市 nursery daycare
    """.split()
)
MAX_ALTERNATIVES = 8

WHOLE_NAME = 40
NAME_START = 20
NAME_CHUNK = 10
NAME = 8
PLACE = 4
ADDRESS = 3
DESCRIPTION = 1
WEAK_SHARE = 0.25  # a weak term's share of a strong term's weight


@dataclass(frozen=True)
class Term:
    text: str
    alternatives: tuple
    strong: bool
    generic: bool


def read_terms(keyword):
    """The keyword's terms, each marked strong or not (see the module docstring)."""
    parsed = text.query_terms(keyword)
    terms = []
    for term in parsed.terms:
        generic = term.text in GENERIC_WORDS or term.text in settings.DIRECTORY_CITY_NAMES
        alternatives = tuple(term.alternatives[:MAX_ALTERNATIVES])
        terms.append(Term(term.text, alternatives, strong=not term.weak and not generic, generic=generic))
    return terms


def required(terms):
    """The terms a record must match: the strong ones, or the lone characters of a query without any."""
    strong = [term for term in terms if term.strong]
    if strong or any(term.generic for term in terms):
        return strong
    return [term for term in terms if term.text not in text.STOP_WORDS and not term.text.isdigit()]


def chunks(keyword):
    """The keyword's whitespace-separated chunks as typed (normalised), for whole-name and prefix ranks."""
    return [chunk for chunk in text.normalise(keyword).split() if len(chunk) >= 2][:4]


def _place_named(word):
    return Q(district_id__in=Subquery(District.objects.filter(name__icontains=word).values("pk"))) | Q(
        street_id__in=Subquery(Street.objects.filter(name__icontains=word).values("pk"))
    )


def _address_has(word):
    # A home-based care point's house address stays private: it is never searched.
    return Q(address__icontains=word) & ~Q(kind=Kind.HOME)


def _anywhere(word):
    return Q(name__icontains=word) | Q(description__icontains=word) | _address_has(word) | _place_named(word)


def term_q(term):
    condition = Q()
    for word in term.alternatives:
        condition |= _anywhere(word)
    return condition


def keyword_filter(terms):
    """Q for "matches every required term", or None when nothing is required."""
    needed = required(terms)
    if not needed:
        return None
    condition = Q()
    for term in needed:
        condition &= term_q(term)
    return condition


def _when(condition, weight):
    return Case(When(condition, then=Value(float(weight))), default=Value(0.0))


def _any(lookup, words):
    condition = Q()
    for word in words:
        condition |= Q(**{lookup: word})
    return condition


def keyword_score(terms, typed_chunks, district_names):
    """A relevance expression: weighted field matches of every term plus whole-name and prefix bonuses."""
    parts = []
    for term in terms:
        share = 1.0 if term.strong or not required(terms) else WEAK_SHARE
        words = term.alternatives
        parts += [
            _when(_any("name__icontains", words), NAME * share),
            _when(_any_place(words), PLACE * share),
            _when(_any_address(words), ADDRESS * share),
            _when(_any("description__icontains", words), DESCRIPTION * share),
        ]
    for chunk in typed_chunks:
        starts = [chunk, *(district + chunk for district in district_names)]
        parts += [
            _when(Q(name__iexact=chunk), WHOLE_NAME),
            _when(_any("name__istartswith", starts), NAME_START),
            _when(Q(name__icontains=chunk), NAME_CHUNK),
        ]
    if not parts:
        return Value(0.0)
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def relevance(keyword, terms=None):
    """The relevance expression of a keyword (its terms, if already read): `keyword_score` with the
    typed chunks and the district names (one query, for the whole-name and prefix bonuses)."""
    terms = read_terms(keyword) if terms is None else terms
    districts = list(District.objects.values_list("name", flat=True)[:50])
    return keyword_score(terms, chunks(keyword), districts)


def _any_place(words):
    condition = Q()
    for word in words:
        condition |= _place_named(word)
    return condition


def _any_address(words):
    condition = Q()
    for word in words:
        condition |= _address_has(word)
    return condition
