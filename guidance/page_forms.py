"""The admin form every page type an editor writes (articles, policies, events, standard pages) starts from.

The admin's script fills the slug from the title as the editor types; for a Chinese title that is the
title itself (a percent-encoded link) or nothing. Such a slug becomes the title's pinyin here, on the
server, before Wagtail checks it is free among the page's siblings; a slug the editor typed is kept.
"""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page

from guidance.slugs import is_automatic, pinyin_slug


class PinyinSlugPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:  # left empty, the title's pinyin is used
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = self.cleaned_data.get("slug", "")
        title = self.cleaned_data.get("title") or self.data.get("title", "")
        if not is_automatic(slug, title):
            return slug
        return self._free_slug(pinyin_slug(title))

    def _free_slug(self, base):
        """`base`, or `base-2`, `base-3` … when a sibling already has it (as Wagtail numbers its own)."""
        if not base or self.parent_page is None:
            return base
        candidate, suffix = base, 1
        while not Page._slug_is_available(candidate, self.parent_page, self.instance):
            suffix += 1
            candidate = f"{base}-{suffix}"
        return candidate
