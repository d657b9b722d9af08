"""Checks an expert review applies before a guidance article can be approved.

Pure functions: they read an article (a GuidanceArticlePage, an unsaved revision's page object, or just its
StreamField data) and return Chinese messages naming what is missing; an empty list means the article
passes. They never touch the database, so the workflow step, a form's clean() and the tests all call the
same code.

The rules:

1. 参考来源: an article needs at least one source with a title before it can be approved.
2. 用药提示: a passage that names a common paediatric medicine must, in that same passage, state
   - its age limits: a number with 月龄/个月/月/岁/周岁 (for example “6 月龄以上”, “18 岁以下不用”), or the
     words 年龄限制/适用年龄; and
   - where the dose comes from: 说明书, 医生, 医嘱 or 药师.
   A passage is one paragraph, one step (its title and text), one question with its answer, one callout,
   or one 何时就医 box: what a reader sees together. This is a reminder for editors, not a medical engine:
   it does not judge whether the stated limits are right, the reviewing expert does.
"""

import html
import re
from collections.abc import Iterable, Mapping

from django.utils.html import strip_tags

# The medicines parents most often give young children, each with the spellings an article may use.
MEDICINES = {
    "对乙酰氨基酚": ("对乙酰氨基酚", "扑热息痛"),
    "布洛芬": ("布洛芬",),
    "阿司匹林": ("阿司匹林",),
    "蒙脱石散": ("蒙脱石散", "蒙脱石"),
    "口服补液盐": ("口服补液盐", "补液盐"),
    "益生菌": ("益生菌",),
    "抗生素": ("抗生素", "抗菌药"),
    "阿莫西林": ("阿莫西林",),
    "头孢类药物": ("头孢",),
    "维生素 D/AD": ("维生素D", "维生素AD", "鱼肝油"),
    "锌制剂": ("补锌", "锌制剂", "葡萄糖酸锌", "硫酸锌"),
    "铁剂": ("铁剂",),
}

AGE_LIMIT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:[～~\-–至到]\s*\d+\s*)?(?:月龄|个月|周岁|岁|月)|年龄限制|适用年龄"
)
DOSE_SOURCE = re.compile(r"说明书|医生|医嘱|药师")
EXCERPT_LENGTH = 20


def missing_sources(page):
    """A message when the article cites no source; [] when it cites at least one."""
    sources = page.sources if hasattr(page, "sources") else page
    for entry in _stream_values(sources or []):
        title = entry.get("title", "") if isinstance(entry, Mapping) else ""
        if str(title).strip():
            return []
    return ["缺少参考来源：审核通过前，请在“审核与来源”中至少添加一条参考来源（文献或文件名称）。"]


def medicine_problems(page):
    """One message for each passage that names a medicine without its age limits or its dose source."""
    body = page.body if hasattr(page, "body") else page
    problems = []
    for passage in passages(body):
        named = [name for name, spellings in MEDICINES.items() if _mentions(passage, spellings)]
        if not named:
            continue
        missing = []
        if not AGE_LIMIT.search(passage):
            missing.append("适用年龄（例如“6 月龄以上”“2 月龄以下不用”）")
        if not DOSE_SOURCE.search(passage):
            missing.append("剂量依据（“按说明书”或“遵医嘱/问医生”）")
        if missing:
            problems.append(
                f"提到{'、'.join(f'“{name}”' for name in named)}的段落（“{_excerpt(passage)}”）"
                f"没有写明{'和'.join(missing)}。"
            )
    return problems


def review_problems(page):
    """Everything that stops approval, in the order an editor should fix it."""
    return missing_sources(page) + medicine_problems(page)


def passages(stream):
    """The plain text of each passage a reader sees together, in page order.

    Accepts a StreamValue, a list of (block_type, value) pairs as the demo content writes them, or raw
    StreamField JSON (dicts with "type" and "value").
    """
    for value in _stream_values(stream):
        yield from _passages_in(value)


def _stream_values(stream):
    for child in stream:
        if hasattr(child, "block_type"):  # a StreamValue's child
            yield child.value
        elif isinstance(child, Mapping) and "type" in child:  # raw JSON
            yield child.get("value")
        elif isinstance(child, tuple) and len(child) == 2:  # (block_type, value)
            yield child[1]
        else:
            yield child


def _passages_in(value):
    if _is_text(value):
        text = _plain(value)
        if text:
            yield text
    elif isinstance(value, Mapping):
        # A struct's own text (a step's title and text, a box's title and signs) reads as one passage;
        # nested structs (the steps of a list, the questions of a FAQ) are passages of their own.
        own = []
        nested = []
        for item in value.values():
            if _is_text(item):
                own.append(_plain(item))
            elif _is_list(item) and all(_is_text(element) for element in item):
                own.extend(_plain(element) for element in item)
            elif isinstance(item, Mapping) or _is_list(item):
                nested.append(item)
        text = " ".join(part for part in own if part)
        if text:
            yield text
        for item in nested:
            yield from _passages_in(item)
    elif _is_list(value):
        for item in value:
            yield from _passages_in(item)


def _is_text(value):
    return isinstance(value, str) or hasattr(value, "source")  # RichText keeps its HTML in .source


def _is_list(value):
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, Mapping))


def _plain(value):
    text = value.source if hasattr(value, "source") else value
    return " ".join(html.unescape(strip_tags(text or "")).split())


def _mentions(passage, spellings):
    compact = re.sub(r"\s+", "", passage)
    return any(spelling.replace(" ", "") in compact for spelling in spellings)


def _excerpt(passage):
    return passage if len(passage) <= EXCERPT_LENGTH else passage[:EXCERPT_LENGTH] + "…"
