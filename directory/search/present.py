"""How a search hit is shown: the API's JSON item and the page's list entry and map marker."""

from directory.search.query import SERVICE_LABELS

# A home-based care point's exact position would give away the house: show it to about 100 m only.
HOME_LOCATION_DECIMALS = 3


def public_location(institution):
    if institution.latitude is None or institution.longitude is None:
        return None
    lat, lng = institution.latitude, institution.longitude
    if institution.kind == "home":
        lat, lng = round(lat, HOME_LOCATION_DECIMALS), round(lng, HOME_LOCATION_DECIMALS)
    return {"lat": lat, "lng": lng}


def service_rows(institution):
    """[(code, label, monthly_fee or None)] in the order of SERVICE_TYPES, from prefetched services."""
    fees = {service.service_type: service.monthly_fee for service in institution.services.all()}
    return [(code, label, fees[code]) for code, label in SERVICE_LABELS.items() if code in fees]


def hit_json(hit):
    institution = hit.institution
    return {
        "id": institution.pk,
        "name": institution.name,
        "credit_code": institution.credit_code,
        "services": [code for code, _, _ in service_rows(institution)],
        "district": {"code": institution.district.code, "name": institution.district.name},
        "address": institution.public_address,
        "location": public_location(institution),
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
    location = public_location(hit.institution)
    if location is None:
        return None
    return {
        "number": number,
        "name": hit.institution.name,
        "url": hit.institution.get_absolute_url(),
        "lat": location["lat"],
        "lng": location["lng"],
        "distance": f"{hit.distance_km:.1f} 公里" if hit.distance_km is not None else "",
    }
