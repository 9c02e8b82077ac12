"""What the feature apps register with the base (home.registry), and that the base shows it in their order."""

import io
import re

from django.core.management import call_command

from home import registry


def test_every_village_starts_with_the_registered_sections_in_their_order():
    assert [slug for _model, _title, slug in registry.sections()] == ["notices", "rules", "consultations", "council"]


def test_the_village_panels_are_registered_in_the_page_s_order():
    panels = registry.village_panels()
    assert [panel.name for panel in panels] == [
        "notices",
        "consultations",
        "rules",
        "council",
        "legal_aid",
        "grid",
        "supervision",
    ]
    assert [panel.template for panel in panels if panel.template] == [
        "notices/includes/village_notices.html",
        "consultations/includes/village_consultations.html",
        "council/includes/village_council.html",
        "legal_aid/includes/village_legal_services.html",
        "grid/includes/village_grids.html",
        "supervision/includes/village_supervision.html",
    ]


def test_the_village_page_shows_the_panels_in_that_order(client, village_page):
    html = client.get(village_page.url).content.decode()  # /zh-hans/...
    headings = re.findall(r'<h2 id="([a-z-]+)"', html)
    panels = ["latest-notices", "open-consultations", "council", "legal-services", "grids", "supervision"]
    assert [h for h in headings if h in panels] == panels
    # Each panel's own context reached the page: the notices' feeds, the council link, the 12348 hotline.
    assert f'href="{village_page.url}notices/feed/rss/"' in html
    assert f'href="{village_page.url}council/"' in html
    assert 'href="tel:12348"' in html


def test_the_village_page_context_keeps_every_panel_s_entries(client, village_page):
    context = client.get(village_page.url).context
    for key in ("notice_index", "rules_page", "consultation_index", "council_page"):
        assert context[key] is not None and context[key].get_parent().pk == village_page.pk, key
    assert list(context["legal_services"]) == ["advisers", "hotline"]
    assert context["grid_workers"] == []


def test_a_panel_registered_again_replaces_the_first(village_page):
    before = registry.village_panels()
    first = next(panel for panel in before if panel.name == "council")
    try:
        registry.register_village_panel("council", lambda *_args: {"council_page": None}, None, 30)
        assert [panel.name for panel in registry.village_panels()] == [panel.name for panel in before]
        assert next(p for p in registry.village_panels() if p.name == "council").template is None
    finally:
        registry.register_village_panel(first.name, first.context, first.template, first.order)
    assert registry.village_panels() == before


def test_the_periodic_jobs_are_those_the_apps_register_in_their_order(db):
    assert [job.name for job in registry.periodic_jobs()] == [
        "phase announcements",
        "requests closed unrated",
        "complaints reminded or escalated",
        "broadcast deliveries released",
    ]
    out = io.StringIO()
    call_command("run_periodic_jobs", stdout=out)
    assert out.getvalue().strip() == (
        "phase announcements: 0; requests closed unrated: 0; complaints reminded or escalated: 0; "
        "broadcast deliveries released: 0"
    )
