"""An article's outline: an anchor for each 小标题 and each 何时就医 box, and the table of contents built from them.

A parent reading at night on a phone should reach 何时就医 in one tap, wherever the editor put the box,
and find their way around a long article; the anchors are pinyin, so a shared link reads
…/fever-at-home/#zenyang-suan-fashao rather than a percent-encoded string.
"""

from dataclasses import dataclass

from guidance.slugs import pinyin_slug

# The first 何时就医 box's anchor: the same on every article, so links from elsewhere can point at it.
SEE_DOCTOR_ANCHOR = "when-to-see-a-doctor"
# An article shows a table of contents from this many entries (小标题 and 何时就医 boxes) on.
MIN_CONTENTS_ENTRIES = 3


@dataclass(frozen=True)
class Entry:
    anchor: str
    title: str
    see_doctor: bool


@dataclass(frozen=True)
class Outline:
    blocks: list  # (block, anchor or "") in page order
    entries: list  # Entry, in page order

    @property
    def contents(self):
        """The table of contents, or [] when the article is too short to need one."""
        return self.entries if len(self.entries) >= MIN_CONTENTS_ENTRIES else []

    @property
    def see_doctor_anchor(self):
        """Where the top-of-article 何时就医 link goes: the first 何时就医 box, or "" when there is none."""
        return next((entry.anchor for entry in self.entries if entry.see_doctor), "")


def outline(body):
    blocks, entries, used = [], [], set()
    for block in body:
        title, see_doctor = _entry_title(block)
        if title is None:
            blocks.append((block, ""))
            continue
        base = SEE_DOCTOR_ANCHOR if see_doctor else (pinyin_slug(title, 40) or "section")
        anchor = _unique(base, used)
        blocks.append((block, anchor))
        entries.append(Entry(anchor, title, see_doctor))
    return Outline(blocks, entries)


def _entry_title(block):
    if block.block_type == "heading":
        return str(block.value), False
    if block.block_type == "see_doctor":
        return block.value.get("title") or "何时就医", True
    return None, False


def _unique(base, used):
    anchor, suffix = base, 1
    while anchor in used:
        suffix += 1
        anchor = f"{base}-{suffix}"
    used.add(anchor)
    return anchor
