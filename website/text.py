"""The one Chinese text analyser of the site.

Neither SQLite FTS5 (unicode61) nor PostgreSQL's parser splits a run of Chinese characters into words,
so 托育 would never match 阳光托育中心. Every text is cut into words with jieba's search mode here, and the
words are joined by spaces, which both databases (and the query side) then treat as separate tokens.
"""

import logging
import re
import threading
from functools import lru_cache

import jieba

_lock = threading.Lock()
_tokenizer = None

# Words the demo city and the domain use that jieba's general dictionary does not keep whole.
DOMAIN_WORDS = [
    "托育",
    "托育机构",
    "托育中心",
    "全日托",
    "半日托",
    "计时托",
    "临时托",
    "普惠",
    "辅食",
    "家庭托育点",
    "婴幼儿",
    "托位",
    "托班",
    "乳儿班",
    "托小班",
    "托大班",
    "混合班",
    "备案",
    "育儿假",
    "护理假",
]

_SPACES = re.compile(r"\s+")


def tokenizer():
    """jieba's dictionary takes about a second and 70 MB to load: do it once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                jieba.setLogLevel(logging.WARNING)
                instance = jieba.Tokenizer()
                instance.initialize()
                for word in DOMAIN_WORDS:
                    instance.add_word(word, freq=20000)
                _tokenizer = instance
    return _tokenizer


def words(text):
    """The search-mode words of a text: whole words and the shorter words inside them."""
    if not text:
        return []
    return [word for word in tokenizer().cut_for_search(str(text)) if word.strip()]


@lru_cache(maxsize=2048)
def _segment_cached(text):
    return " ".join(words(text))


def segment(text):
    """Text with its words separated by single spaces, ready for a full-text index or query."""
    if not text:
        return ""
    text = _SPACES.sub(" ", str(text)).strip()
    if len(text) <= 200:
        return _segment_cached(text)
    return " ".join(words(text))
