"""Vacancies, opening hours, 入托须知 and photos go public the moment an operator saves them, dated and
logged (who, when, old → new)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from operators.models import PublishedChange


@pytest.fixture
def public_page(directory_page, institution):
    return institution.get_absolute_url()


def test_new_vacancies_are_public_at_once_with_todays_date(operator_client, institution, public_page):
    classroom = institution.classes.get()
    response = operator_client.post(
        "/admin/operators/vacancies/", {"vacancies": "5", f"class_{classroom.pk}": "1"}, follow=True
    )
    assert "空余托位已更新并立即公开" in response.content.decode()
    today = timezone.localdate()

    data = operator_client.get(f"/api/v1/institutions/{institution.pk}/").json()
    assert data["vacancies"] == 5
    assert data["vacancies_updated_at"] == today.isoformat()
    assert data["classes"][0]["vacancies"] == 1

    html = operator_client.get(public_page).content.decode()
    assert "空余 <strong>5</strong> 个" in html
    assert (
        f'更新于 <time datetime="{today.isoformat()}">{today.year}年{today.month}月{today.day}日</time>'
        in html
    )

    entry = PublishedChange.objects.get(institution=institution, field="空余托位")
    assert entry.user.username == response.wsgi_request.user.username
    assert entry.old_value == "8（2026-11-01）"
    assert entry.new_value == f"5（{today:%Y-%m-%d}）"
    assert PublishedChange.objects.filter(field__startswith="空余名额").count() == 1


def test_confirming_an_unchanged_figure_renews_its_date(operator_client, institution):
    classroom = institution.classes.get()
    operator_client.post("/admin/operators/vacancies/", {"vacancies": "8", f"class_{classroom.pk}": "2"})
    institution.refresh_from_db()
    assert institution.vacancies == 8
    assert institution.vacancies_updated_at == timezone.localdate()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("61", "空余托位不能多于 60 个"),
        ("-1", "空余托位不能小于 0"),
        ("很多", "空余托位请填写整数"),
        ("", "请填写空余托位"),
    ],
)
def test_impossible_vacancies_are_refused_in_chinese(operator_client, institution, value, message):
    classroom = institution.classes.get()
    response = operator_client.post(
        "/admin/operators/vacancies/", {"vacancies": value, f"class_{classroom.pk}": "1"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    institution.refresh_from_db()
    assert institution.vacancies == 8
    assert not PublishedChange.objects.exists()


def test_a_class_cannot_have_more_free_places_than_children(operator_client, institution):
    classroom = institution.classes.get()
    response = operator_client.post(
        "/admin/operators/vacancies/", {"vacancies": "3", f"class_{classroom.pk}": "16"}
    )
    assert "托小班空余名额不能多于 15 个" in response.content.decode()


def test_opening_hours_and_enrolment_information_publish_at_once_and_are_logged(
    operator_client, institution, public_page
):
    response = operator_client.post(
        "/admin/operators/info/",
        {
            "opening_hours": "周一至周六 7:00–19:00",
            "visiting_times": "周三下午 15:00–16:30",
            "enrolment_materials": "出生医学证明\n预防接种证",
        },
        follow=True,
    )
    assert "已更新 3 项并立即公开" in response.content.decode()
    html = operator_client.get(public_page).content.decode()
    assert "周一至周六 7:00–19:00" in html
    assert "周三下午 15:00–16:30" in html
    assert "预防接种证" in html
    entry = PublishedChange.objects.get(field="开放时间")
    assert (entry.old_value, entry.new_value) == ("周一至周五 7:30–18:00", "周一至周六 7:00–19:00")


def test_control_characters_typed_into_the_hours_are_dropped(operator_client, institution):
    operator_client.post("/admin/operators/info/", {"opening_hours": "周一\x00至周五", "visiting_times": ""})
    institution.refresh_from_db()
    assert "\x00" not in institution.opening_hours


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, "PNG")
    return SimpleUploadedFile("yard.png", buffer.getvalue(), content_type="image/png")


def test_an_uploaded_photo_is_public_at_once_and_can_be_removed(operator_client, institution, public_page):
    response = operator_client.post(
        "/admin/operators/photos/", {"image": _png(), "caption": "户外活动场地"}, follow=True
    )
    assert "照片已上传并立即公开" in response.content.decode()
    assert "户外活动场地" in operator_client.get(public_page).content.decode()
    photo = institution.photos.get()
    operator_client.post("/admin/operators/photos/", {"delete": str(photo.pk)})
    assert not institution.photos.exists()
    assert list(PublishedChange.objects.values_list("new_value", flat=True)) == ["（已删除）", "户外活动场地"]


def test_a_file_that_is_not_a_picture_is_refused_in_chinese(operator_client, institution):
    fake = SimpleUploadedFile("yard.png", b"not really a png", content_type="image/png")
    response = operator_client.post("/admin/operators/photos/", {"image": fake, "caption": "场地"})
    assert "不是能识别的图片" in response.content.decode()
    assert not institution.photos.exists()


def test_another_institutions_photo_cannot_be_deleted(operator_client, other_institution, institution):
    from operators.publishing import add_photo

    theirs = add_photo(other_institution, None, _png(), "他们的教室")
    response = operator_client.post("/admin/operators/photos/", {"delete": str(theirs.pk)}, follow=True)
    assert "没有找到这张照片" in response.content.decode()
    assert other_institution.photos.filter(pk=theirs.pk).exists()


def test_enrolment_steps_are_written_one_a_line_and_published_at_once(
    operator_client, institution, public_page
):
    operator_client.post(
        "/admin/operators/info/",
        {
            "enrolment_steps": "电话预约参观：工作日下午 3 点后\n\n入园体检:到社区卫生服务中心\n签订托育服务协议"
        },
    )
    steps = list(institution.enrolment_steps.values_list("title", "detail"))
    assert steps == [
        ("电话预约参观", "工作日下午 3 点后"),
        ("入园体检", "到社区卫生服务中心"),
        ("签订托育服务协议", ""),
    ]
    html = operator_client.get(public_page).content.decode()
    assert "到社区卫生服务中心" in html and "一般流程" not in html
    form = operator_client.get("/admin/operators/info/").content.decode()
    assert "入园体检：到社区卫生服务中心" in form
    assert PublishedChange.objects.get(field="入托流程").new_value.startswith("电话预约参观：")


@pytest.mark.parametrize(
    ("text", "message"),
    [("：只有说明", "第 1 行缺少步骤名称"), ("步" * 61, "第 1 行的步骤名称超过 60 个字")],
)
def test_malformed_enrolment_steps_get_a_chinese_error(operator_client, institution, text, message):
    response = operator_client.post("/admin/operators/info/", {"enrolment_steps": text})
    assert message in response.content.decode()
    assert not institution.enrolment_steps.exists()
