"""WCAG 1.4.11: the focus indicator keeps 3:1 contrast on every background it appears on, on every page type."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TAB_STOPS = 150


# Runs in the browser on the focused element: the colours of the indicator's rings (the outline and each
# box-shadow) with the colour behind each ring: for a ring drawn outside the element, the first
# non-transparent background among its ancestors; for an inset ring (or a negative outline offset),
# the element's own.
FOCUS_RINGS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const parse = (text) => {
    const m = text.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const backgroundOf = (start) => {
    for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0.5) return colour;
    }
    return [255, 255, 255, 1];
  };
  const style = getComputedStyle(element);
  const outside = backgroundOf(element.parentElement);
  const inside = backgroundOf(element);
  const rings = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
    rings.push({ kind: "outline", colour: parse(style.outlineColor),
                 behind: parseFloat(style.outlineOffset) < 0 ? inside : outside });
  }
  if (style.boxShadow && style.boxShadow !== "none") {
    for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
      const colour = parse(shadow);
      if (colour && colour[3] > 0.5) {
        rings.push({ kind: "box-shadow", colour, behind: /inset/.test(shadow) ? inside : outside });
      }
    }
  }
  const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    (element.className && typeof element.className === "string" ? "." + element.className.split(" ")[0] : "") +
    " " + (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 20);
  const position = Array.prototype.indexOf.call(document.querySelectorAll("*"), element);
  return { name, position, rings };
}"""


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def best_ring_contrast(measure):
    """The highest contrast among the indicator's rings against what lies behind each (0 with no ring)."""
    return max((contrast(ring["colour"], ring["behind"]) for ring in measure["rings"]), default=0.0)


def page_types():
    """One URL of each public page type in the demo (also walked in 关怀模式 by test_care_mode.py)."""
    from complaints.models import ComplaintsPage
    from directory.models import Institution
    from guidance.models import EventPage, GuidanceArticlePage, PolicyDocumentPage

    detail = Institution.objects.public().order_by("name").first()
    public_ids = list(Institution.objects.public().order_by("name").values_list("pk", flat=True))
    complaints = ComplaintsPage.objects.live().first().url
    return {
        "home": "/",
        "guidance article": GuidanceArticlePage.objects.live().first().url,
        "guidance index": "/guidance/",
        "policy": PolicyDocumentPage.objects.live().first().url,
        "event": EventPage.objects.live().first().url,
        "directory search with results": "/directory/?q=托育",
        "institution detail": detail.get_absolute_url(),
        "complaint form": complaints + "submit/",
        "tracking": complaints + "track/",
        "verify": "/directory/verify/?q=" + detail.credit_code,
        "search": "/search/?q=辅食",
        "benefits checker": "/benefits/childcare-subsidy/?birth=2025-03-01",
        "compare": "/directory/compare/?" + "&".join(f"id={pk}" for pk in public_ids[:3]),
        "visit request": f"/directory/{detail.slug}/visit/",
        "barred list": "/directory/barred/",
        "mother-baby rooms near a place": "/mother-baby-rooms/?near=鹤壁东站",
        "filing guide": "/services/childcare-institution-filing/",
        "child-health services": "/child-health/?near=淇滨区",
        "home-visit request": "/child-health/home-visit/",
    }


# The older name, still imported by tests/browser/test_keyboard.py.
_page_types = page_types


def _weak_indicators(tab):
    """Tabs through a freshly loaded page until focus comes round again; every focused element whose best
    ring is under 3:1, with its figures, and how many stops there were."""
    weak, seen = [], set()
    for _ in range(MAX_TAB_STOPS):
        tab.keyboard.press("Tab")
        measure = tab.evaluate(FOCUS_RINGS)
        if measure is None or measure["position"] in seen:
            break
        seen.add(measure["position"])
        ratio = best_ring_contrast(measure)
        if ratio < 3:
            weak.append(f"{measure['name']}: {ratio:.2f}:1 {measure['rings']}")
    return weak, len(seen)


@pytest.mark.parametrize("care_mode", [False, True], ids=["standard", "care-mode"])
def test_every_focused_element_shows_a_ring_of_at_least_3_to_1_on_each_page_type(
    live_server, demo_site, page, care_mode
):
    if care_mode:  # 关怀模式, as the header switch remembers it
        page.context.add_cookies([{"name": "care_mode", "value": "1", "url": live_server.url}])
    failures = {}
    for kind, path in page_types().items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{kind} {path}: {response.status}"
        weak, stops = _weak_indicators(page)
        assert stops > 3, f"{kind}: only {stops} tab stops reached"
        if weak:
            failures[f"{kind} ({path})"] = weak
    assert not failures, "\n".join(f"{kind}:\n  " + "\n  ".join(items) for kind, items in failures.items())


def test_the_date_field_is_ringed_while_its_parts_have_focus(live_server, demo_site, page):
    page.goto(live_server.url + "/benefits/childcare-subsidy/")
    page.locator("#birth").focus()
    page.keyboard.press("Tab")  # from the first part (year) to the next one, still inside the field
    ring = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('#birth'));
                   return [document.activeElement.id, s.outlineStyle, s.boxShadow]; }"""
    )
    assert ring[0] == "birth"
    assert ring[1] == "solid" and "255, 221, 0" in ring[2]
