"""Closes the cases left in 已答复 longer than COMPLAINTS_AUTO_CLOSE_DAYS without the citizen's reaction.

Run daily from cron; purge_complaint_personal_data also runs it first.
"""

from django.core.management.base import BaseCommand

from complaints import workflow


class Command(BaseCommand):
    help = "自动办结答复后超过期限、投诉人未评价也未申请重新办理的投诉。"

    def handle(self, *args, **options):
        closed = workflow.close_unanswered_replies()
        self.stdout.write(
            self.style.SUCCESS(
                f"已自动办结 {closed} 件投诉（答复后 {workflow.auto_close_days()} 天无回应）。"
            )
        )
