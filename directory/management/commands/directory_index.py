"""Rebuilds the directory's search-cluster index behind its alias, with a progress bar.

A new index is filled first and the alias is swapped to it in one atomic call, so searches keep using
the old index until the new one is complete; the old index is then deleted.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.search import describe_error, search_engine_url


class Command(BaseCommand):
    help = "重建托育机构的搜索集群索引（新建索引、写入全部公开机构、切换别名）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条。")

    def handle(self, *args, **options):
        url = search_engine_url()
        if not url:
            raise CommandError(
                "未配置 SEARCH_ENGINE_URL（或旧名 ELASTICSEARCH_URL）：当前使用数据库搜索引擎，无需建立索引。"
            )

        from directory.search.elasticsearch import (
            UNAVAILABLE_ERRORS,
            alias_name,
            cluster_for,
            indexed_queryset,
            rebuild_index,
            split_url,
        )

        total = indexed_queryset().count()
        progress = tqdm(
            total=total,
            desc="写入索引",
            unit="家",
            file=self.stderr,
            disable=options["no_progress"],
        )
        try:
            cluster = cluster_for(url)
            with progress:
                new_index, count = rebuild_index(cluster, progress=progress)
        except UNAVAILABLE_ERRORS as error:
            raise CommandError(f"无法连接搜索集群（{split_url(url)[1]}）：{describe_error(error)}") from error
        self.stdout.write(
            self.style.SUCCESS(f"已写入 {count} 家机构到索引 {new_index}，别名 {alias_name()} 已切换。")
        )
