from django import template

from benefits.checker import amount_text
from benefits.models import ClaimChannel

register = template.Library()


@register.filter
def yuan(amount):
    """3600 → "3,600"; 1234.5 → "1,234.50"."""
    return amount_text(amount)


@register.simple_tag
def claim_channels():
    """The online claim channels editors maintain, in their order."""
    return list(ClaimChannel.objects.all())
