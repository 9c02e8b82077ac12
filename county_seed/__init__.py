"""A generated county at scale for benchmarks: `manage.py seed_county` (generator.py; docs/county.md §5).

An app of its own because it writes every feature app's records, which the base app (home) may not import.
"""
