"""Share cards (Open Graph, and the schema.org names WeChat's and QQ's crawlers read) for the
directory's detail and compare pages: absolute URLs, a 1200×630 card, and a square picture of at least
300 px that the page also carries as its first (hidden) image, which is what WeChat's own browser takes as
the thumbnail when a page is shared without its JS-SDK."""

from django.templatetags.static import static
from wagtail.images.shortcuts import get_rendition_or_not_found

DEFAULT_IMAGE = "directory/share-card.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_SQUARE = "directory/share-square.png"


def share_card(request, *, title, description, url=None, photo=None):
    """{"title", "description", "url", "image", "image_width", "image_height", "square"} for the share tags.

    `url` defaults to the page's own address; `photo` (a Wagtail image) replaces the site's card.
    """
    if photo is not None:
        rendition = get_rendition_or_not_found(photo, "fill-1200x630")
        image, size = rendition.url, (rendition.width, rendition.height)
        square = get_rendition_or_not_found(photo, "fill-600x600").url
    else:
        image, size, square = static(DEFAULT_IMAGE), DEFAULT_IMAGE_SIZE, static(DEFAULT_SQUARE)
    return {
        "title": title,
        "description": description[:200],
        "url": request.build_absolute_uri(url or request.get_full_path()),
        "image": request.build_absolute_uri(image),
        "image_width": size[0],
        "image_height": size[1],
        "square": request.build_absolute_uri(square),
    }
