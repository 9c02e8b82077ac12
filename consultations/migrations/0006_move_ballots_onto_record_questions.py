"""Step 2 of 3: every consultation's questions, ballots and participations onto its record page, and secret ballots
into ballot boxes (issue 16, DOMAIN §10).

Until now each language tree's copy of a consultation had questions of its own, and votes cast through /zh-hant/
or /en/ landed on those copies. For every translation group of consultation pages this migration:

1. gives the record page's questions and options translation keys, and each copy's questions the key of their
   twin on the record page (paired in their order, as wagtail-localize copied them);
2. moves each copy's participations, open ballots and ballot choices onto the twin; a copy's question with votes
   but no twin moves to the record page itself, votes and all;
3. keeps, per resident and question, the earliest participation; a later one (the same resident voting again
   through another tree) goes to SetAsideParticipation, and its ballot is not counted: the open ballot is marked
   replaced; the secret ballot written with it (the one created closest to it, in that copy) is left out of the
   box. Nothing else is lost or counted twice;
4. fills each record question's ballot box from its counted ballots, and the paper batches from secret paper
   ballots (clerk, day, number), then deletes the secret ballot rows, the link DOMAIN §10 forbids.

Reversing is not possible: the secret ballots' rows are gone by design.
"""

import uuid
from collections import defaultdict

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def _day(moment):
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


def _record_pages(ConsultationPage, default_locale_id):
    groups = defaultdict(list)
    for pk, key, locale_id in ConsultationPage.objects.values_list("pk", "translation_key", "locale_id"):
        groups[key].append((pk, locale_id))
    for members in groups.values():
        in_default = [pk for pk, locale_id in members if locale_id == default_locale_id]
        record = min(in_default) if in_default else min(pk for pk, _locale in members)
        yield record, dict(members)


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    ConsultationPage = apps.get_model("consultations", "ConsultationPage")
    Question = apps.get_model("consultations", "Question")
    Option = apps.get_model("consultations", "Option")
    models = {name: apps.get_model("consultations", name) for name in MODELS}

    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first() or Locale.objects.first()
    if default is None:
        return
    voided: set[int] = set()  # secret ballots written with a set-aside participation
    for record_pk, locales in _record_pages(ConsultationPage, default.pk):
        twins = list(Question.objects.filter(page_id=record_pk).order_by("sort_order", "pk"))
        for twin in twins:
            _key(twin, Option, locales[record_pk], uuid.uuid4())
        for copy_pk, locale_id in locales.items():
            if copy_pk == record_pk:
                continue
            for index, copy in enumerate(Question.objects.filter(page_id=copy_pk).order_by("sort_order", "pk")):
                twin = twins[index] if index < len(twins) else None
                if twin is None and models["Participation"].objects.filter(question=copy).exists():
                    copy.page_id, copy.sort_order = record_pk, len(twins)  # votes on a question only this copy had
                    twins.append(copy)
                    _key(copy, Option, locales[record_pk], uuid.uuid4())
                    continue
                _key(copy, Option, locale_id, twin.translation_key if twin else uuid.uuid4(), twin)
                if twin is not None:
                    voided |= _move(copy, twin, Option, models)
    for question in Question.objects.filter(locale__isnull=True):  # on no consultation page (cannot happen)
        _key(question, Option, default.pk, uuid.uuid4())
    Participation = models["Participation"]
    for participation in Participation.objects.filter(voted_on__isnull=True).only("pk", "created_at"):
        Participation.objects.filter(pk=participation.pk).update(voted_on=_day(participation.created_at))
    _fill_boxes(Question, models, voided)


MODELS = ("Participation", "Ballot", "BallotChoice", "BallotBox", "PaperBatch", "SetAsideParticipation")


def _key(question, Option, locale_id, key, twin=None):
    """Give a question and its options their locale and translation keys: a copy's are its twin's."""
    question.locale_id, question.translation_key = locale_id, key
    question.save()
    twin_options = list(Option.objects.filter(question=twin).order_by("sort_order", "pk")) if twin else []
    twin_roles = {option.role: option for option in twin_options if option.role}
    twin_plain = iter([option for option in twin_options if not option.role])
    for option in Option.objects.filter(question=question).order_by("sort_order", "pk"):
        match = twin_roles.get(option.role) if option.role else next(twin_plain, None)
        option.locale_id = locale_id
        option.translation_key = match.translation_key if match is not None else uuid.uuid4()
        option.save()


def _move(copy, twin, Option, models) -> set[int]:
    """The copy's votes onto its twin. Per resident the earliest participation stays; a later one is set aside
    and its ballot is not counted. Returns the secret ballots left out."""
    Participation, Ballot, BallotChoice = models["Participation"], models["Ballot"], models["BallotChoice"]
    voided: set[int] = set()
    twin_options = {option.translation_key: option.pk for option in Option.objects.filter(question=twin)}
    for option in Option.objects.filter(question=copy):
        target = twin_options.get(option.translation_key)
        if target is None:  # an option only the copy had: it joins the twin, with its votes
            option.question_id, option.locale_id = twin.pk, twin.locale_id
            option.save()
        else:
            BallotChoice.objects.filter(option=option).update(option_id=target)
    for participation in Participation.objects.filter(question=copy).order_by("pk"):
        existing = Participation.objects.filter(question=twin, resident_id=participation.resident_id).first()
        if existing is not None:
            later = max(participation, existing, key=lambda p: (p.created_at, p.pk))
            voided |= _set_aside(later, twin, Ballot, models["SetAsideParticipation"])
            if later is existing:
                existing.delete()
            else:
                participation.delete()
                continue
        participation.question_id = twin.pk
        participation.save()
    Ballot.objects.filter(question=copy).update(question_id=twin.pk)
    return voided


def _set_aside(participation, twin, Ballot, SetAside) -> set[int]:
    SetAside.objects.create(
        question=twin,
        resident_id=participation.resident_id,
        channel=participation.channel,
        voted_on=_day(participation.created_at),
        reason="voted again through another language tree before the trees shared one ballot",
    )
    ballots = Ballot.objects.filter(question_id=participation.question_id)
    if twin.mode != "secret":
        ballots.filter(resident_id=participation.resident_id, replaced=False).update(replaced=True)
        return set()
    # The secret ballot written in the same transaction as this participation: the one created closest to it.
    nearest = min(
        ballots.filter(secret=True).only("pk", "created_at"),
        key=lambda ballot: abs((ballot.created_at - participation.created_at).total_seconds()),
        default=None,
    )
    return {nearest.pk} if nearest is not None else set()


def _fill_boxes(Question, models, voided):
    Ballot, BallotChoice = models["Ballot"], models["BallotChoice"]
    choices = defaultdict(list)
    for ballot_id, option_id in BallotChoice.objects.values_list("ballot_id", "option_id"):
        choices[ballot_id].append(option_id)
    for question in Question.objects.filter(ballots__isnull=False).distinct():
        counts: dict[str, int] = defaultdict(int)
        receipts = []
        counted = Ballot.objects.filter(question=question, replaced=False).exclude(pk__in=voided)
        for ballot in counted:
            for option_id in choices[ballot.pk]:
                counts[str(option_id)] += 1
            receipts.append(ballot.receipt)
        models["BallotBox"].objects.update_or_create(
            question=question, defaults={"ballots": len(receipts), "counts": dict(counts), "receipts": sorted(receipts)}
        )
        batches = defaultdict(int)
        for ballot in counted.filter(secret=True, channel="paper"):
            batches[(ballot.entered_by_id, _day(ballot.created_at))] += 1
        for (clerk, day), number in batches.items():
            models["PaperBatch"].objects.create(question=question, entered_by_id=clerk, entered_on=day, ballots=number)
    secret = Ballot.objects.filter(secret=True)
    BallotChoice.objects.filter(ballot__in=secret).delete()
    secret.delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0005_shared_records_and_ballot_boxes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=False)]
