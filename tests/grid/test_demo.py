"""The demo: two grids per village, a few hundred requests in every state, one mediation case; twice is safe."""

import pytest
from django.core.management import call_command

from grid import workflow as wf
from grid.models import Grid, MediationCase, ResidentRequest
from home.models import Village


@pytest.mark.django_db
def test_seed_demo_twice(without_locale_sync):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    count = ResidentRequest.objects.count()
    assert 250 <= count <= 400
    for village in Village.objects.all():
        assert Grid.objects.filter(village=village).count() == 2
    assert set(ResidentRequest.objects.values_list("status", flat=True)) == {s for s, _label in wf.STATUS_CHOICES}
    assert ResidentRequest.objects.overdue().exists()
    assert ResidentRequest.objects.filter(reopen_count=1).exists()
    case = MediationCase.objects.get()
    assert case.parties.count() == 2 and case.sessions.count() == 2
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert ResidentRequest.objects.count() == count
    assert Grid.objects.count() == 2 * Village.objects.count()
