"""Deletes the personal data of complaints finished longer ago than the retention period.

Names, phone numbers, e-mail addresses, the free-text location and the attachments go; phone and ID
numbers in the description are masked. The case itself, its category, timeline and reply stay for the
statistics. Idempotent: a purged case is skipped the next time. Attachments kept for a form that was never
sent again are deleted once they are older than complaints/pending_uploads.PENDING_MAX_AGE.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from complaints import pending_uploads, privacy, workflow
from complaints.models import FINISHED_STATUSES, Complaint, ComplaintEvent, EventKind


class Command(BaseCommand):
    help = "清除办结超过保存期限的投诉中的个人信息（姓名、电话、邮箱、附件）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="保存期限（天），默认取 COMPLAINTS_RETENTION_DAYS 设置（730 天）。",
        )
        parser.add_argument("--dry-run", action="store_true", help="只统计，不删除。")

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.COMPLAINTS_RETENTION_DAYS
        if days < 0:
            raise CommandError(f"保存期限不能为负数（--days {days}）。")
        # Replied cases nobody reacted to are finished too: close them first, so none is kept for ever.
        closed = 0 if dry_run else workflow.close_unanswered_replies()
        if closed:
            self.stdout.write(f"已自动办结 {closed} 件答复后无人回应的投诉。")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        due = Complaint.objects.filter(
            status__in=FINISHED_STATUSES, closed_at__lt=cutoff, personal_data_purged_at__isnull=True
        )
        count = due.count()
        if dry_run:
            self.stdout.write(f"将清除 {count} 件投诉的个人信息（办结早于 {cutoff:%Y-%m-%d}）。")
            return
        for complaint in tqdm(due.iterator(), total=count, disable=count < 50, desc="清除个人信息"):
            self._purge(complaint)
        self.stdout.write(self.style.SUCCESS(f"已清除 {count} 件投诉的个人信息。"))
        # Attachments kept for a form that was never sent again (complaints/pending_uploads.py).
        swept = pending_uploads.sweep()
        if swept:
            self.stdout.write(f"已删除 {swept} 个过期的未提交附件。")

    @transaction.atomic
    def _purge(self, complaint):
        for attachment in complaint.attachments.all():
            attachment.file.delete(save=False)
            attachment.delete()
        complaint.contact_name = ""
        complaint.contact_phone = ""
        complaint.contact_email = ""
        complaint.institution_address = ""
        complaint.description = privacy.mask_numbers(complaint.description)
        complaint.personal_data_purged_at = timezone.now()
        complaint.save()
        complaint.contact_accesses.all().delete()
        ComplaintEvent.objects.create(
            complaint=complaint, kind=EventKind.PURGED, actor_label="系统", message="按保存期限清除个人信息。"
        )
