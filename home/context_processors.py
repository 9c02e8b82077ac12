from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    """Presentation preferences every template needs."""
    return {
        "elder_mode": request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1",
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
