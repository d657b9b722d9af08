"""Rules the directory's data enforces: credit codes, national class limits, home-based care, visibility."""

import pytest
from django.core.exceptions import ValidationError

from directory import coordinates
from directory.credit_code import check_character, is_valid, problem
from directory.models import Institution, InstitutionClass, compute_rating
from directory.search.query import great_circle_km

from .factories import InstitutionClassFactory, InstitutionFactory, StreetFactory


@pytest.mark.parametrize(
    "code",
    ["91350100M000100Y43", "91110000600037341L", "52410611MJ00000017"],
)
def test_credit_code_accepts_codes_with_the_right_check_character(code):
    assert is_valid(code)
    assert is_valid(code.lower())


def test_credit_code_names_the_expected_check_character_when_it_is_wrong():
    assert problem("91350100M000100Y44") == "统一社会信用代码校验位不正确：最后一位应为 3，请核对是否抄错。"


def test_credit_code_rejects_wrong_length_and_letters_outside_the_alphabet():
    assert problem("9135010") == "统一社会信用代码应为 18 位，当前为 7 位。"
    assert "不允许的字符：I、O" in problem("9135010OM000100YI3")


def test_check_character_follows_gb_32100_weights():
    # 9·1 + 1·3 + 3·9 + 5·27 + 0 + 1·26 + 0 + 0 + 21(M)·20 + 0 + 0 + 0 + 1·8 + 0 + 0 + 30(Y)·30 + 4·28 = 1640
    # 1640 mod 31 = 28, 31 − 28 = 3
    assert check_character("91350100M000100Y4") == "3"


@pytest.mark.django_db
def test_full_clean_reports_the_credit_code_problem_in_chinese():
    institution = InstitutionFactory.build(credit_code="91350100M000100Y44")
    institution.district.save()
    institution.district_id = institution.district.pk

    with pytest.raises(ValidationError) as raised:
        institution.full_clean()

    assert raised.value.message_dict["credit_code"] == [
        "统一社会信用代码校验位不正确：最后一位应为 3，请核对是否抄错。"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("class_type", "allowed", "label"),
    [
        ("infant", 10, "乳儿班"),
        ("toddler_small", 15, "托小班"),
        ("toddler_big", 20, "托大班"),
        ("mixed", 18, "混合班"),
    ],
)
def test_classes_keep_to_the_national_size_limits(class_type, allowed, label):
    InstitutionClassFactory(class_type=class_type, capacity=allowed, vacancies=0)

    with pytest.raises(ValidationError) as raised:
        InstitutionClassFactory(class_type=class_type, capacity=allowed + 1, vacancies=0)

    assert raised.value.message_dict["capacity"] == [
        f"{label}每班不超过 {allowed} 人（托育机构设置标准），当前为 {allowed + 1} 人。"
    ]


@pytest.mark.django_db
def test_class_needs_enough_caregivers_for_the_ratio():
    infant_class = InstitutionClassFactory.build(
        institution=InstitutionFactory(), class_type="infant", capacity=9, caregivers=2
    )

    with pytest.raises(ValidationError) as raised:
        infant_class.full_clean()

    assert raised.value.message_dict["caregivers"] == [
        "乳儿班保育人员与婴幼儿之比不低于 1:3，9 名婴幼儿至少需要 3 名保育人员。"
    ]
    infant_class.caregivers = 3
    infant_class.full_clean()


@pytest.mark.django_db
def test_home_based_care_takes_at_most_five_children():
    institution = InstitutionFactory.build(kind="home", capacity=6, vacancies=0)
    institution.district.save()
    institution.district_id = institution.district.pk

    with pytest.raises(ValidationError) as raised:
        institution.full_clean()
    assert raised.value.message_dict["capacity"] == ["家庭托育点最多收托 5 名婴幼儿，当前托位数为 6。"]
    with pytest.raises(ValidationError):
        institution.save()
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_home_based_care_shows_its_street_but_not_its_house_number():
    street = StreetFactory(name="九州路街道")
    home = InstitutionFactory(
        kind="home", capacity=5, street=street, district=street.district, address="九州路 8 号 3 单元"
    )
    centre = InstitutionFactory(address="朝阳路 18 号")

    assert home.public_address == "淇滨区九州路街道（家庭托育点，具体门牌请电话咨询）"
    assert "3 单元" not in home.public_address
    assert centre.public_address == "朝阳路 18 号"


@pytest.mark.django_db
def test_public_institutions_are_the_filed_ones_in_normal_operation():
    visible = InstitutionFactory(name="正常园")
    InstitutionFactory(name="未备案园", unfiled=True)
    InstitutionFactory(name="暂停园", status="suspended")
    InstitutionFactory(name="注销园", status="cancelled")

    assert list(Institution.objects.public()) == [visible]
    assert visible.get_absolute_url() == f"/directory/{visible.slug}/"


@pytest.mark.django_db
def test_rating_is_derived_from_grade_and_stars_on_save():
    institution = InstitutionFactory(quality_grade="A", star_level=4)
    assert institution.rating == 4.5
    institution.quality_grade = ""
    institution.star_level = None
    institution.save()
    assert institution.rating == 0
    assert compute_rating("C", None) == 3.0


@pytest.mark.django_db
def test_slug_defaults_to_the_lower_case_credit_code():
    institution = InstitutionFactory(slug="", credit_code=" 91350100m000100y43 ")

    assert institution.credit_code == "91350100M000100Y43"
    assert institution.slug == "91350100m000100y43"


@pytest.mark.django_db
def test_street_must_belong_to_the_chosen_district():
    street = StreetFactory(name="九州路街道")
    other = InstitutionFactory.build(street=street)
    other.district = type(street.district).objects.create(code="410622", name="淇县")

    with pytest.raises(ValidationError) as raised:
        other.full_clean()

    assert raised.value.message_dict["street"] == ["街道“九州路街道”不属于所选区县。"]


def test_gcj02_and_bd09_points_convert_back_to_wgs84_within_centimetres():
    wgs = (35.7482, 114.2968)
    gcj = coordinates.wgs84_to_gcj02(*wgs)
    bd = coordinates.gcj02_to_bd09(*gcj)

    # The published offsets near 鹤壁 are a few hundred metres.
    assert 0.001 < abs(gcj[1] - wgs[1]) < 0.01
    assert coordinates.to_wgs84(*gcj, coordinates.GCJ02) == pytest.approx(wgs, abs=1e-7)
    assert coordinates.to_wgs84(*bd, coordinates.BD09) == pytest.approx(wgs, abs=1e-6)
    assert coordinates.to_wgs84(*wgs, coordinates.WGS84) == wgs


def test_coordinate_system_names_are_understood_the_ways_people_write_them():
    assert coordinates.normalise_system("") == "WGS84"
    assert coordinates.normalise_system("wgs-84") == "WGS84"
    assert coordinates.normalise_system("gcj02") == "GCJ02"
    assert coordinates.normalise_system("百度") == "BD09"
    assert coordinates.normalise_system("墨卡托") is None


@pytest.mark.django_db
def test_class_age_ranges_follow_the_standard():
    assert InstitutionClass(class_type="infant").age_range_label == "6–12 个月"
    assert InstitutionClass(class_type="mixed").age_range_label == "18 个月以上"


@pytest.mark.parametrize(
    "written",
    ["2026-03-01", "2026/3/1", "2026年3月1日", "2026-3-1 00:00:00", "20260301", "46082", 46082],
)
def test_import_understands_the_ways_excel_writes_a_date(written):
    import datetime

    from directory.importing.cells import parse_date

    assert parse_date(written) == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("written", "message"),
    [("2026-02-30", "日期“2026-02-30”不存在"), ("下周一", "日期“下周一”无法识别")],
)
def test_import_explains_dates_it_cannot_use(written, message):
    from directory.importing.cells import parse_date

    with pytest.raises(ValueError, match=message):
        parse_date(written)


@pytest.mark.django_db
def test_home_point_is_shown_at_its_grid_cell_centre_hundreds_of_metres_from_the_house():
    house = InstitutionFactory(kind="home", capacity=5, vacancies=1, latitude=31.2301, longitude=121.4701)
    lat, lng = house.public_location
    assert (lat, lng) == (31.235, 121.475)
    assert great_circle_km(31.2301, 121.4701, lat, lng) > 0.4


@pytest.mark.django_db
def test_ordinary_institution_is_shown_at_its_exact_point_and_none_without_coordinates():
    assert InstitutionFactory(latitude=31.2301, longitude=121.4701).public_location == (31.2301, 121.4701)
    assert InstitutionFactory(latitude=None, longitude=None).public_location is None


@pytest.mark.django_db
def test_database_computes_the_same_public_point_as_python():
    points = [(31.2301, 121.4701), (35.7499, 114.2951), (-0.0001, 0.0049), (39.99999, 116.00001)]
    for lat, lng in points:
        InstitutionFactory(kind="home", capacity=5, vacancies=1, latitude=lat, longitude=lng)
        InstitutionFactory(latitude=lat, longitude=lng)
    for row in Institution.objects.with_public_point():
        assert (round(row.public_latitude, 6), round(row.public_longitude, 6)) == row.public_location
