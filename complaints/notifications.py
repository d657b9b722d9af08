"""Mail to departments and citizens, sent by django.tasks after the complaint is safely committed.

A failed enqueue or a failed send is logged and never touches the complaint: the case is stored first,
the mail is a side effect.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


def _admin_url(complaint_id):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse("complaint:edit", args=[complaint_id])
    except NoReverseMatch:
        return base + "/admin/"


def _track_url():
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + "/complaints/track/"


@task
def notify_department(complaint_id, department_id):
    """Tells a department that a case was routed to it. No personal data: the link leads to the admin."""
    from complaints.models import Complaint, Department

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    department = Department.objects.filter(pk=department_id).first()
    if complaint is None or department is None:
        return 0
    recipients = [department.email] if department.email else []
    recipients += [u.email for u in department.staff.filter(is_active=True).exclude(email="")]
    if not recipients:
        return 0
    urgent = "【紧急】" if complaint.urgent else ""
    subject = f"{urgent}新的投诉举报待办理：{complaint.tracking_number}"
    body = (
        f"{department.name}：\n\n"
        f"有一件投诉举报转到了贵部门。\n"
        f"受理编号：{complaint.tracking_number}\n"
        f"类别：{complaint.get_category_display()}\n"
        f"办理期限：{complaint.due_date or '—'}\n\n"
        f"请登录管理后台查看并办理：{_admin_url(complaint.pk)}\n"
    )
    return EmailMessage(subject, body, None, sorted(set(recipients))).send()


@task
def notify_citizen(complaint_id, event_id):
    """Tells the citizen (when they left an email) that the public status of their case changed."""
    from complaints.models import Complaint, ComplaintEvent

    complaint = Complaint.objects.filter(pk=complaint_id).first()
    event = ComplaintEvent.objects.filter(pk=event_id, public=True).first()
    if complaint is None or event is None or not complaint.contact_email:
        return 0
    subject = f"您的投诉举报（{complaint.tracking_number}）有新进展"
    body = (
        "您好：\n\n"
        f"您提交的投诉举报（受理编号 {complaint.tracking_number}）当前状态：{complaint.get_status_display()}。\n"
        f"最新进展：{event.get_kind_display()}。\n\n"
        f"请凭受理编号和查询码在 {_track_url()} 查看详情。\n"
        "本邮件由系统自动发送，请勿直接回复。\n"
    )
    return EmailMessage(subject, body, None, [complaint.contact_email]).send()


def _enqueue(task_obj, *args):
    try:
        task_obj.enqueue(*args)
    except Exception:
        # The complaint is already committed; a broken queue must not turn its receipt into an error.
        logger.exception("Could not queue %s for complaint %s", task_obj.module_path, args[0])


def on_commit_notify_departments(complaint_id, department_ids):
    for department_id in dict.fromkeys(department_ids):
        transaction.on_commit(lambda d=department_id: _enqueue(notify_department, complaint_id, d))


def on_commit_notify_citizen(complaint_id, event_id):
    transaction.on_commit(lambda: _enqueue(notify_citizen, complaint_id, event_id))
