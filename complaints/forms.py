"""The public forms (submit, track, rate, reopen) and the staff's action form."""

import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone

from complaints import privacy, submission
from complaints.attachments import clean_attachment, human_size
from complaints.models import Category, Complaint, Department, Satisfaction

MAX_ATTACHMENTS = 5
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={
                    "accept": "image/jpeg,image/png,image/webp,application/pdf",
                    "data-max-files": str(MAX_ATTACHMENTS),
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"最多上传 {MAX_ATTACHMENTS} 个附件，您选择了 {len(files)} 个。")
        errors, cleaned = [], []
        for upload in files:
            try:
                attachment = clean_attachment(upload)
                # Shown as "已上传：<name>" if the form has to be corrected (complaints/pending_uploads.py).
                attachment.original_name = upload.name or ""
                cleaned.append(attachment)
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return cleaned


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(
        label="投诉类别",
        choices=Category.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择投诉类别。", "invalid_choice": "请选择列表中的投诉类别。"},
    )
    institution = forms.IntegerField(required=False, widget=forms.HiddenInput)
    institution_query = forms.CharField(label="搜索已备案的机构", required=False, max_length=60)
    institution_name = forms.CharField(
        label="机构名称",
        required=False,
        max_length=120,
        help_text="在目录里找不到（例如未备案的托育点）时，请填写您知道的名称或招牌。",
    )
    institution_address = forms.CharField(
        label="机构地址或位置",
        required=False,
        max_length=200,
        help_text="例如：某某小区 3 栋 1 楼、某某路口东侧。",
    )
    occurred_on = forms.DateField(
        label="发生日期",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "请按“年-月-日”填写日期，例如 2026-05-01。"},
    )
    description = forms.CharField(
        label="发生了什么",
        min_length=10,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text="请写明时间、地点、经过和涉及的人（10～5000 字）。请不要在这里填写身份证号或电话号码。",
        error_messages={
            "required": "请描述发生了什么。",
            "min_length": "描述太短了，请至少写 %(limit_value)d 个字，写清时间、地点和经过。",
            "max_length": "描述不能超过 %(limit_value)d 字（当前 %(show_value)d 字）。",
        },
    )
    confirm_numbers = forms.BooleanField(
        label="我确认需要保留这些号码（号码只有处理人员可见，其他地方一律遮蔽）", required=False
    )
    attachments = MultipleFileField(
        label="图片或 PDF 附件（选填）",
        required=False,
        help_text=f"最多 {MAX_ATTACHMENTS} 个，每个不超过 10 MB；图片中的拍摄地点等信息会被自动清除。",
    )
    anonymous = forms.BooleanField(label="匿名投诉（不留姓名和电话）", required=False)
    contact_name = forms.CharField(label="联系人姓名", required=False, max_length=40)
    contact_phone = forms.CharField(
        label="手机号码",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"}),
    )
    contact_email = forms.EmailField(
        label="电子邮箱（选填，用于接收办理进度通知）",
        required=False,
        error_messages={"invalid": "请填写有效的电子邮箱地址，例如 name@example.com。"},
    )
    # A honeypot: hidden from people by CSS, filled in by form-spamming robots.
    website = forms.CharField(label="请勿填写此项", required=False)
    # The one-time token that makes a resent form find its first case (complaints/submission.py).
    submission_token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, institution_queryset=None, kept_uploads=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution_queryset = institution_queryset
        self.set_kept_uploads(kept_uploads)
        self.personal_numbers = []
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        limit = settings.COMPLAINTS_MAX_ATTACHMENT_BYTES
        self.fields["attachments"].help_text = (
            f"最多 {MAX_ATTACHMENTS} 个，每个不超过 {human_size(limit)}；只接受 JPG、PNG、WEBP 图片和 PDF；"
            "图片中的拍摄地点等信息会被自动清除。"
        )

    def set_kept_uploads(self, count):
        """Files kept from an earlier, failed submission count against the same limit."""
        self.kept_uploads = count
        self.fields["attachments"].widget.attrs["data-max-files"] = str(max(MAX_ATTACHMENTS - count, 0))

    @property
    def is_spam(self):
        return bool(self.data.get("website"))

    def clean_institution(self):
        value = self.cleaned_data.get("institution")
        if value is None:
            return None
        institution = (
            self.institution_queryset.filter(pk=value).first() if self.institution_queryset else None
        )
        if institution is None:
            raise forms.ValidationError("所选机构不存在或已不在目录中，请重新搜索或直接填写机构名称。")
        return institution

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if files and len(files) + self.kept_uploads > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                f"最多上传 {MAX_ATTACHMENTS} 个附件：已上传 {self.kept_uploads} 个，又选择了 {len(files)} 个。"
                "请先移除不需要的附件。"
            )
        return files

    def clean_occurred_on(self):
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("发生日期不能晚于今天。")
        return value

    def clean_contact_phone(self):
        value = re.sub(r"[\s-]", "", self.cleaned_data.get("contact_phone", ""))
        if value.startswith("+86"):
            value = value[3:]
        if value and not MOBILE_RE.match(value):
            raise forms.ValidationError("请填写 11 位手机号码，例如 13812345678。")
        return value

    def clean(self):
        data = super().clean()
        if self.is_spam:
            raise forms.ValidationError("提交未通过校验，请刷新页面后重试。")
        if submission.token_secret(data.get("submission_token")) is None:
            self.add_error(None, "页面已过期，请核对下面的内容后再次提交。")
        if not data.get("institution") and not data.get("institution_name", "").strip():
            self.add_error("institution_name", "请从目录中选择机构，或填写机构名称。")
        if data.get("anonymous"):
            # Name and phone are hidden and never stored for an anonymous complaint: nothing to correct.
            for name in ("contact_name", "contact_phone"):
                self._errors.pop(name, None)
        else:
            if not data.get("contact_name", "").strip():
                self.add_error("contact_name", "请填写联系人姓名，或勾选“匿名投诉”。")
            if not data.get("contact_phone") and "contact_phone" not in self.errors:
                self.add_error("contact_phone", "请填写手机号码，或勾选“匿名投诉”。")
        self.personal_numbers = privacy.find_personal_numbers(data.get("description", ""))
        self.personal_numbers += privacy.find_personal_numbers(data.get("institution_address", ""))
        if self.personal_numbers and not data.get("confirm_numbers"):
            masked = "、".join(privacy.mask_numbers(n) for n in self.personal_numbers[:3])
            self.add_error(
                "description",
                f"描述中含有电话或身份证号码（{masked}）。为保护隐私，建议删除；"
                "如确需保留，请勾选下方的确认框后再提交。",
            )
        return data

    def build_complaint(self, **fields):
        """The unsaved complaint this valid form describes; `fields` adds what the form does not know."""
        data = self.cleaned_data
        institution = data["institution"]
        return Complaint(
            category=data["category"],
            institution=institution,
            institution_name=institution.name if institution else data["institution_name"].strip(),
            institution_address=data["institution_address"].strip(),
            occurred_on=data["occurred_on"],
            description=data["description"].strip(),
            text_has_personal_numbers=bool(self.personal_numbers),
            anonymous=data["anonymous"],
            contact_name="" if data["anonymous"] else data["contact_name"].strip(),
            contact_phone="" if data["anonymous"] else data["contact_phone"],
            contact_email=data["contact_email"],
            **fields,
        )


def _code_field(label, max_length, required_message):
    """A typed-in code: no autocomplete, upper case on phones, no spell check."""
    attrs = {"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={"required": required_message},
        widget=forms.TextInput(attrs=attrs),
    )


class TrackForm(forms.Form):
    tracking_number = _code_field("受理编号", 24, "请填写受理编号。")
    query_code = _code_field("查询码", 20, "请填写查询码。")

    def clean_tracking_number(self):
        return self.cleaned_data["tracking_number"].strip().upper()

    def clean_query_code(self):
        return self.cleaned_data["query_code"].strip().upper()


class Resolution(models.TextChoices):
    YES = "yes", "已解决"
    NO = "no", "未解决"


class RatingForm(TrackForm):
    satisfaction = forms.TypedChoiceField(
        label="您对答复的满意程度",
        coerce=int,
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择满意程度。"},
    )
    resolved = forms.TypedChoiceField(
        label="问题是否已经解决",
        coerce=lambda v: v == Resolution.YES,
        choices=Resolution.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择问题是否已经解决。"},
    )


class ReopenForm(TrackForm):
    reason = forms.CharField(
        label="不满意的原因",
        min_length=5,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "请写明不满意的原因。", "min_length": "请至少写 %(limit_value)d 个字。"},
    )


# What the submit button says for each action, where the action's own label is too long for a button.
ACTION_BUTTONS = {"return": "退单", "transfer": "转办", "note": "添加备注"}


class ActionForm(forms.Form):
    """The staff's single form: which transition, and only what that transition needs (its text, and for
    a transfer the department). The template shows each action's fields when it is chosen and names the
    button after it (complaints/static/complaints/admin-action.js)."""

    action = forms.ChoiceField(
        label="操作", widget=forms.RadioSelect, error_messages={"required": "请选择要执行的操作。"}
    )
    message = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    department = forms.ModelChoiceField(
        label="转办至",
        queryset=Department.objects.none(),
        required=False,
        empty_label="请选择要转办的部门",
        error_messages={"invalid_choice": "请从列表中选择部门。"},
    )

    def __init__(self, *args, transitions=(), departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.transitions = {t.name: t for t in transitions}
        self.fields["action"].choices = [(t.name, t.label) for t in transitions]
        if len(self.transitions) == 1:
            self.fields["action"].initial = next(iter(self.transitions))
        if "transfer" in self.transitions and departments is not None and departments.exists():
            self.fields["department"].queryset = departments
        else:
            # No transfer possible: no 转办至 at all.
            del self.fields["department"]

    def options(self):
        """Each action with its button text and what it needs, for the template's data attributes."""
        return [
            {
                "name": t.name,
                "label": t.label,
                "button": ACTION_BUTTONS.get(t.name, t.label),
                "needs_message": t.needs_message,
                "message_label": t.message_label,
                "needs_department": t.needs_department and "department" in self.fields,
            }
            for t in self.transitions.values()
        ]

    def chosen(self):
        """The option of the action chosen (after an error, or the only one), or None."""
        value = self["action"].value()
        return next((option for option in self.options() if option["name"] == value), None)

    def clean(self):
        data = super().clean()
        transition = self.transitions.get(data.get("action"))
        if transition is None:
            return data
        if transition.needs_message and not data.get("message", "").strip():
            self.add_error("message", f"请填写{transition.message_label.split('（')[0]}。")
        if transition.needs_department and "department" in self.fields and not data.get("department"):
            self.add_error("department", "请选择要转办的部门。")
        return data
