"""The public 信息纠错 form: what is wrong with a listed room, or a room the list is missing."""

import re

from django import forms

from nursingrooms.models import CorrectionKind, NursingRoom, RoomCorrection
from website.text import clean_input

PHONE_RE = re.compile(r"^[\d\-\s()（）+]{7,20}$")


class CorrectionForm(forms.ModelForm):
    room = forms.ModelChoiceField(
        queryset=NursingRoom.objects.public(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "所选的母婴室不存在或已不公开，请从查询页重新进入。"},
    )
    kind = forms.ChoiceField(
        label="问题类型",
        choices=CorrectionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择问题类型。", "invalid_choice": "请选择列表中的问题类型。"},
    )
    place = forms.CharField(
        label="场所和位置",
        required=False,
        max_length=200,
        help_text="名录里没有的母婴室，请写明场所名称、楼层和位置。",
        error_messages={"max_length": "场所和位置最多 200 个字。"},
    )
    description = forms.CharField(
        label="情况说明",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "请说明情况，例如哪项信息有误、哪样设施坏了。",
            "max_length": "情况说明最多 1000 个字。",
        },
    )
    contact = forms.CharField(
        label="联系电话（选填）",
        required=False,
        max_length=20,
        help_text="只用于核实情况，不会公开。",
        error_messages={"max_length": "联系电话最多 20 位。"},
    )

    class Meta:
        model = RoomCorrection
        fields = ["room", "kind", "place", "description", "contact"]

    def clean_place(self):
        return clean_input(self.cleaned_data["place"])

    def clean_description(self):
        description = clean_input(self.cleaned_data["description"])
        if len(description) < 5:
            raise forms.ValidationError("情况说明太短了，请至少写 5 个字。")
        return description

    def clean_contact(self):
        contact = clean_input(self.cleaned_data["contact"])
        if contact and not PHONE_RE.match(contact):
            raise forms.ValidationError("联系电话只能包含数字、空格、括号和连字符，例如 0392-1234567。")
        return contact

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == CorrectionKind.MISSING and not cleaned.get("place"):
            self.add_error("place", "请填写这个母婴室所在的场所和位置。")
        elif cleaned.get("kind") and cleaned.get("kind") != CorrectionKind.MISSING:
            if not cleaned.get("room") and not cleaned.get("place"):
                self.add_error("place", "请填写是哪个母婴室（场所名称和位置）。")
        return cleaned
