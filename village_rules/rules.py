"""Who may comment on a revision, run its procedure, review it for the township, and moderate its comments.

The township reviewer is the township's supervision group of the grid app (grid.rules.supervision_group):
one mechanism scopes township accounts to the villages of their township, for requests and for rules alike.
"""

import rules
from django.db.models import Q

from grid.rules import is_supervisor_of, supervised_townships, supervision_group_name
from home.models import Village
from residents.rules import can_manage_village, is_county_admin, is_verified_resident_of

from . import workflow


def _village(obj):
    return getattr(obj, "village", obj)


@rules.predicate
def can_comment(user, revision) -> bool:
    return is_verified_resident_of(user, _village(revision))


@rules.predicate
def can_report_comment(user, comment) -> bool:
    """The same people as may comment: verified residents of the revision's village."""
    return can_comment(user, comment.page)


@rules.predicate
def can_run_procedure(user, revision) -> bool:
    return can_manage_village(user, _village(revision))


@rules.predicate
def can_review(user, revision) -> bool:
    village = _village(revision)
    return village is not None and (is_supervisor_of(user, village) or is_county_admin(user))


rules.add_perm("village_rules.comment_on_revision", can_comment)  # object: RuleRevisionPage
rules.add_perm("village_rules.report_comment", can_report_comment)  # object: ArticleComment
rules.add_perm("village_rules.run_revision", can_run_procedure)  # object: RuleRevisionPage
rules.add_perm("village_rules.review_revision", can_review)  # object: RuleRevisionPage
rules.add_perm("village_rules.moderate_revision_comments", can_run_procedure)  # object: RuleRevisionPage
rules.add_perm("village_rules.decide_on_comments", can_run_procedure)  # object: RuleRevisionPage


def roles_of(user, revision) -> set[str]:
    """The procedure roles this user holds for this revision (workflow.COMMITTEE, workflow.REVIEWER)."""
    roles = set()
    if can_run_procedure(user, revision):
        roles.add(workflow.COMMITTEE)
    if can_review(user, revision):
        roles.add(workflow.REVIEWER)
    return roles


def revision_villages(user):
    """Villages whose revisions this user sees in the admin: their committee's, or their township's."""
    if not user.is_authenticated:
        return Village.objects.none()
    if user.is_superuser:
        return Village.objects.all()
    townships = supervised_townships(user)
    return Village.objects.filter(Q(committee_group__user=user) | Q(township__in=townships)).distinct()


def reviewers_of(village: Village):
    """The township's reviewers of this village's drafts (its supervision group), not the county administrators,
    who can review everywhere but are not the ones the township's work waits on."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=supervision_group_name(village.township), is_active=True)
