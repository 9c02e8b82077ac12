"""The committee's verification queue in the Wagtail admin, scoped to its own village."""

import pytest
from django.urls import reverse

from residents.models import Resident, VerificationEvent

UNVERIFIED = Resident.Verification.UNVERIFIED


def refused(response) -> bool:
    """Wagtail turns PermissionDenied in an admin view into a redirect to the dashboard with a message."""
    return (
        response.status_code == 403
        or (response.status_code == 302 and response.url in ("/admin/", "/admin/login/"))
        or (response.status_code == 302 and response.url.startswith("/admin/login/"))
    )


@pytest.fixture
def queue(village_a, village_b, make_resident, committee_member):
    return {
        "a1": make_resident(village_a, state=UNVERIFIED, real_name="赵桂兰"),
        "a2": make_resident(village_a, state=UNVERIFIED, real_name="陈志明"),
        "b1": make_resident(village_b, state=UNVERIFIED, real_name="钱多多"),
        "committee_a": committee_member(village_a),
        "committee_b": committee_member(village_b),
    }


def test_committee_sees_only_its_own_village(client, queue):
    client.force_login(queue["committee_a"])
    response = client.get(reverse("residents_admin:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "赵桂兰" in html and "陈志明" in html
    assert "钱多多" not in html


def test_committee_menu_item_is_shown(client, queue):
    client.force_login(queue["committee_a"])
    assert reverse("residents_admin:queue") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_committee_approves_own_resident(client, queue):
    client.force_login(queue["committee_a"])
    response = client.post(reverse("residents_admin:approve", args=[queue["a1"].pk]))
    assert response.status_code == 302
    resident = Resident.objects.get(pk=queue["a1"].pk)
    assert resident.is_verified
    assert resident.verified_by == queue["committee_a"] and resident.verified_at is not None
    assert VerificationEvent.objects.filter(resident=resident, action="verified").exists()


def test_committee_of_a_cannot_verify_resident_of_b(client, queue):
    client.force_login(queue["committee_a"])
    response = client.post(reverse("residents_admin:approve", args=[queue["b1"].pk]))
    assert refused(response)
    assert not Resident.objects.get(pk=queue["b1"].pk).is_verified
    response = client.post(reverse("residents_admin:reject", args=[queue["b1"].pk]), {"reason": "不认识"})
    assert refused(response)
    assert Resident.objects.get(pk=queue["b1"].pk).verification == UNVERIFIED


def test_service_refuses_other_village_too(queue):
    from django.core.exceptions import PermissionDenied

    from residents.services import verify_resident

    with pytest.raises(PermissionDenied):
        verify_resident(queue["b1"], queue["committee_a"])


def test_reject_needs_a_reason_and_the_resident_sees_it(client, queue):
    client.force_login(queue["committee_a"])
    url = reverse("residents_admin:reject", args=[queue["a1"].pk])
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 200
    assert Resident.objects.get(pk=queue["a1"].pk).verification == UNVERIFIED

    response = client.post(url, {"reason": "户号不在名册上，请带户口簿到村委会。"})
    assert response.status_code == 302
    resident = Resident.objects.get(pk=queue["a1"].pk)
    assert resident.verification == Resident.Verification.REJECTED
    assert VerificationEvent.objects.get(resident=resident).reason.startswith("户号不在名册上")

    client.force_login(resident.user)
    profile = client.get(reverse("residents:profile")).content.decode()
    assert "户号不在名册上，请带户口簿到村委会。" in profile


def test_bulk_approve(client, queue):
    client.force_login(queue["committee_a"])
    response = client.post(reverse("residents_admin:bulk_approve"), {"resident": [queue["a1"].pk, queue["a2"].pk]})
    assert response.status_code == 302
    assert Resident.objects.filter(pk__in=[queue["a1"].pk, queue["a2"].pk], verification="verified").count() == 2


def test_bulk_approve_with_a_resident_of_another_village_changes_nothing(client, queue):
    client.force_login(queue["committee_a"])
    response = client.post(reverse("residents_admin:bulk_approve"), {"resident": [queue["a1"].pk, queue["b1"].pk]})
    assert refused(response)
    assert not Resident.objects.filter(verification="verified").exists()


@pytest.mark.parametrize("who", ["anonymous", "verified resident"])
def test_queue_is_refused_to_non_committee(client, queue, make_resident, village_a, who):
    if who == "verified resident":
        client.force_login(make_resident(village_a).user)
    response = client.get(reverse("residents_admin:queue"))
    assert refused(response)
    assert "赵桂兰" not in response.content.decode()
    response = client.post(reverse("residents_admin:approve", args=[queue["a1"].pk]))
    assert refused(response)
    assert not Resident.objects.get(pk=queue["a1"].pk).is_verified


def test_county_administrator_sees_every_village(client, queue, make_user):
    client.force_login(make_user("county", is_superuser=True, is_staff=True))
    html = client.get(reverse("residents_admin:queue")).content.decode()
    assert "赵桂兰" in html and "钱多多" in html


def test_queue_lists_rejected_with_reason(client, queue):
    from residents.services import reject_resident

    reject_resident(queue["a1"], queue["committee_a"], "名册上无此人")
    client.force_login(queue["committee_a"])
    html = client.get(reverse("residents_admin:queue") + "?state=rejected").content.decode()
    assert "名册上无此人" in html and "赵桂兰" in html


def test_committee_sets_representative_and_council_roles(client, queue, make_resident, village_a, village_b):
    from residents import roles

    resident = make_resident(village_a)
    other = make_resident(village_b)
    client.force_login(queue["committee_a"])
    response = client.post(
        reverse("residents_admin:set_roles", args=[resident.pk]), {"is_representative": "1", "is_council_member": "1"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.is_representative and resident.is_council_member
    assert resident.user.groups.filter(name=roles.council_group_name(village_a)).exists()
    assert resident.user.has_perm("residents.take_part_in_village", village_a)

    response = client.post(reverse("residents_admin:set_roles", args=[other.pk]), {"is_representative": "1"})
    assert refused(response)
    other.refresh_from_db()
    assert not other.is_representative


def test_queue_query_count_does_not_grow_with_residents(
    client, queue, make_resident, village_a, django_assert_max_num_queries
):
    client.force_login(queue["committee_a"])
    client.get(reverse("residents_admin:queue"))  # warm caches (site, locale, permissions)
    with django_assert_max_num_queries(40) as few:
        client.get(reverse("residents_admin:queue"))
    for _ in range(10):
        make_resident(village_a, state=UNVERIFIED)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("residents_admin:queue"))
    assert response.content.decode().count('name="resident"') == 12
