"""The demo seeders, discovered from the installed apps and run in the order their declared needs give.

Every installed app may have a `demo` module (`<app>/demo.py`). It declares its seeders in `SEEDERS`, a list of
`Seeder`; a module without that list is one seeder named after the app, its `seed(log)` function, needing what its
`NEEDS` tuple names. A seeder needs other seeders by name ("residents": the accounts exist first) and runs after
them; among seeders that are free to run, the installed apps' order decides, so the order is the same on every run.
A seeder marked `last` runs after every other (residents' two-factor set-up: every staff account exists by then).
The seeders also declare the demo accounts they create, which the welcome lines list (home.welcome).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

Log = Callable[[str], None]


@dataclass(frozen=True)
class Seeder:
    name: str  # the app's label, or "<label>.<step>" for an app's further seeder
    seed: Callable[[Log], None]
    needs: tuple[str, ...] = ()
    last: bool = False
    # (account, who it is, where to go below the portal's address): shown after seeding, in this order.
    accounts: tuple[tuple[str, str, str], ...] = ()
    more_accounts: tuple[str, ...] = ()  # further accounts, named in one line
    app: str = field(default="", compare=False)  # the app whose demo module declared it


def _demo_module(app_name: str) -> ModuleType | None:
    try:
        spec = find_spec(f"{app_name}.demo")
    except ModuleNotFoundError:  # the app's package itself is not importable as a package (a plain module)
        return None
    return import_module(f"{app_name}.demo") if spec is not None else None


def discovered() -> list[Seeder]:
    """Every installed app's seeders, in the installed apps' order."""
    found = []
    for config in apps.get_app_configs():
        module = _demo_module(config.name)
        if module is None:
            continue
        declared = getattr(module, "SEEDERS", None)
        if declared is None:
            if not hasattr(module, "seed"):
                continue  # a demo module with helpers only
            declared = [Seeder(config.label, module.seed, tuple(getattr(module, "NEEDS", ())))]
        found += [
            Seeder(s.name, s.seed, s.needs, s.last, s.accounts, s.more_accounts, app=config.label) for s in declared
        ]
    return found


def in_order(seeders: list[Seeder]) -> list[Seeder]:
    """The seeders with each after all it needs (and `last` ones after every other), else in the given order."""
    by_name = {seeder.name: seeder for seeder in seeders}
    for seeder in seeders:
        unknown = [name for name in seeder.needs if name not in by_name]
        if unknown:
            raise ImproperlyConfigured(f"Demo seeder {seeder.name!r} needs {unknown}, which no installed app seeds.")
        late = [name for name in seeder.needs if by_name[name].last and not seeder.last]
        if late:
            raise ImproperlyConfigured(f"Demo seeder {seeder.name!r} needs {late}, which run last.")
    ordered: list[Seeder] = []
    done: set[str] = set()
    for group in ([s for s in seeders if not s.last], [s for s in seeders if s.last]):
        pending = list(group)
        while pending:
            ready = next((s for s in pending if set(s.needs) <= done), None)
            if ready is None:
                raise ImproperlyConfigured(f"Demo seeders need each other in a circle: {[s.name for s in pending]}")
            ordered.append(ready)
            done.add(ready.name)
            pending.remove(ready)
    return ordered


def seeders() -> list[Seeder]:
    """The installed apps' seeders in the order seed_demo runs them."""
    return in_order(discovered())
