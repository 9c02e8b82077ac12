"""The base app knows no feature app: no import from home/ into a feature app, at module level or inside a function.

Feature apps register what they add to the base (sections, shortcuts, demo seeders, searchable models) from their
AppConfig.ready, as search.registry does; home only reads the registries. The walk is over the source with ast,
so a lazy import inside a function counts as much as one at the top of a module.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURE_APPS = frozenset(
    {
        "consultations",
        "council",
        "notices",
        "grid",
        "village_rules",
        "legal_aid",
        "residents",
        "notifications",
        "supervision",
    }
)

# NOT YET REPLACED by registries (issue 19, layers): each entry is a lazy import still to become a registration
# from the feature app's AppConfig.ready. The list may only shrink: a new import from home into a feature app
# fails this test.
NOT_YET_REGISTERED = {
    ("home/models/sections.py", "consultations.models"),
    ("home/models/sections.py", "council.models"),
    ("home/models/sections.py", "grid.services"),
    ("home/models/sections.py", "legal_aid.services"),
    ("home/models/sections.py", "notices.models"),
    ("home/models/sections.py", "village_rules.models"),
    ("home/management/commands/run_periodic_jobs.py", "consultations.tasks"),
    ("home/management/commands/run_periodic_jobs.py", "grid.services"),
    ("home/welcome.py", "residents.demo"),
}


def imported_modules(tree: ast.AST, package: str) -> set[str]:
    """Every module an import statement anywhere in the tree names (relative imports resolved)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                if node.module:
                    found.add(f"{base}.{node.module}")
                else:  # from . import x: x is a module of the package
                    found.update(f"{base}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def feature_imports_of_home() -> set[tuple[str, str]]:
    edges = set()
    for path in sorted((ROOT / "home").rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue  # migrations name other apps' migrations on purpose, and run only with them
        package = ".".join(relative.with_suffix("").parts[:-1])
        for module in imported_modules(ast.parse(path.read_text(encoding="utf-8")), package):
            if module.split(".")[0] in FEATURE_APPS:
                edges.add((relative.as_posix(), module))
    return edges


def test_home_imports_no_feature_app():
    unexpected = feature_imports_of_home() - NOT_YET_REGISTERED
    assert not unexpected, f"home/ must not import feature apps; register from the app instead: {sorted(unexpected)}"


def test_the_allowlists_hold_only_imports_that_still_exist():
    # Once an import is gone, its entry goes too, so that it cannot come back unnoticed.
    stale = NOT_YET_REGISTERED - feature_imports_of_home()
    assert not stale, f"remove from the allowlists: {sorted(stale)}"


def test_the_walk_sees_lazy_and_relative_imports():
    source = "import os\nfrom . import x\ndef f():\n    from notices.models import NoticePage\n    import grid\n"
    modules = imported_modules(ast.parse(source), "home.models")
    assert {"notices.models", "grid", "home.models.x", "os"} <= modules
