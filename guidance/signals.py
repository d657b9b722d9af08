"""What replaces the page cache's content generation: every change that can alter a public page.

Connected in GuidanceConfig.ready().
"""

from django.apps import apps as global_apps

from guidance.cache import bump_generation

# Apps whose models can alter what an anonymous visitor sees on a cached page.
WATCHED_APPS = {"wagtailcore", "wagtailimages", "wagtaildocs", "website", "guidance"}
IGNORED_MODELS = {
    # Bookkeeping that never changes a public page on its own.
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailcore.pagesubscription",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "wagtailimages.rendition",
    "guidance.contentgeneration",
    "guidance.articlefeedback",
}


def _is_watched(sender):
    meta = getattr(sender, "_meta", None)
    # Historical models inside migrations live in their own registry: the generation table may not exist yet.
    if meta is None or meta.apps is not global_apps or meta.app_label not in WATCHED_APPS:
        return False
    return meta.label_lower not in IGNORED_MODELS


def content_saved_or_deleted(sender, raw=False, **kwargs):
    """post_save and post_delete of any model: fixtures being loaded (raw) change nothing yet."""
    if _is_watched(sender) and not raw:
        bump_generation()


def page_state_changed(sender, **kwargs):
    """page_published, page_unpublished and post_page_move."""
    bump_generation()
