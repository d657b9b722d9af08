import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from complaints import workflow
from complaints.models import Complaint, ComplaintAttachment, ComplaintsPage, EventKind, Status
from complaints.privacy import mask_numbers, mask_phone
from tests.complaints.factories import ComplaintFactory, form_data, handler, post_form
from tests.directory.factories import InstitutionFactory

SUBMIT = "/complaints/submit/"


def base_form(**extra):
    """An anonymous complaint about fees, with no institution chosen yet."""
    left_out = ["institution_address", "occurred_on", "contact_name", "contact_phone", "contact_email"]
    fees = {"category": "fees", "institution_name": "", "anonymous": "on"}
    description = {"description": "机构要求一次预交半年费用，否则不给学位。"}
    return form_data(**{**dict.fromkeys(left_out), **fees, **description, **extra})


def test_directory_link_prefills_the_institution(client, channel):
    institution = InstitutionFactory(name="阳光宝贝托育中心")
    html = client.get(f"{SUBMIT}?institution={institution.pk}").content.decode()
    assert "已选择：<strong>阳光宝贝托育中心</strong>" in html
    assert f'name="institution" value="{institution.pk}"' in html


def test_unfiled_institutions_are_not_offered_for_choosing(client, channel):
    hidden = InstitutionFactory(name="未备案的园", unfiled=True)
    html = client.get(f"{SUBMIT}?institution={hidden.pk}").content.decode()
    assert "已选择" not in html


def test_institution_search_works_without_javascript_and_keeps_the_text(client, channel):
    InstitutionFactory(name="阳光宝贝托育中心")
    InstitutionFactory(name="彩虹托育园")
    response = post_form(client, {**base_form(), "institution_query": "阳光", "find_institution": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "找到 1 家机构" in html and "阳光宝贝托育中心" in html and "彩虹托育园" not in html
    assert "机构要求一次预交半年费用" in html
    assert Complaint.objects.count() == 0


def test_a_search_without_matches_says_to_type_the_name(client, channel):
    response = post_form(client, {**base_form(), "institution_query": "不存在的园", "find_institution": "1"})
    assert "没有找到名称含“不存在的园”的已备案机构" in response.content.decode()


def test_a_complaint_about_a_chosen_institution_is_linked_to_it(client, channel):
    institution = InstitutionFactory(name="阳光宝贝托育中心")
    response = post_form(client, base_form(institution=str(institution.pk)))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.institution == institution
    assert complaint.institution_name == "阳光宝贝托育中心"


def test_an_unknown_institution_id_gets_a_clear_message(client, channel):
    response = post_form(client, base_form(institution="999999", institution_name=""))
    assert "所选机构不存在或已不在目录中" in response.content.decode()


def test_masking_keeps_only_the_ends_of_numbers():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_numbers("电话 13812345678 身份证 110101199003074518") == (
        "电话 138****5678 身份证 110***********4518"
    )


def test_stats_page_reads_as_a_table_of_months_and_categories(client, departments, handlers_group):
    staff = handler(departments["market"])
    replied = ComplaintFactory(category="food")
    workflow.apply(replied, "accept", staff)
    workflow.apply(replied, "reply", staff, message="已整改。")
    workflow.rate(replied, 4, True)
    ComplaintFactory(category="food")
    ComplaintFactory(category="fire")
    html = client.get("/complaints/stats/").content.decode()
    today = timezone.localdate()
    assert f"{today.year} 年 {today.month} 月" in html
    assert "<table" in html and "<svg" in html and 'role="img"' in html
    assert "近 12 个月共收到投诉 3 件，已答复 1 件，其中按期答复 1 件" in html
    assert "平均满意度 4.0 分" in html
    assert "食品安全</th><td>2</td><td>1</td><td>1</td>" in html
    assert "消防安全</th><td>1</td><td>0</td><td>0</td>" in html
    assert "13812345678" not in html and "李女士" not in html


def test_retention_command_purges_personal_data_of_old_closed_cases(departments, handlers_group, settings):
    settings.COMPLAINTS_RETENTION_DAYS = 365
    staff = handler(departments["market"])
    old = ComplaintFactory(category="food", description="园长电话 13987654321。饭菜变质。")
    workflow.apply(old, "reject", staff, message="不在辖区。")
    ComplaintAttachment.objects.create(complaint=old, file="2020/01/x.jpg", content_type="image/jpeg", size=1)
    Complaint.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=400))
    recent = ComplaintFactory(category="food")
    workflow.apply(recent, "reject", staff, message="不在辖区。")
    call_command("purge_complaint_personal_data", stdout=io.StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact_name == old.contact_phone == old.contact_email == ""
    assert "13987654321" not in old.description and "139****4321" in old.description
    assert old.personal_data_purged_at is not None and old.attachments.count() == 0
    assert old.events.filter(kind=EventKind.PURGED).exists()
    assert recent.contact_phone == "13812345678"
    assert old.status == Status.REJECTED and old.tracking_number


def test_load_demo_builds_the_channel_and_changes_nothing_the_second_time(client, demo_site):
    for path in ["/complaints/", "/complaints/submit/", "/complaints/track/", "/complaints/stats/"]:
        assert client.get(path).status_code == 200
    assert ComplaintsPage.objects.count() == 1
    counts = (Complaint.objects.count(), Complaint.objects.overdue().count())
    assert counts[0] >= 6 and counts[1] >= 1
    assert set(Complaint.objects.values_list("status", flat=True)) >= {
        "submitted",
        "accepted",
        "in_progress",
        "replied",
        "closed",
        "rejected",
        "transferred",
    }
    call_command("load_demo", stdout=io.StringIO())
    assert (Complaint.objects.count(), Complaint.objects.overdue().count()) == counts
    assert ComplaintsPage.objects.count() == 1


def test_deploy_check_warns_when_rate_limits_would_be_counted_per_process(settings):
    from complaints.checks import shared_cache_for_rate_limits

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in shared_cache_for_rate_limits(None)] == ["complaints.W001"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert shared_cache_for_rate_limits(None) == []
