from django.conf import settings
from django.core.management.base import BaseCommand

from operators import visits


class Command(BaseCommand):
    help = "删除超过保存期限的预约参观申请（家长的姓名、电话等），每天由 cron 运行一次。"

    def handle(self, *args, **options):
        count = visits.purge()
        self.stdout.write(
            f"已删除超过 {settings.OPERATORS_VISIT_RETENTION_DAYS} 天的预约参观申请 {count} 条。"
        )
