"""How a search hit is shown: the API's JSON item and the page's list entry and map marker."""


def location_json(institution):
    """The API's `location`: `Institution.public_location` as {"lat", "lng"}, or None."""
    point = institution.public_location
    return None if point is None else {"lat": point[0], "lng": point[1]}


def service_rows(institution):
    """[(code, label, monthly_fee or None)] in ServiceType order, from prefetched services."""
    return [
        (service.service_type, service.get_service_type_display(), service.monthly_fee)
        for service in institution.services_in_order()
    ]


def hit_json(hit):
    institution = hit.institution
    return {
        "id": institution.pk,
        "name": institution.name,
        "credit_code": institution.credit_code,
        "services": [code for code, _, _ in service_rows(institution)],
        "district": {"code": institution.district.code, "name": institution.district.name},
        "address": institution.public_address,
        "location": location_json(institution),
        "distance_km": round(hit.distance_km, 2) if hit.distance_km is not None else None,
        "capacity": institution.capacity,
        "vacancies": institution.vacancies,
        "inclusive": institution.inclusive,
        "url": institution.get_absolute_url(),
    }


def results_json(results):
    return {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "facets": results.facets,
        "results": [hit_json(hit) for hit in results.hits],
    }


def marker(hit, number):
    point = hit.institution.public_location
    if point is None:
        return None
    return {
        "number": number,
        "name": hit.institution.name,
        "url": hit.institution.get_absolute_url(),
        "lat": point[0],
        "lng": point[1],
        "distance": f"{hit.distance_km:.1f} 公里" if hit.distance_km is not None else "",
    }
