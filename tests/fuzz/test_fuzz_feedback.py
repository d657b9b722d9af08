"""Random answers, page ids, origins and cookies posted to the guidance feedback counter.

Never a 5xx; an answer that is not "yes" or "no", or a page that is not a live article, counts nothing;
one request counts at most one vote.
"""

from hypothesis import given
from hypothesis import strategies as st

from guidance.models import ArticleFeedback, GuidanceIndexPage
from tests.guidance.factories import ArticleFactory
from website.demo import ensure_child

from .strategies import FUZZ, value_or_hostile


def votes():
    return sum(f.helpful + f.not_helpful for f in ArticleFeedback.objects.all())


def test_feedback_counter_never_fails_and_counts_only_valid_answers(client, home_page):
    ensure_child(home_page, GuidanceIndexPage, GuidanceIndexPage.section_slug, title="科学育儿")
    article = ArticleFactory()

    @FUZZ
    @given(
        page_id=st.one_of(st.just(article.pk), st.integers(min_value=0, max_value=2**63)),
        helpful=st.one_of(st.none(), value_or_hostile("yes", "no", "YES", " yes")),
        origin=st.one_of(st.none(), value_or_hostile("http://testserver", "https://evil.example", "null")),
        # A WSGI server hands headers over as Latin-1, so that is all a cookie can carry.
        cookie=st.one_of(st.none(), st.text(st.characters(max_codepoint=0xFF), max_size=300)),
    )
    def attack(page_id, helpful, origin, cookie):
        client.cookies.clear()
        if cookie is not None:
            client.cookies["guidance_feedback"] = cookie
        headers = {"Origin": origin} if origin is not None else {}
        before = votes()

        response = client.post(
            f"/guidance-feedback/{page_id}/", {} if helpful is None else {"helpful": helpful}, headers=headers
        )

        assert response.status_code < 500, response.status_code
        counted = votes() - before
        assert counted in (0, 1)
        if helpful not in ("yes", "no") or page_id != article.pk:
            assert counted == 0

    attack()
