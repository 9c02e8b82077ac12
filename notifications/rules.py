"""Who sees the delivery reports of broadcasts (django-rules predicates).

A village committee sees its own village's broadcasts (who was reached, by which channel, what failed, what waits)
and its daily cap; the county (superusers) sees every village's. Nobody else: a resident sees the announcement in
their inbox, never who else received it.
"""

import rules
from django.db.models import QuerySet

from home.models import Village
from residents.rules import committee_villages, is_committee_of, is_county_admin

can_view_deliveries = is_committee_of | is_county_admin

rules.add_perm("notifications.view_delivery_report", can_view_deliveries)  # object: Village or Broadcast (None: any)


def report_villages(user) -> QuerySet[Village]:
    """The villages whose broadcasts this user sees in the admin (none for anyone but a committee or the county)."""
    return committee_villages(user)
