"""seed_demo's seeders: discovered from every installed app's demo module, run after what each one needs."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from home.seeding import Seeder, in_order, seeders


def _noop(_log) -> None:
    pass


def test_every_installed_app_with_a_demo_module_is_discovered():
    with_demo = {config.label for config in apps.get_app_configs() if (Path(config.path) / "demo.py").exists()}
    assert with_demo >= {"home", "residents", "notices", "village_rules", "consultations", "council", "grid"}
    assert {seeder.app for seeder in seeders()} == with_demo


def test_each_seeder_runs_after_what_it_needs_and_the_last_at_the_end():
    order = [seeder.name for seeder in seeders()]
    for index, seeder in enumerate(seeders()):
        assert set(seeder.needs) <= set(order[:index]), seeder.name
    assert order[0] == "home"  # the villages, which everything else is about
    assert order[-1] == "residents.mfa"  # every staff account exists by then
    # What the apps declare: accounts before what uses them, the revisions after the township and the council.
    assert order.index("residents") < order.index("consultations") < order.index("village_rules.revisions")
    assert order.index("grid") < order.index("village_rules.revisions")
    assert order.index("notices") < order.index("portal_search")


def test_a_seeder_declared_first_waits_for_what_it_needs_and_the_rest_keep_their_order():
    given = [
        Seeder("c", _noop, needs=("b",)),
        Seeder("z", _noop, last=True),
        Seeder("a", _noop),
        Seeder("b", _noop, needs=("a",)),
        Seeder("d", _noop),
    ]
    assert [seeder.name for seeder in in_order(given)] == ["a", "b", "c", "d", "z"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ([Seeder("a", _noop, needs=("missing",))], "needs ['missing'], which no installed app seeds"),
        ([Seeder("a", _noop, needs=("b",)), Seeder("b", _noop, needs=("a",))], "in a circle"),
        ([Seeder("a", _noop, needs=("z",)), Seeder("z", _noop, last=True)], "which run last"),
    ],
)
def test_needs_that_cannot_be_met_are_refused_by_name(given, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("[", r"\[").replace("]", r"\]")):
        in_order(given)
