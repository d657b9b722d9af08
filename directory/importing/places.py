"""Districts and streets for imported rows: all known ones read once, new ones created when a row needs them.

A row's places are first looked up and checked (`plan`), and only created (`realise`) once the row has
passed every other check, so a rejected row never leaves a new district or street behind.
"""

import re
from dataclasses import dataclass

from directory.models import District, Street

PLACE_CODE = re.compile(r"\d{6,12}")


@dataclass
class PlacePlan:
    district: District | None  # None: a new district, created by `realise`
    street: Street | None  # the existing street, or None (new, or none given)
    district_code: str
    district_name: str
    street_code: str
    street_name: str


class PlaceBook:
    def __init__(self):
        self.districts = {district.code: district for district in District.objects.all()}
        self.streets = {street.code: street for street in Street.objects.all()}
        self.streets_by_name = {(street.district_id, street.name): street for street in self.streets.values()}

    def plan(self, district_code, district_name, street_code, street_name):
        """The row's places as found; ValueError with the Chinese reason when they cannot be used."""
        if not PLACE_CODE.fullmatch(district_code):
            raise ValueError(f"区县代码“{district_code}”应为 6 到 12 位数字（如 410611）")
        district = self.districts.get(district_code)
        if district is None and not district_name:
            raise ValueError(f"区县代码 {district_code} 是新的区县，需同时填写区县名称")
        street = None
        if street_code:
            if not PLACE_CODE.fullmatch(street_code):
                raise ValueError(f"街道代码“{street_code}”应为 6 到 12 位数字")
            street = self.streets.get(street_code)
            if street is not None and (district is None or street.district_id != district.pk):
                owner = district.name if district else district_name
                raise ValueError(f"街道代码 {street_code}（{street.name}）不属于区县 {owner}")
            if street is None and not street_name:
                raise ValueError(f"街道代码 {street_code} 是新的街道，需同时填写街道名称")
        elif street_name and district is not None:
            street = self.streets_by_name.get((district.pk, street_name))
        return PlacePlan(district, street, district_code, district_name, street_code, street_name)

    def realise(self, plan):
        """(district, street) for a planned row, creating the new ones."""
        district = plan.district or self.districts.get(plan.district_code)
        if district is None:
            district = District.objects.create(code=plan.district_code, name=plan.district_name[:50])
            self.districts[district.code] = district
        street = plan.street
        if street is None and plan.street_code:
            street = self.streets.get(plan.street_code) or self._new_street(
                plan.street_code, plan.street_name, district
            )
        elif street is None and plan.street_name:
            street = self.streets_by_name.get((district.pk, plan.street_name)) or self._new_street(
                self._free_street_code(district), plan.street_name, district
            )
        return district, street

    def _free_street_code(self, district):
        """A new street without a code gets the next free number after its district's code."""
        number = 1
        while f"{district.code}{number:03d}" in self.streets:
            number += 1
        return f"{district.code}{number:03d}"

    def _new_street(self, code, name, district):
        street = Street.objects.create(code=code, name=name[:50], district=district)
        self.streets[street.code] = street
        self.streets_by_name[(district.pk, street.name)] = street
        return street
