from .roles import council_group, sync_resident_groups


def village_saved(sender, instance, raw=False, **kwargs) -> None:
    """Every village has a villager council group beside its committee group."""
    if not raw:
        council_group(instance)


def resident_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        sync_resident_groups(instance)
