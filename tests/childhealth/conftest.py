import pytest

from childhealth.models import ChildHealthPage
from website.demo import ensure_child


@pytest.fixture
def health_page(home_page):
    """/child-health/ without the demo's services."""
    return ensure_child(
        home_page,
        ChildHealthPage,
        "child-health",
        title="医育结合",
        checkup_body="<h2>查什么</h2><p>身高、体重和血常规。</p>",
    )
