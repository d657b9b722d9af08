"""Every form of the operators' app, each with Chinese messages for every way it can be filled in wrong."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from directory.choices import ClassType, ServiceType
from directory.models import MAX_AGE_MONTHS, InstitutionClass
from operators.identity import validate_id_number
from operators.models import Certificate, StaffMember, StaffRole, VisitRequest
from website.text import clean_input

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
# How far ahead a parent may ask to visit.
VISIT_DAYS_AHEAD = 60
MAX_PHOTO_MEGABYTES = 5


def _count(label, maximum):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=maximum,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}请填写整数。",
            "min_value": f"{label}不能小于 0。",
            "max_value": f"{label}不能多于 {maximum} 个。",
        },
    )


def _text(label, max_length, **kwargs):
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": f"请填写{label}。", "max_length": f"{label}最多 {max_length} 个字。"},
        **kwargs,
    )


class CleanTextMixin:
    """Control characters out of everything typed, before any field reads it: PostgreSQL refuses NUL, and
    Django's own message for it is unclear. A value of nothing but control characters is then empty, and
    gets the field's "请填写…" message."""

    def __init__(self, data=None, *args, **kwargs):
        if hasattr(data, "setlist"):
            data = data.copy()
            for key in data:
                data.setlist(key, [_clean_typed(value) for value in data.getlist(key)])
        elif data is not None:
            data = {key: _clean_typed(value) for key, value in data.items()}
        super().__init__(data, *args, **kwargs)


def _clean_typed(value):
    if not isinstance(value, str):
        return value
    if "\n" not in value:
        return clean_input(value)
    return "\n".join(clean_input(line) for line in value.splitlines()).strip()


# --- published at once ------------------------------------------------------------------------------


class VacancyForm(forms.Form):
    """The institution's vacancies and each class's, all dated today when saved."""

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.classes = list(institution.classes.all())
        self.fields["vacancies"] = _count("空余托位", institution.capacity)
        self.fields["vacancies"].initial = institution.vacancies
        self.fields["vacancies"].help_text = f"全园共 {institution.capacity} 个托位。"
        for each in self.classes:
            field = _count(f"{each.get_class_type_display()}空余名额", each.capacity)
            field.initial = each.vacancies
            field.help_text = f"本班人数上限 {each.capacity} 人。"
            self.fields[f"class_{each.pk}"] = field

    def class_fields(self):
        return [self[f"class_{each.pk}"] for each in self.classes]

    def class_vacancies(self):
        return {each.pk: self.cleaned_data[f"class_{each.pk}"] for each in self.classes}


class InstantInfoForm(CleanTextMixin, forms.Form):
    opening_hours = _text("开放时间", 100, required=False, help_text="例如：周一至周五 7:30–18:00")
    visiting_times = _text(
        "参观时间", 200, required=False, help_text="例如：工作日 15:00–17:00，请提前预约。"
    )
    enrolment_materials = _text(
        "入托所需材料",
        2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="每行一项，例如：出生医学证明、预防接种证、入托健康检查表。",
    )

    enrolment_steps = forms.CharField(
        label="入托流程",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="每行一步，可用冒号写说明，例如：电话预约参观：工作日下午可来园参观。留空则显示一般流程。",
        error_messages={"max_length": "入托流程最多 3000 个字。"},
    )

    LABELS = {
        "opening_hours": "开放时间",
        "visiting_times": "参观时间",
        "enrolment_materials": "入托所需材料",
    }
    STEP_TITLE_MAX = 60

    def clean_enrolment_steps(self):
        """[(title, detail)] from one step a line, "步骤：说明" or just "步骤"."""
        steps = []
        for number, line in enumerate(self.cleaned_data["enrolment_steps"].splitlines(), start=1):
            title, _, detail = line.replace(":", "：").partition("：")
            title, detail = title.strip(), detail.strip()
            if not title and not detail:
                continue
            if not title:
                raise ValidationError(f"第 {number} 行缺少步骤名称（冒号前面的部分）。")
            if len(title) > self.STEP_TITLE_MAX:
                raise ValidationError(
                    f"第 {number} 行的步骤名称超过 {self.STEP_TITLE_MAX} 个字，请把说明写在冒号后面。"
                )
            steps.append((title, detail))
        return steps


class PhotoForm(CleanTextMixin, forms.Form):
    image = forms.ImageField(
        label="照片",
        help_text=f"JPG、PNG 或 WebP 格式，不超过 {MAX_PHOTO_MEGABYTES} MB；请勿拍到婴幼儿的正脸。",
        error_messages={
            "required": "请选择要上传的照片。",
            "invalid_image": "这个文件不是能识别的图片，请上传 JPG、PNG 或 WebP 格式的照片。",
            "empty": "文件是空的。",
            "invalid": "请选择要上传的照片。",
        },
    )
    caption = _text("图片说明", 100, help_text="简要描述图片内容，例如：户外活动场地。供读屏软件朗读。")

    def clean_image(self):
        image = self.cleaned_data["image"]
        if image.size > MAX_PHOTO_MEGABYTES * 1024 * 1024:
            raise ValidationError(f"照片超过 {MAX_PHOTO_MEGABYTES} MB，请压缩后再上传。")
        if image.name.lower().rsplit(".", 1)[-1] not in ("jpg", "jpeg", "png", "webp"):
            raise ValidationError("请上传 JPG、PNG 或 WebP 格式的照片。")
        return image


# --- sent for approval ------------------------------------------------------------------------------


class ChangeRequestForm(CleanTextMixin, forms.Form):
    """Name and services with fees; the classes come in ClassFormSet beside it."""

    name = _text("机构名称", 100)
    note = _text(
        "变更说明",
        500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="写明变更原因，例如：已办理名称变更登记、收费标准已报备。",
    )

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        services = {service.service_type: service for service in institution.services.all()}
        self.fields["name"].initial = institution.name
        for service_type in ServiceType:
            current = services.get(service_type.value)
            self.fields[f"offer_{service_type.value}"] = forms.BooleanField(
                label=f"提供{service_type.label}", required=False, initial=current is not None
            )
            self.fields[f"fee_{service_type.value}"] = forms.DecimalField(
                label=f"{service_type.label}月收费（元）",
                required=False,
                min_value=0,
                max_value=99999,
                decimal_places=2,
                initial=current.monthly_fee if current else None,
                help_text="按次收费的服务可以不填。",
                error_messages={
                    "invalid": "月收费请填写数字，例如 2800。",
                    "min_value": "月收费不能是负数。",
                    "max_value": "月收费不能超过 99999 元。",
                    "max_decimal_places": "月收费最多保留两位小数。",
                    "max_digits": "月收费不能超过 99999 元。",
                },
            )

    def service_rows(self):
        return [(self[f"offer_{t.value}"], self[f"fee_{t.value}"]) for t in ServiceType]

    def clean(self):
        data = super().clean()
        if not any(data.get(f"offer_{t.value}") for t in ServiceType):
            raise ValidationError("请至少选择一种服务类型。")
        return data

    def proposed_services(self):
        return {
            t.value: (
                None
                if self.cleaned_data.get(f"fee_{t.value}") is None
                else f"{self.cleaned_data[f'fee_{t.value}']:.2f}"
            )
            for t in ServiceType
            if self.cleaned_data.get(f"offer_{t.value}")
        }


class ClassForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    class_type = forms.ChoiceField(
        label="班型",
        choices=[("", "请选择"), *ClassType.choices],
        error_messages={"required": "请选择班型。", "invalid_choice": "请从列表中选择班型。"},
    )
    capacity = forms.IntegerField(
        label="人数上限",
        min_value=1,
        max_value=99,
        error_messages={
            "required": "请填写班级人数上限。",
            "invalid": "人数上限请填写整数。",
            "min_value": "人数上限至少为 1 人。",
            "max_value": "人数上限不能超过 99 人。",
        },
    )
    caregivers = forms.IntegerField(
        label="保育人员数",
        required=False,
        min_value=0,
        max_value=99,
        error_messages={
            "invalid": "保育人员数请填写整数。",
            "min_value": "保育人员数不能是负数。",
            "max_value": "保育人员数不能超过 99 名。",
        },
    )

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("class_type"):
            return data
        candidate = InstitutionClass(
            class_type=data["class_type"], capacity=data["capacity"], caregivers=data.get("caregivers")
        )
        for field, message in candidate.limit_errors().items():
            self.add_error(field if field in self.fields else None, message)
        return data


class BaseClassFormSet(forms.BaseFormSet):
    def proposed_classes(self):
        """The classes as they should be; blank extra rows and rows marked for removal left out."""
        classes = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            classes.append(
                {
                    "id": data.get("id"),
                    "class_type": data["class_type"],
                    "capacity": data["capacity"],
                    "caregivers": data.get("caregivers"),
                }
            )
        return classes


ClassFormSet = forms.formset_factory(
    ClassForm, formset=BaseClassFormSet, extra=1, can_delete=True, max_num=20, validate_max=True
)


class RejectForm(CleanTextMixin, forms.Form):
    reason = _text(
        "未通过原因",
        1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="机构运营者会看到这段话，请写明需要补充或改正的内容。",
    )


# --- staff ----------------------------------------------------------------------------------------


class StaffForm(CleanTextMixin, forms.ModelForm):
    id_number = forms.CharField(
        label="身份证号码",
        max_length=30,
        required=False,
        help_text="只保存加密摘要，用于核对从业禁止人员名单；保存后任何人都看不到号码。",
        error_messages={"max_length": "身份证号码应为 18 位。"},
    )

    class Meta:
        model = StaffMember
        fields = ["name", "role", "certificate", "certificate_number", "active"]
        error_messages = {
            "name": {"required": "请填写姓名。", "max_length": "姓名最多 40 个字。"},
            "role": {"required": "请选择岗位。", "invalid_choice": "请从列表中选择岗位。"},
            "certificate": {"invalid_choice": "请从列表中选择证书。"},
            "certificate_number": {"max_length": "证书编号最多 40 个字符。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = StaffRole.choices
        self.fields["certificate"].choices = Certificate.choices
        if self.instance.pk is None:
            self.fields["id_number"].required = True
            self.fields["id_number"].error_messages["required"] = "请填写身份证号码。"
        else:
            self.fields["id_number"].help_text = "留空表示不修改。" + self.fields["id_number"].help_text

    def clean_id_number(self):
        value = self.cleaned_data.get("id_number", "")
        return validate_id_number(value) if value else ""

    def clean(self):
        data = super().clean()
        certificate = data.get("certificate")
        if certificate and certificate != Certificate.NONE and not data.get("certificate_number"):
            self.add_error("certificate_number", "持有证书的，请填写证书编号。")
        return data


# --- the public visit form ----------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"


def _visit_date(label, required):
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"],
        error_messages={"required": f"请选择{label}。", "invalid": f"{label}请按“2026-12-01”的格式填写。"},
    )


class VisitRequestForm(CleanTextMixin, forms.ModelForm):
    name = _text("您的称呼", 40, help_text="例如：王女士。")
    phone = _text("联系电话", 20, help_text="机构会打这个电话和您确认参观时间。")
    preferred_date = _visit_date("希望参观的日期", True)
    alternative_date = _visit_date("备选日期（选填）", False)
    child_age_months = forms.IntegerField(
        label="孩子的月龄",
        min_value=0,
        max_value=MAX_AGE_MONTHS,
        help_text="例如 1 岁半填 18。还没出生的填 0。",
        error_messages={
            "required": "请填写孩子的月龄。",
            "invalid": "月龄请填写整数，例如 18。",
            "min_value": "月龄不能是负数。",
            "max_value": f"托育机构收托 {MAX_AGE_MONTHS} 个月以下的婴幼儿，月龄请填 0–{MAX_AGE_MONTHS}。",
        },
    )
    message = _text("留言（选填）", 500, required=False, widget=forms.Textarea(attrs={"rows": 4}))
    consent = forms.BooleanField(
        label="我同意把以上信息提供给这家机构，仅用于安排参观",
        error_messages={"required": "请勾选同意，机构才能联系您安排参观。"},
    )

    class Meta:
        model = VisitRequest
        fields = ["name", "phone", "preferred_date", "alternative_date", "child_age_months", "message"]

    def clean_phone(self):
        value = re.sub(r"[\s()（）]", "", self.cleaned_data.get("phone", ""))
        if value.startswith("+86"):
            value = value[3:]
        if not (MOBILE_RE.match(value) or LANDLINE_RE.match(value)):
            raise ValidationError("请填写 11 位手机号码（例如 13812345678）或带区号的固定电话。")
        return value

    def _check_date(self, field):
        value = self.cleaned_data.get(field)
        if value is None:
            return value
        today = timezone.localdate()
        if value <= today:
            raise ValidationError("参观日期请选明天或以后的日子。")
        if value > today + datetime.timedelta(days=VISIT_DAYS_AHEAD):
            raise ValidationError(f"只能预约 {VISIT_DAYS_AHEAD} 天以内的参观。")
        return value

    def clean_preferred_date(self):
        return self._check_date("preferred_date")

    def clean_alternative_date(self):
        return self._check_date("alternative_date")
