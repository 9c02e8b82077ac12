"""Recall@5 of the site search over the seed_demo county, on the development query set."""

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.slow

QUERIES = yaml.safe_load((Path(__file__).parent / "queries.yaml").read_text(encoding="utf-8"))
TOP = 5
THRESHOLD = 0.9


@pytest.fixture
def demo_county(db):
    # One test in this module: seeding here seeds once for the module, inside its rolled-back transaction.
    call_command("seed_demo", stdout=io.StringIO())


def top_titles(client: Client, query: str) -> list[str]:
    import re

    response = client.get("/zh-hans/search/", {"q": query})
    assert response.status_code == 200
    return re.findall(r'class="card-link" href="[^"]*">([^<]+)</a>', response.content.decode())[:TOP]


def test_recall_at_5_on_the_development_queries(demo_county, capsys):
    assert len(QUERIES) >= 30
    client = Client()
    misses, total = [], 0.0
    for item in QUERIES:
        found = top_titles(client, item["query"])
        share = sum(title in found for title in item["expected"]) / len(item["expected"])
        total += share
        if share < 1:
            misses.append(f"  {item['query']}: expected {item['expected']}, top {TOP}: {found}")
    recall = total / len(QUERIES)
    with capsys.disabled():
        print(f"\nsearch recall@{TOP} = {recall:.3f} over {len(QUERIES)} queries")
        print("\n".join(misses))
    assert recall >= THRESHOLD, "\n".join(misses)
