"""`load_demo operators` gives the demo a bound operator, staff figures and a masked 终身禁入 list, twice
without duplicates."""

from operators.models import BarredPerson, OperatorAccount, StaffMember


def test_the_demo_has_an_operator_staff_and_a_masked_barred_list(load_demo, roles, client):
    load_demo("website", "directory", "operators")
    load_demo("operators")
    account = OperatorAccount.objects.get(user__username="demo-operator")
    assert not account.user.has_usable_password()
    assert StaffMember.objects.filter(institution=account.institution).count() == 6
    assert BarredPerson.objects.count() == 2
    html = client.get("/directory/barred/").content.decode()
    assert "张**" in html and "欧阳**" in html and "张建军" not in html and "【演示数据】" in html
    client.force_login(account.user)
    assert account.institution.name in client.get("/admin/operators/").content.decode()
