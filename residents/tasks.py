"""Background work. With the default immediate backend it runs at once; with a worker, in the background."""

from django_tasks import task


@task()
def import_household_roll(roll_import_id: int) -> None:
    from .models import RollImport
    from .roll import run_import

    run_import(RollImport.objects.get(pk=roll_import_id))
