from django.apps import AppConfig


class CountySeedConfig(AppConfig):
    name = "county_seed"
    verbose_name = "County generator (benchmarks)"
