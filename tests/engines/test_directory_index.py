"""`manage.py directory_index` on a live node: a new index behind the alias, searches answering all along."""

import io

import pytest
from django.core.management import call_command

from directory.models import Institution
from directory.search import SearchQuery
from directory.search.elasticsearch import ClusterEngine, alias_name, rebuild_index, response_json

pytestmark = pytest.mark.django_db


def indices_behind_alias(cluster):
    return set(response_json(cluster.client.indices.get_alias(name=alias_name())))


def indices_named_like_the_alias(cluster):
    return set(response_json(cluster.client.indices.get(index=alias_name() + "_*")))


class SearchingProgress:
    """A progress bar that searches the directory each time a document is written to the new index."""

    def __init__(self, engine, query):
        self.engine = engine
        self.query = query
        self.answers = []

    def update(self, count):
        results = self.engine.search(self.query)
        self.answers.append((results.engine, results.total))


def test_rebuild_swaps_the_alias_to_a_new_index_while_searches_keep_answering(cluster, cluster_url):
    public = Institution.objects.public().count()
    before = indices_behind_alias(cluster)
    assert len(before) == 1
    engine = ClusterEngine(cluster_url)
    progress = SearchingProgress(engine, SearchQuery.from_params({"page_size": "1"}))

    new_index, count = rebuild_index(cluster, progress=progress)

    assert count == public
    # Every search during the build answered from the node, from the complete old index.
    assert len(progress.answers) == public
    assert set(progress.answers) == {("elasticsearch", public)}
    # The alias now points at the new index only; the old one is gone.
    assert indices_behind_alias(cluster) == {new_index}
    assert new_index not in before
    assert indices_named_like_the_alias(cluster) == {new_index}
    assert engine.search(SearchQuery.from_params({})).total == public


def test_directory_index_command_reports_what_it_wrote(cluster):
    out = io.StringIO()
    call_command("directory_index", "--no-progress", stdout=out)
    (index,) = indices_behind_alias(cluster)
    assert f"已写入 {Institution.objects.public().count()} 家机构到索引 {index}" in out.getvalue()


def test_rebuild_replaces_an_index_squatting_the_alias_name(cluster, cluster_url):
    """An old build that made a plain index under the alias's name is replaced in the same swap."""
    for index in indices_behind_alias(cluster):
        cluster.client.indices.delete(index=index)
    cluster.client.indices.create(index=alias_name())

    new_index, _ = rebuild_index(cluster)

    assert indices_behind_alias(cluster) == {new_index}
    assert ClusterEngine(cluster_url).search(SearchQuery.from_params({})).total > 0
