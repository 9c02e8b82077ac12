"""What feature apps add to the base, registered from their AppConfig.ready: home reads these, never the apps.

- Page roles: a name for a page type that the base links to without knowing its app ("notices" → the notice index).
- Village sections: the pages every new village starts with, in order (home.services.provision_village).
- Village panels: what a village page shows of each feature (its latest notices, open consultations, legal help…),
  in order: the context entries the app computes and the template that shows them.
- Periodic jobs: what run_periodic_jobs runs, in order, each returning how many things it did.
- Village actions: a named thing a resident does in a village ("report" → raise a request with the village),
  as a function of the village giving its URL, for the base's shortcuts (elder mode) to link without the app.
Registering twice with the same name replaces the entry, so a reloaded app does not duplicate it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


# What a panel's context function is given to find the village's own section pages: the live child of the village
# page of a page type, or None (the village has no such section, or it is restricted).
SectionOf = Callable[[type[Page]], Page | None]


@dataclass(frozen=True)
class VillagePanel:
    name: str
    # (village page, section_of, request) → the entries the panel adds to the village page's context.
    context: Callable[[Page, SectionOf, Any], dict[str, Any]]
    template: str | None  # included in the village page in order; None adds context only
    order: int


_panels: dict[str, VillagePanel] = {}


def register_village_panel(
    name: str, context: Callable[[Page, SectionOf, Any], dict[str, Any]], template: str | None, order: int
) -> None:
    _panels[name] = VillagePanel(name, context, template, order)


def village_panels() -> list[VillagePanel]:
    return sorted(_panels.values(), key=lambda panel: panel.order)


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # as run_periodic_jobs reports it: "phase announcements: 2"
    run: Callable[[], int]  # safe to run at any time and as often as one likes; returns how many things it did
    order: int


_jobs: dict[str, PeriodicJob] = {}


def register_periodic_job(name: str, run: Callable[[], int], order: int) -> None:
    _jobs[name] = PeriodicJob(name, run, order)


def periodic_jobs() -> list[PeriodicJob]:
    return sorted(_jobs.values(), key=lambda job: job.order)


_village_actions: dict[str, Callable[[Any], str]] = {}


def register_village_action(name: str, url: Callable[[Any], str]) -> None:
    _village_actions[name] = url


def village_action_url(name: str, village: Any) -> str | None:
    """The URL of a village action, or None when the app that provides it is not installed."""
    url = _village_actions.get(name)
    return url(village) if url is not None else None


def has_village_action(name: str) -> bool:
    return name in _village_actions
