"""The admin form for institutions: rules that span the institution and its inline classes."""

from wagtail.admin.forms import WagtailAdminModelForm

from directory.choices import Kind


class InstitutionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        classes = self.formsets.get("classes") if hasattr(self, "formsets") else None
        capacity = cleaned_data.get("capacity")
        if classes is None or capacity is None or not classes.is_valid():
            return cleaned_data
        kept = [
            form.cleaned_data
            for form in classes.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        total = sum(data.get("capacity") or 0 for data in kept)
        if total > capacity:
            self.add_error(
                "capacity", f"各班级人数上限合计 {total} 人，多于托位数 {capacity}：请核对托位数或班级人数。"
            )
        if kept and cleaned_data.get("kind") == Kind.HOME:
            self.add_error("kind", "家庭托育点不分班：请删除班级设置，或把机构类型改为“托育机构”。")
        return cleaned_data
