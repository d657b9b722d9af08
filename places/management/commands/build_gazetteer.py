from django.core.management.base import BaseCommand

from places.building import build


class Command(BaseCommand):
    help = "从机构、区县和街道数据生成地名库（道路、地标取所在机构的中心点）。可重复运行。"

    def handle(self, *args, **options):
        created, updated, removed = build()
        self.stdout.write(f"地名库：新增 {created} 个，更新 {updated} 个，移除 {removed} 个。")
