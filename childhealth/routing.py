"""Which community health service receives a family's 申请入户指导: the one that serves the family's street
(HealthService.served_streets), else the centre in that street, else one in the same district."""

from childhealth.models import HealthService


def service_for(street):
    """The HealthService that handles home visits for `street`, or None when the district has none."""
    centres = HealthService.objects.community_centres()
    for candidates in (
        centres.filter(served_streets=street),
        centres.filter(street=street),
        centres.filter(district_id=street.district_id),
    ):
        found = candidates.order_by("pk").first()
        if found is not None:
            return found
    return None
