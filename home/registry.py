"""What feature apps add to the base, registered from their AppConfig.ready: home reads these, never the apps.

- Page roles: a name for a page type that the base links to without knowing its app ("notices" → the notice index).
- Village sections: the pages every new village starts with, in order (home.services.provision_village).
Registering twice with the same name replaces the entry, so a reloaded app does not duplicate it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail.models import Page

_roles: dict[str, type[Page]] = {}


@dataclass(frozen=True)
class Section:
    role: str
    title: Callable[[], str]  # called when the page is made, in the language active then
    slug: str
    order: int


_sections: dict[str, Section] = {}


def register_page_role(role: str, model: type[Page]) -> None:
    _roles[role] = model


def page_type(role: str) -> type[Page] | None:
    """The page type registered for a role, or None when the app that provides it is not installed."""
    return _roles.get(role)


def register_section(role: str, model: type[Page], title: Callable[[], str], slug: str, order: int) -> None:
    """A section every village gets: its page type (also registered as the role), title and slug."""
    register_page_role(role, model)
    _sections[role] = Section(role, title, slug, order)


def sections() -> list[tuple[type[Page], str, str]]:
    """(page type, title, slug) of the village sections, in their order."""
    return [(_roles[s.role], s.title(), s.slug) for s in sorted(_sections.values(), key=lambda s: s.order)]


# Periodic jobs: a name and a function that does what is due and returns how many things it did. The base's
# run_periodic_jobs command calls them; each must be safe to run at any time and as often as one likes.
_periodic_jobs: dict[str, Callable[[], int]] = {}


def register_periodic_job(name: str, job: Callable[[], int]) -> None:
    _periodic_jobs[name] = job


def periodic_jobs() -> dict[str, Callable[[], int]]:
    return dict(_periodic_jobs)


# Demo seeders: modules with a seed(say) function, run by seed_demo after its own list, in order.
_demo_seeders: dict[str, int] = {}


def register_demo_seeder(module_name: str, order: int) -> None:
    _demo_seeders[module_name] = order


def demo_seeders() -> list[str]:
    return [name for name, _order in sorted(_demo_seeders.items(), key=lambda item: (item[1], item[0]))]
