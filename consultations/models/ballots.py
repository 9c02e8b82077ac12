"""Who took part, and what was counted (DESIGN.md "Voting integrity", DOMAIN.md §10).

- `Participation`: that a resident took part in a question, one row per resident per question (a unique
  constraint), always on the record page's question, whatever language tree or channel the vote came through.
- `BallotBox`: the counted ballots of one question as totals: votes per option, the number of ballots and the
  receipt codes in code order. A secret ballot leaves nothing else behind: no row of its own, so no identifier,
  timestamp, clerk or insertion order that could be joined to its participation, in the database or a backup.
  Every vote rewrites the whole box (all options), so not even the row's last writer says which option moved.
- `Ballot` / `BallotChoice`: an open ballot (the committee sees who voted what), with its voter; a changed vote
  stays, marked replaced.
- `PaperBatch`: secret paper ballots entered by staff, as who entered how many on which day (not per ballot).

Nothing counted is deleted: every foreign key into these rows is PROTECT.
"""

import bisect

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.prepared import PreparedInsert

from .questions import Question


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper ballot entered by staff")


def _record_question(instance: models.Model) -> None:
    """Point a new row's question at the record page's copy (see home.translations): the lowest layer that every
    path (services, admin, shell) passes through, so no path can start a second tally in another language. (A
    row's question never changes once written.)"""
    if instance._state.adding and instance.question_id is not None:
        question = instance.question.record_question()
        if question.pk != instance.question_id:
            instance.question = question


class Participation(models.Model):
    """That a resident took part in a question: the one row per resident that makes a double vote impossible."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="participations")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="participations")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The day only (DOMAIN §10: no timestamp finer than the day beside a ballot); the resident sees "voted on …".
    voted_on = models.DateField(_("voted on"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["question", "resident"], name="one_participation_per_resident"),
            models.CheckConstraint(
                condition=models.Q(channel="online", entered_by__isnull=True)
                | models.Q(channel="paper", entered_by__isnull=False),
                name="participation_paper_has_clerk",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}/{self.resident_id}"

    def save(self, *args, **kwargs):
        _record_question(self)
        super().save(*args, **kwargs)

    def insert(self) -> None:
        """save() of a new participation, on the record page's question as every save, with its INSERT written once
        (portal.prepared): every online ballot makes one. Its signals are sent; a second one is the database's
        IntegrityError, as with save()."""
        _record_question(self)
        _INSERT_PARTICIPATION(self)


_INSERT_PARTICIPATION = PreparedInsert(Participation)


class BallotBox(models.Model):
    """The totals of one question's counted ballots; changed only under a row lock (consultations.services)."""

    question = models.OneToOneField(
        Question, primary_key=True, on_delete=models.PROTECT, related_name="ballot_box", verbose_name=_("question")
    )
    ballots = models.PositiveIntegerField(_("ballots counted"), default=0)
    # {option id (as text): votes}
    counts = models.JSONField(_("votes per option"), default=dict)
    # The receipt codes of the counted ballots, in code order: published after closing as "counted".
    receipts = models.JSONField(_("receipt codes"), default=list)

    class Meta:
        verbose_name = _("ballot box")
        verbose_name_plural = _("ballot boxes")

    def __str__(self) -> str:
        return f"{self.question_id}: {self.ballots}"

    def save(self, *args, **kwargs):
        _record_question(self)
        super().save(*args, **kwargs)

    def votes_for(self, option_id: int) -> int:
        return int(self.counts.get(str(option_id), 0))

    def holds(self, receipt: str) -> bool:
        index = bisect.bisect_left(self.receipts, receipt)
        return index < len(self.receipts) and self.receipts[index] == receipt

    def add(self, option_ids: list[int], receipt: str) -> None:
        """Count one ballot. Every option's count is rewritten, chosen or not (see the module's docstring)."""
        counts = {key: int(n) for key, n in self.counts.items()}
        for option_id in option_ids:
            counts[str(option_id)] = counts.get(str(option_id), 0) + 1
        self._keep(counts)
        self.ballots += 1
        bisect.insort(self.receipts, receipt)

    def _keep(self, counts: dict[str, int]) -> None:
        # In option order, never in the order options were first chosen: the stored text must not tell which
        # option the first voter picked (SQLite keeps JSON as written).
        self.counts = dict(sorted(counts.items(), key=lambda item: int(item[0])))

    def take_back(self, option_ids: list[int], receipt: str) -> None:
        """An open ballot replaced by its voter's new one stops counting (the ballot row itself stays)."""
        counts = dict(self.counts)
        for option_id in option_ids:
            counts[str(option_id)] = max(0, counts.get(str(option_id), 0) - 1)
        self._keep(counts)
        self.ballots = max(0, self.ballots - 1)
        if self.holds(receipt):
            self.receipts.remove(receipt)


class Ballot(models.Model):
    """An open ballot: the committee sees who voted what (Question.Mode.OPEN). Secret ballots have no row."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="ballots")
    receipt = models.CharField(_("receipt code"), max_length=12)
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="open_ballots")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A changed vote stays in the table, marked replaced and no longer counted: nothing is deleted.
    replaced = models.BooleanField(_("replaced by a later vote"), default=False)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by", editable=False
    )
    created_at = models.DateTimeField(_("cast at"), auto_now_add=True)

    class Meta:
        verbose_name = _("open ballot")
        verbose_name_plural = _("open ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "resident"], condition=models.Q(replaced=False), name="one_current_open_ballot"
            ),
            models.UniqueConstraint(fields=["question", "receipt"], name="one_receipt_per_open_ballot"),
        ]

    def __str__(self) -> str:
        return self.receipt

    def save(self, *args, **kwargs):
        _record_question(self)
        super().save(*args, **kwargs)

    def insert(self) -> None:
        """save() of a new open ballot (on the record page's question), its INSERT written once (portal.prepared)."""
        _record_question(self)
        _INSERT_BALLOT(self)


_INSERT_BALLOT = PreparedInsert(Ballot)


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.PROTECT, related_name="choices")
    option = models.ForeignKey("consultations.Option", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option"], name="one_choice_per_option")]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.option_id}"


# One choice (a yes/no question's): as bulk_create([choice]), no signals, the INSERT written once.
insert_choice = PreparedInsert(BallotChoice, signals=False)


class PaperBatch(models.Model):
    """Secret paper ballots one member of staff entered for one question on one day: how many, not which."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="paper_batches")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_on = models.DateField(_("entered on"))
    ballots = models.PositiveIntegerField(_("ballots entered"), default=0)

    class Meta:
        verbose_name = _("paper ballots entered")
        verbose_name_plural = _("paper ballots entered")
        constraints = [
            models.UniqueConstraint(fields=["question", "entered_by", "entered_on"], name="one_batch_per_clerk_day")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.ballots}"

    def save(self, *args, **kwargs):
        _record_question(self)
        super().save(*args, **kwargs)


class SetAsideParticipation(models.Model):
    """A second participation of one resident in one question, found in data stored before the language trees
    shared their records (migration 0006): kept for the record, never counted. manage.py check_ballots lists
    them."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("residents.Resident", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    voted_on = models.DateField(_("voted on"))
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("participation set aside")
        verbose_name_plural = _("participations set aside")

    def __str__(self) -> str:
        return f"{self.question_id}/{self.resident_id}"
