"""`make run` ends with the portal's address and the demo accounts, after the development server's own lines."""

import io

from django.core.management.base import OutputWrapper

from home.management.commands.runserver import Command as RunserverCommand
from home.welcome import demo_accounts, more_accounts, welcome_lines


def _started(welcome: bool) -> str:
    command = RunserverCommand(stdout=io.StringIO())
    command.addr, command._raw_ipv6, command.protocol, command.welcome = "127.0.0.1", False, "http", welcome
    out = io.StringIO()
    command.stdout = OutputWrapper(out)
    command.on_bind(8126)
    return out.getvalue()


def test_runserver_with_welcome_ends_with_the_address_and_the_accounts():
    lines = _started(welcome=True).rstrip("\n").splitlines()
    assert lines[-len(welcome_lines("http://127.0.0.1:8126/")) :] == welcome_lines("http://127.0.0.1:8126/")
    assert any("Starting development server at http://127.0.0.1:8126/" in line for line in lines)


def test_runserver_without_welcome_is_django_s_own():
    assert "changeme" not in _started(welcome=False)


def test_welcome_names_the_admin_and_every_account_with_its_address():
    lines = welcome_lines("http://127.0.0.1:8000")
    assert lines[0] == "Portal: http://127.0.0.1:8000/    Admin: http://127.0.0.1:8000/admin/"
    assert all("http://127.0.0.1:8000/" in line for line in lines[2:-1])


def test_the_accounts_are_those_the_seeders_declare_in_seeding_order():
    # residents.demo and grid.demo declare the accounts they create (home.seeding); home names none of them.
    assert [account for account, _who, _where in demo_accounts()] == [
        "admin",
        "committee-dongshan",
        "resident",
        "representative",
        "newcomer",
        "gridworker",
        "township",
        "supervisor",
    ]
    assert more_accounts() == ["waiting1", "waiting2", "waiting3", "rejected"]
    assert (
        welcome_lines("http://127.0.0.1:8000/")[-1]
        == "  More: waiting1, waiting2, waiting3, rejected (README.md, Demo accounts)"
    )
