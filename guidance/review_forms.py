"""The forms of the expert review step: what a reviewer fills in when approving or asking for changes."""

from django import forms
from django.utils import timezone
from wagtail.admin.widgets import AdminDateInput


class CommentForm(forms.Form):
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequestChangesForm(forms.Form):
    comment = forms.CharField(
        label="修改意见", widget=forms.Textarea(attrs={"rows": 4}), help_text="请写明需要编辑修改的地方。"
    )


# What the reviewer signs (ApprovalForm's fields written onto the article).
SIGNATURE_FIELDS = ("reviewer_name", "reviewer_title", "reviewed_on")


class ApprovalForm(forms.Form):
    """The reviewer signs the article: the name, title and date shown to readers come from here."""

    reviewer_name = forms.CharField(
        label="审核专家",
        max_length=50,
        help_text="您的姓名，审核通过后显示在文章页上。",
        error_messages={"required": "请填写审核专家的姓名。"},
    )
    reviewer_title = forms.CharField(
        label="专家职称与单位", max_length=100, required=False, help_text="例如“主任医师，示范市妇幼保健院”。"
    )
    reviewed_on = forms.DateField(
        label="审核日期",
        initial=timezone.localdate,
        widget=AdminDateInput,
        error_messages={
            "required": "请填写审核日期。",
            "invalid": "审核日期格式不对，请按“2025-03-01”填写。",
        },
        help_text="下次复审日期按审核日期后一年自动计算。",
    )
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_reviewed_on(self):
        reviewed_on = self.cleaned_data["reviewed_on"]
        if reviewed_on > timezone.localdate():
            raise forms.ValidationError("审核日期不能晚于今天。")
        return reviewed_on
