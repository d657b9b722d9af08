"""What replaces the page cache's content generations: every change that can alter a public page.

Connected in GuidanceConfig.ready(); which family of cached pages a change reaches is decided in
website/page_cache.py (`family_of`).
"""

from website import page_cache


def content_saved_or_deleted(sender, instance=None, raw=False, **kwargs):
    """post_save and post_delete of any model: fixtures being loaded (raw) change nothing yet."""
    if instance is not None and not raw:
        page_cache.content_changed(instance)


def page_state_changed(sender, instance=None, **kwargs):
    """page_published, page_unpublished and post_page_move (which names the parents)."""
    if "parent_page_after" in kwargs:
        page_cache.page_moved()
    else:
        page_cache.page_changed(instance)
