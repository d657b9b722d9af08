"""WCAG 1.4.11: the focus indicator keeps 3:1 contrast on every background it appears on, on every page type."""

import pytest

from tests.browser.focus_probe import FOCUS_RINGS, best_ring_contrast

pytestmark = pytest.mark.django_db(transaction=True)

MAX_TAB_STOPS = 150


def _page_types():
    from complaints.models import ComplaintsPage
    from directory.models import Institution
    from guidance.models import EventPage, GuidanceArticlePage, PolicyDocumentPage

    detail = Institution.objects.public().order_by("name").first()
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
    }


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


def test_every_focused_element_shows_a_ring_of_at_least_3_to_1_on_each_page_type(
    live_server, demo_site, page
):
    failures = {}
    for kind, path in _page_types().items():
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
