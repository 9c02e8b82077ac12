from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "portal_search"  # "search" would clash with wagtail.search's label
    verbose_name = "Search"

    def ready(self) -> None:
        from search import signals

        signals.connect()
