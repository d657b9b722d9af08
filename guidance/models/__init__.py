"""Guidance's models, one module per job:

- taxonomy: age bands and topics
- articles: the guidance index and its articles; feedback: readers' anonymous answers on articles
- policies: the policy index and policy documents; events: the event index and events
- sections: what the three sections share (page-cache settings, feeds, the breadcrumb back)
- content_generation: the page cache's clock
- review_task: the workflow step where an expert approves and signs an article
"""

from guidance.models.articles import GuidanceArticlePage, GuidanceIndexPage, GuidanceRelatedArticle
from guidance.models.content_generation import ContentGeneration
from guidance.models.events import EventIndexPage, EventKind, EventPage
from guidance.models.feedback import ArticleFeedback
from guidance.models.policies import PolicyAttachment, PolicyDocumentPage, PolicyIndexPage, Validity
from guidance.models.review_task import ExpertReviewTask
from guidance.models.sections import CachedPage, SectionIndexPage
from guidance.models.taxonomy import AgeBand, Topic

# The section index pages, each under the slug it declares: the one list the page cache's URLs come from.
SECTION_INDEX_PAGES = (GuidanceIndexPage, PolicyIndexPage, EventIndexPage)

__all__ = [
    "SECTION_INDEX_PAGES",
    "AgeBand",
    "ArticleFeedback",
    "CachedPage",
    "ContentGeneration",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "ExpertReviewTask",
    "GuidanceArticlePage",
    "GuidanceIndexPage",
    "GuidanceRelatedArticle",
    "PolicyAttachment",
    "PolicyDocumentPage",
    "PolicyIndexPage",
    "SectionIndexPage",
    "Topic",
    "Validity",
]
