"""The page cache moved to website/page_cache.py when it began serving the directory too; these names stay
for the guidance code that uses them (guidance/urls.py, guidance/wagtail_hooks.py)."""

from website.page_cache import bump_generation, serve, store_rendered_page

__all__ = ["bump_generation", "serve", "store_rendered_page"]
