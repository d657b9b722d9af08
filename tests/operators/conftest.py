import pytest

from tests.directory.factories import InstitutionClassFactory, InstitutionFactory, InstitutionServiceFactory
from tests.factories import UserFactory
from tests.operators.factories import OperatorAccountFactory


@pytest.fixture
def institution(db):
    institution = InstitutionFactory(name="阳光宝贝托育中心", capacity=60, vacancies=8)
    InstitutionServiceFactory(institution=institution, service_type="full_day", monthly_fee=2800)
    InstitutionClassFactory(institution=institution, class_type="toddler_small", capacity=15, vacancies=2)
    return institution


@pytest.fixture
def other_institution(db):
    return InstitutionFactory(name="小海豚托育园")


@pytest.fixture
def operator(roles, institution):
    return OperatorAccountFactory(institution=institution).user


@pytest.fixture
def other_operator(roles, other_institution):
    return OperatorAccountFactory(institution=other_institution).user


@pytest.fixture
def manager(roles):
    return UserFactory(groups=["托育机构管理员"])


@pytest.fixture
def operator_client(client, operator):
    client.force_login(operator)
    return client
