"""The one permission boundary: an operator reaches only the institution of their own account.

No operator URL names an institution; every operator view asks `institution_of(user)` and every
record it shows is filtered by that institution, so another institution's data is a 404 by
construction, not by a check that could be forgotten.
"""

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from operators.models import OperatorAccount
from operators.roles import OPERATORS


def account_of(user):
    """The user's active operator account, or None."""
    if not user.is_authenticated:
        return None
    return OperatorAccount.objects.active().select_related("institution").filter(user=user).first()


def institution_of(user):
    """The institution the user acts for; PermissionDenied (403) for anyone without an active account."""
    account = account_of(user)
    if account is None:
        raise PermissionDenied("您的账号没有绑定托育机构，请联系托育机构管理员。")
    return account.institution


def is_operator(user):
    return account_of(user) is not None


def can_review(user):
    return user.has_perm("operators.review_changerequest")


def can_keep_barred_list(user):
    return user.has_perm("operators.view_barredperson")


def enrol(account):
    """An operator account's user is in the operators' group, which lets them open the admin."""
    account.user.groups.add(Group.objects.get_or_create(name=OPERATORS)[0])
