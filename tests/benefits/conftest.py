import pytest


@pytest.fixture
def benefits_demo(load_demo):
    """`load_demo website benefits`: the site shell plus the benefit pages, their policy pages and rules."""
    return load_demo("website", "benefits")
