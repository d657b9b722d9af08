"""Mail to an institution's operators when a parent asks to visit, sent by django.tasks after the request
is committed. The mail carries no personal data: the parent's name and phone are only in the admin."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.urls import NoReverseMatch, reverse

logger = logging.getLogger(__name__)


def _visits_url():
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    try:
        return base + reverse("operators_admin:visits")
    except NoReverseMatch:
        return base + "/admin/"


@task
def notify_operators_of_visit(visit_id):
    from operators.models import OperatorAccount, VisitRequest

    visit = VisitRequest.objects.select_related("institution").filter(pk=visit_id).first()
    if visit is None:
        return 0
    recipients = sorted(
        set(
            OperatorAccount.objects.active()
            .filter(institution=visit.institution)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )
    if not recipients:
        return 0
    subject = f"新的预约参观：{visit.institution.name}"
    body = (
        f"{visit.institution.name}：\n\n"
        f"有一位家长预约参观，希望的日期是 {visit.preferred_date:%Y年%m月%d日}。\n"
        f"请登录管理后台查看联系方式并尽快联系家长：{_visits_url()}\n\n"
        "为保护家长的个人信息，邮件中不含姓名和电话。本邮件由系统自动发送，请勿直接回复。\n"
    )
    return EmailMessage(subject, body, None, recipients).send()


def _enqueue(visit_id):
    try:
        notify_operators_of_visit.enqueue(visit_id)
    except Exception:
        # The request is already stored and shown in the admin; a broken queue must not fail the parent.
        logger.exception("Could not queue the visit notification for request %s", visit_id)


def on_commit_notify_operators(visit_id):
    transaction.on_commit(lambda: _enqueue(visit_id))
