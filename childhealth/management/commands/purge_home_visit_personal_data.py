from django.conf import settings
from django.core.management.base import BaseCommand

from childhealth import privacy


class Command(BaseCommand):
    help = f"删除办结超过 {settings.CHILDHEALTH_RETENTION_DAYS} 天的入户指导申请中的个人信息（姓名、电话、地址、说明）。每天由 cron 运行。"

    def handle(self, *args, **options):
        count = privacy.purge()
        self.stdout.write(f"已删除 {count} 份入户指导申请中的个人信息。")
