"""Readable ASCII slugs and anchors from Chinese titles: 宝宝发烧了怎么办 → baobao-fashao-le-zenmeban.

A Chinese slug shows up percent-encoded in every shared link (%E5%AE%9D%E5%AE%9D…), so page slugs and the
anchors of an article's table of contents are written in pinyin, one group per word (jieba's cut, the
site's own dictionary), digits and Latin letters kept.
"""

import re

from django.utils.text import slugify

from website import text

MAX_LENGTH = 60
_HAN = re.compile(r"[\u3400-\u9fff]")


def has_chinese(value):
    return bool(_HAN.search(value or ""))


def pinyin_slug(title, max_length=MAX_LENGTH):
    """The pinyin slug of a title, cut at a word boundary to at most `max_length` characters ("" if none)."""
    words = text.tokenizer().lcut(text.normalise(title))
    groups = [slugify(text.to_pinyin(word) if has_chinese(word) else word) for word in words]
    slug = ""
    for group in filter(None, groups):
        candidate = f"{slug}-{group}" if slug else group
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or slugify(title)[:max_length]


def is_automatic(slug, title):
    """Whether `slug` is what the admin's script made of a Chinese title rather than one an editor chose:
    empty, the title itself as a slug (Chinese, percent-encoded in links), or its ASCII-only remains."""
    if not has_chinese(title):
        return False
    return not slug or slug in (slugify(title), slugify(title, allow_unicode=True))
