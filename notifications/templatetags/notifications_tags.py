from django import template

from .. import services

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many unread notifications the signed-in user has (one query; none for visitors)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return services.unread_count(user) if user is not None else 0
