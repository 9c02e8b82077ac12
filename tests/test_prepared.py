"""portal.prepared: a query compiled once answers like the queryset it was built from, for any values."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.prepared import Prepared
from residents.models import Resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def residents(village_page, make_user):
    return [
        Resident.objects.create(user=make_user(f"prep{n}"), village=village_page.village, display_name=f"村民{n}")
        for n in range(3)
    ]


def test_it_answers_as_the_queryset_for_each_value(residents):
    by_user = Prepared(lambda user_id: get_user_model().objects.select_related("resident").filter(pk=user_id))
    for resident in residents:
        with CaptureQueriesContext(connection) as queries:
            (user,) = by_user(user_id=resident.user_id)
            assert user.resident == resident and user.resident.display_name == resident.display_name
        assert len(queries) == 1  # the resident came with the user
    assert by_user(user_id=10**9) == []
    assert by_user._local.compiled is not False  # it was prepared, not run as a queryset each time


def test_rows_in_order_with_annotations_and_the_related_row_built_once(residents, village_page):
    from django.db.models import F

    of_village = Prepared(
        lambda village_id: (
            Resident.objects.filter(village_id=village_id)
            .select_related("village")
            .annotate(name_again=F("display_name"))
            .order_by("-pk")
        ),
        related_once=True,
    )
    rows = of_village(village_id=village_page.village.pk)
    assert [r.pk for r in rows] == sorted((r.pk for r in residents), reverse=True)
    assert [r.name_again for r in rows] == [r.display_name for r in rows]
    assert rows[0].village == village_page.village
    assert "village" in rows[0]._state.fields_cache and "village" not in rows[1]._state.fields_cache


def test_a_value_used_twice_is_not_prepared_and_still_answers(residents):
    from django.db.models import Q

    twice = Prepared(lambda pk: Resident.objects.filter(Q(pk=pk) | Q(user_id=pk)).order_by("pk"))
    assert [r.pk for r in twice(pk=residents[1].pk)] == [
        r.pk for r in Resident.objects.filter(Q(pk=residents[1].pk) | Q(user_id=residents[1].pk)).order_by("pk")
    ]
    assert twice._local.compiled is False


def test_a_prepared_update_writes_as_save_and_sends_its_signals(residents):
    from django.db import DatabaseError
    from django.db.models.signals import post_save, pre_save

    from portal.prepared import PreparedUpdate

    resident = residents[0]
    write = PreparedUpdate(Resident, ["display_name", "is_representative"])
    heard = []

    def listen(sender, instance, update_fields, **kwargs):
        heard.append((kwargs.get("created"), instance.pk, update_fields))

    pre_save.connect(listen, sender=Resident)
    post_save.connect(listen, sender=Resident)
    try:
        resident.display_name, resident.is_representative = "改名的村民", True
        before = Resident.objects.get(pk=residents[1].pk).display_name
        with CaptureQueriesContext(connection) as queries:
            write(resident)
        # one UPDATE of that row (the rest are the receivers' own queries: the signals were sent)
        updates = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
        assert len(updates) == 1 and updates[0].startswith('UPDATE "residents_resident" SET')
    finally:
        pre_save.disconnect(listen, sender=Resident)
        post_save.disconnect(listen, sender=Resident)
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.display_name, stored.is_representative) == ("改名的村民", True)
    assert Resident.objects.get(pk=residents[1].pk).display_name == before  # that row only
    fields = frozenset({"display_name", "is_representative"})
    assert heard == [(None, resident.pk, fields), (False, resident.pk, fields)]
    resident.pk = 10**9
    with pytest.raises(DatabaseError):
        write(resident)  # no row: never inserted


def test_a_prepared_insert_stores_the_row_as_save_with_its_id_and_signals(residents, village_page, make_user):
    from django.db import IntegrityError, transaction
    from django.db.models.signals import post_save

    from portal.prepared import PreparedInsert

    insert = PreparedInsert(Resident)
    heard = []

    def listen(sender, instance, created, **kwargs):
        heard.append((created, instance.pk))

    user = make_user("prep-insert")
    resident = Resident(user=user, village=village_page.village, display_name="新村民")
    post_save.connect(listen, sender=Resident)
    try:
        insert(resident)
    finally:
        post_save.disconnect(listen, sender=Resident)
    assert resident.pk is not None and not resident._state.adding
    stored = Resident.objects.get(pk=resident.pk)
    assert (stored.user_id, stored.display_name, stored.village_id) == (user.pk, "新村民", village_page.village.pk)
    assert stored.created_at is not None  # the fields' pre_save ran (auto_now_add)
    assert heard == [(True, resident.pk)]
    with pytest.raises(IntegrityError), transaction.atomic():
        insert(Resident(user=user, village=village_page.village, display_name="again"))  # one resident per user
