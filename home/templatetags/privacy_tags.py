"""{{ text|mask_numbers }}: resident-written text shown with every full ID, mobile and card number masked
(home.privacy). For text stored before numbers were refused at submission. Safe text stays safe: only digits
become stars."""

from django import template
from django.utils.safestring import SafeData, mark_safe

from home.privacy.detect import mask_all

register = template.Library()


@register.filter
def mask_numbers(value):
    if value is None:
        return ""
    masked = mask_all(str(value))
    return mark_safe(masked) if isinstance(value, SafeData) else masked  # noqa: S308 (stars only replace digits)
