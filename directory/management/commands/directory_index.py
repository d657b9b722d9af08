"""Rebuilds the directory's Elasticsearch index behind its alias, with a progress bar.

A new index is filled first and the alias is swapped to it in one atomic call, so searches keep using
the old index until the new one is complete; the old index is then deleted.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.search import elasticsearch_url


class Command(BaseCommand):
    help = "重建托育机构的 Elasticsearch 索引（新建索引、写入全部公开机构、切换别名）。"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条。")

    def handle(self, *args, **options):
        url = elasticsearch_url()
        if not url:
            raise CommandError("未配置 ELASTICSEARCH_URL：当前使用数据库搜索引擎，无需建立索引。")

        from directory.search.elasticsearch import (
            UNAVAILABLE_ERRORS,
            alias_name,
            client_for,
            indexed_queryset,
            rebuild_index,
        )

        client = client_for(url)
        total = indexed_queryset().count()
        progress = tqdm(
            total=total,
            desc="写入索引",
            unit="家",
            file=self.stderr,
            disable=options["no_progress"],
        )
        try:
            with progress:
                new_index, count = rebuild_index(client, progress=progress)
        except UNAVAILABLE_ERRORS as error:
            raise CommandError(f"无法连接 Elasticsearch（{url}）：{str(error)[:300]}") from error
        self.stdout.write(
            self.style.SUCCESS(f"已写入 {count} 家机构到索引 {new_index}，别名 {alias_name()} 已切换。")
        )
