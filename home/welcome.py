"""What `make run` ends with: where the portal is and which demo account to sign in with.

seed_demo prints it after seeding, and `runserver --welcome` (what `make run` starts) after the server's own
lines, so the last thing a newcomer reads is where to go, not a migration or a log line. The accounts are the
ones the demo seeders declare they create (residents.demo, grid.demo: home.seeding), in the seeders' order;
tests/test_seed_demo.py signs in with each, and README.md has the full table.
"""

from .demo import DEMO_PASSWORD
from .seeding import seeders


def demo_accounts() -> list[tuple[str, str, str]]:
    """(account, who it is, where to go below the portal's address) of every seeder, in seeding order."""
    return [account for seeder in seeders() for account in seeder.accounts]


def more_accounts() -> list[str]:
    """The further demo accounts, named without a line of their own."""
    return [account for seeder in seeders() for account in seeder.more_accounts]


def welcome_lines(address: str) -> list[str]:
    """The closing lines: the portal's address, its admin, then one line per demo account."""
    address = address.rstrip("/") + "/"
    accounts = demo_accounts()
    width = max(len(account) for account, _who, _where in accounts)
    where_width = max(len(where) for _account, _who, where in accounts)
    lines = [
        f"Portal: {address}    Admin: {address}admin/",
        f'Demo accounts, password "{DEMO_PASSWORD}":',
    ]
    lines += [f"  {account:<{width}}  {address}{where:<{where_width}}  {who}" for account, who, where in accounts]
    lines.append(f"  More: {', '.join(more_accounts())} (README.md, Demo accounts)")
    return lines
