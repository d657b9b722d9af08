"""Registering an institution's staff: the 终身禁入 check happens here, for every add and every new ID
number, and a refused attempt is logged for 卫健."""

from django.core.exceptions import ValidationError

from operators.identity import id_hash
from operators.models import BarredMatch, BarredPerson, StaffMember

BARRED_MESSAGE = (
    "不能登记：此人在从业禁止人员名单（终身禁入）上，依规不得从事托育服务工作。"
    "本次登记已记录并告知卫生健康部门；如有疑问，请联系所在地卫生健康部门。"
)
DUPLICATE_MESSAGE = "本机构已经登记过这个身份证号码的工作人员，请在列表中修改原记录。"


def save_staff_member(form, institution, user):
    """Saves the StaffForm's member for `institution`; ValidationError({"id_number": …}) when refused.

    Not atomic on purpose: the BarredMatch written before the refusal must stay when the error is raised.
    """
    member = form.save(commit=False)
    number = form.cleaned_data.get("id_number")
    if number:
        digest = id_hash(number)
        barred = BarredPerson.objects.filter(id_number_hash=digest).first()
        if barred is not None:
            BarredMatch.objects.create(
                barred_person=barred, institution=institution, user=user, entered_name=member.name
            )
            raise ValidationError({"id_number": BARRED_MESSAGE})
        duplicate = StaffMember.objects.filter(institution=institution, id_number_hash=digest)
        if duplicate.exclude(pk=member.pk).exists():
            raise ValidationError({"id_number": DUPLICATE_MESSAGE})
        member.id_number_hash = digest
    member.institution = institution
    member.save()
    return member
