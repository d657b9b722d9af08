"""The public 申请入户指导 form and the tracking form."""

import datetime
import re

from django import forms
from django.utils import timezone

from childhealth.models import VisitReason
from directory.models import Street
from website.text import clean_input

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")
MAX_CHILD_AGE_YEARS = 3


class StreetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, street):
        return f"{street.district.name} {street.name}"


class HomeVisitForm(forms.Form):
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False)
    street = StreetChoiceField(
        label="您家所在的街道（乡镇）",
        queryset=Street.objects.select_related("district").order_by("district__code", "code"),
        empty_label="请选择",
        error_messages={
            "required": "请选择您家所在的街道（乡镇）。",
            "invalid_choice": "请从列表中选择街道（乡镇）。",
        },
    )
    reason = forms.ChoiceField(
        label="需要哪方面的指导",
        choices=VisitReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择需要哪方面的指导。", "invalid_choice": "请选择列表中的一项。"},
    )
    child_birth_month = forms.CharField(
        label="孩子出生年月",
        max_length=7,
        help_text="例如 2025-03",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "请填写孩子的出生年月，例如 2025-03。"},
    )
    contact_name = forms.CharField(
        label="联系人称呼",
        max_length=40,
        help_text="例如：王女士",
        error_messages={"required": "请填写联系人称呼。", "max_length": "联系人称呼最多 40 个字。"},
    )
    phone = forms.CharField(
        label="手机号码",
        max_length=20,
        help_text="社区医生会打这个电话和您约定时间。",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"required": "请填写手机号码。", "max_length": "手机号码应为 11 位数字。"},
    )
    address = forms.CharField(
        label="详细地址",
        max_length=200,
        help_text="小区、楼栋和门牌号，只有负责的社区医生能看到。",
        error_messages={"required": "请填写详细地址。", "max_length": "详细地址最多 200 个字。"},
    )
    note = forms.CharField(
        label="补充说明（选填）",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "补充说明最多 500 个字。"},
    )

    def clean_child_birth_month(self):
        match = MONTH_RE.match(clean_input(self.cleaned_data["child_birth_month"]))
        if not match:
            raise forms.ValidationError("出生年月请按“年-月”填写，例如 2025-03。")
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise forms.ValidationError("月份应在 1 到 12 之间，例如 2025-03。")
        born = datetime.date(year, month, 1)
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError("出生年月不能晚于本月。")
        if (today.year - year) * 12 + today.month - month > MAX_CHILD_AGE_YEARS * 12:
            raise forms.ValidationError(
                "入户指导面向 3 岁以下婴幼儿家庭，孩子已满 3 岁的请咨询社区卫生服务中心。"
            )
        return born

    def clean_contact_name(self):
        name = clean_input(self.cleaned_data["contact_name"])
        if not name:
            raise forms.ValidationError("请填写联系人称呼。")
        return name

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", clean_input(self.cleaned_data["phone"]))
        if not MOBILE_RE.match(phone):
            raise forms.ValidationError("请填写 11 位手机号码，例如 13800000000。")
        return phone

    def clean_address(self):
        address = clean_input(self.cleaned_data["address"])
        if len(address) < 4:
            raise forms.ValidationError("详细地址太短了，请写明小区、楼栋和门牌号。")
        return address

    def clean_note(self):
        return clean_input(self.cleaned_data["note"])


class TrackForm(forms.Form):
    tracking_number = forms.CharField(
        label="受理编号",
        max_length=24,
        error_messages={"required": "请填写受理编号。", "max_length": "受理编号最多 24 位。"},
    )
    query_code = forms.CharField(
        label="查询码",
        max_length=20,
        error_messages={"required": "请填写查询码。", "max_length": "查询码最多 20 位。"},
    )

    def clean_tracking_number(self):
        return clean_input(self.cleaned_data["tracking_number"]).upper().replace(" ", "")

    def clean_query_code(self):
        return clean_input(self.cleaned_data["query_code"]).upper().replace(" ", "")
