"""The base app knows no feature app: no import from home/ into a feature app, at module level or inside a function.

Feature apps register what they add to the base (page roles for the shortcuts, village sections and panels,
periodic jobs, searchable models) from their AppConfig.ready into home.registry, as search.registry does; demo
seeders and the demo accounts they create are discovered from each installed app's demo module (home.seeding).
home only reads the registries. The walk is over the source with ast, so a lazy import inside a function counts as
much as one at the top of a module, and so does import_module("notices.demo") with a literal name.
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
        elif isinstance(node, ast.Call) and _dynamic_import(node):  # import_module("notices.demo") counts too
            found.add(node.args[0].value)
    return found


def _dynamic_import(call: ast.Call) -> bool:
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return (
        name in {"import_module", "__import__"}
        and bool(call.args)
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    )


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
    found = feature_imports_of_home()
    assert not found, f"home/ must not import feature apps; register from the app instead: {sorted(found)}"


def test_the_walk_sees_lazy_and_relative_imports():
    source = (
        "import os\nfrom . import x\ndef f():\n    from notices.models import NoticePage\n    import grid\n"
        "    importlib.import_module('council.demo')\n"
    )
    modules = imported_modules(ast.parse(source), "home.models")
    assert {"notices.models", "grid", "home.models.x", "os", "council.demo"} <= modules
