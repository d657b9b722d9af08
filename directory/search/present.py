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


def place_json(place):
    return {
        "name": place.name,
        "kind": place.get_kind_display(),
        "district": place.district_name,
        "lat": place.latitude,
        "lng": place.longitude,
    }


def choice_near(place):
    """The `near` value that names exactly this place among namesakes: 淇滨区九州路."""
    if place.district_name and not place.name.startswith(place.district_name):
        return f"{place.district_name}{place.name}"
    return place.name


def reading_json(query):
    """What the keyword and near= were read as: the API's `understood`, `keyword`, `origin`, `choices`."""
    origin = None
    if query.origin is not None:
        origin = {**place_json(query.origin), "name": query.near, "place": query.origin.name}
        origin["radius_km"] = query.radius
    return {
        "keyword": query.text,
        "understood": [item.as_json() for item in query.understood],
        "corrections": dict(query.corrections),
        "origin": origin,
        "choices": [{**place_json(place), "near": choice_near(place)} for place in query.choices],
    }


def results_json(results, query=None, rescue=None):
    """The list API's body; `query` is the query as read (the results may answer a relaxed one)."""
    data = {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "facets": results.facets,
        "results": [hit_json(hit) for hit in results.hits],
        # Relevance ranked only the best rated N matches, the rest follow by rating (null: all ranked).
        "relevance_window": results.ranked_window,
    }
    if query is not None:
        data.update(reading_json(query))
        data["sort"] = query.effective_sort if query.sort != "inclusive" else "inclusive"
        data["rescue"] = rescue.as_json() if rescue else None
    return data


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
