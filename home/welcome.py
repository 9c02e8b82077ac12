"""What `make run` ends with: where the portal is and which demo account to sign in with.

seed_demo prints it after seeding, and `runserver --welcome` (what `make run` starts) after the server's own
lines, so the last thing a newcomer reads is where to go, not a migration or a log line. The accounts are the
ones residents.demo and grid.demo create (tests/test_seed_demo.py signs in with each); README.md has the full
table.
"""

from residents.demo import DEMO_PASSWORD

# (account, who it is, where to go): a path below the portal's address.
DEMO_ACCOUNTS = [
    ("admin", "county administrator (superuser)", "admin/"),
    ("committee-dongshan", "东山村 village committee (also -xihe, -nangang, -taoyuan)", "admin/"),
    ("resident", "verified resident of 东山村", "zh-hans/accounts/login/"),
    ("representative", "villager representative and council member of 东山村", "zh-hans/accounts/login/"),
    ("newcomer", "signed up in 东山村, waiting for the committee's verification", "zh-hans/accounts/login/"),
    ("gridworker", "grid worker of 东山村: resident requests", "admin/"),
    ("township", "柳溪镇 township supervision of resident requests", "admin/"),
]
MORE_ACCOUNTS = "waiting1, waiting2, waiting3, rejected"


def welcome_lines(address: str) -> list[str]:
    """The closing lines: the portal's address, its admin, then one line per demo account."""
    address = address.rstrip("/") + "/"
    width = max(len(account) for account, _who, _where in DEMO_ACCOUNTS)
    where_width = max(len(where) for _account, _who, where in DEMO_ACCOUNTS)
    lines = [
        f"Portal: {address}    Admin: {address}admin/",
        f'Demo accounts, password "{DEMO_PASSWORD}":',
    ]
    lines += [f"  {account:<{width}}  {address}{where:<{where_width}}  {who}" for account, who, where in DEMO_ACCOUNTS]
    lines.append(f"  More: {MORE_ACCOUNTS} (README.md, Demo accounts)")
    return lines
