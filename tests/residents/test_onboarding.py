"""Onboarding a county from its village register: formats, checks, idempotence, whole-or-nothing, the admin flow,
the first sign-in with a one-time password, and who may do it (issue 21)."""

import csv
import io
import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Collection, Locale

from home.models import Village, VillagePage
from residents import onboarding, roles
from residents.models import OneTimePassword
from residents.onboarding import RegisterRefused, apply_register
from residents.tables import read_table
from residents.village_register import plan_register

HEADER = ["统计用区划代码", "村名", "乡镇", "成年村民", "户数", "村民代表"]
GOOD = [
    ["411421101201", "东山村", "柳溪镇", "1268", "412", "35"],
    ["411421101205", "西河村", "柳溪镇", "864", "295", "27"],
    ["411421203210", "南岗村", "石桥乡", "1530", "503", "41"],
]
UPLOAD = "/admin/residents/onboarding/"
CONFIRM = "/admin/residents/onboarding/confirm/"
DONE = "/admin/residents/onboarding/done/"


def csv_bytes(rows, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        # Numbers as numbers, as a clerk's Excel keeps them (the 12-digit code comes back as a float).
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def register_file(kind: str, rows) -> bytes:
    if kind == "xlsx":
        return xlsx_bytes(rows)
    return csv_bytes(rows, {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig", "gbk": "gbk"}[kind])


def table(kind: str, rows):
    return read_table(register_file(kind, rows))[0]


def state() -> tuple:
    """Everything the import writes, to compare before and after."""
    User = get_user_model()
    return (
        sorted(
            Village.objects.values_list(
                "division_code",
                "code",
                "name",
                "township",
                "adult_villagers",
                "households",
                "representatives",
                "register_updated_on",
            )
        ),
        VillagePage.objects.count(),
        Collection.objects.count(),
        Group.objects.count(),
        sorted(User.objects.values_list("username", "password")),
        OneTimePassword.objects.count(),
    )


@pytest.fixture
def county(portal_home, without_locale_sync):
    return portal_home


@pytest.mark.parametrize("kind", ["utf-8", "utf-8-bom", "gbk", "xlsx"])
def test_register_in_each_format_creates_villages_once(county, kind):
    rows, detected = read_table(register_file(kind, [HEADER, *GOOD]))
    assert detected == {"utf-8": "utf-8", "utf-8-bom": "utf-8", "gbk": "gbk", "xlsx": "xlsx"}[kind]
    assert rows[1] == GOOD[0]  # the XLSX float 411421101201.0 is read back as the digits

    plan, credentials = apply_register(rows)
    assert plan.counts() == {"create": 3, "update": 0, "unchanged": 0, "refused": 0}
    dongshan = Village.objects.get(division_code="411421101201")
    assert (dongshan.code, dongshan.name, dongshan.township) == ("dongshan", "东山村", "柳溪镇")
    assert (dongshan.adult_villagers, dongshan.households, dongshan.representatives) == (1268, 412, 35)
    # The same provisioning as an editor's save: page, committee group, collection.
    page = VillagePage.objects.get(village=dongshan, locale=Locale.get_default())
    assert page.live and page.get_children().count() >= 4
    assert dongshan.committee_group is not None and dongshan.collection is not None
    # One committee account per village, in its group, with a one-time password that works.
    assert sorted(c.username for c in credentials) == ["committee-dongshan", "committee-nangang", "committee-xihe"]
    account = get_user_model().objects.get(username="committee-dongshan")
    assert list(account.groups.all()) == [dongshan.committee_group]
    password = next(c.password for c in credentials if c.username == "committee-dongshan")
    assert account.check_password(password) and len(password) >= 12
    assert onboarding.must_change_password(account)

    before = state()
    plan, credentials = apply_register(table(kind, [HEADER, *GOOD]))
    assert plan.counts() == {"create": 0, "update": 0, "unchanged": 3, "refused": 0}
    assert credentials == [] and state() == before


def test_an_update_changes_the_figures_and_issues_no_password(county, committee_member):
    # A village entered by hand before the register (no code yet) with its committee already signed up.
    old = Village.objects.create(
        code="dongshan", name="东山村", township="柳溪镇", adult_villagers=1200, households=400, representatives=30
    )
    committee_member(old)
    plan, credentials = apply_register(table("utf-8", [HEADER, GOOD[0]]))
    assert plan.counts()["update"] == 1 and plan.rows[0].changes
    old.refresh_from_db()
    assert (old.division_code, old.adult_villagers, old.representatives) == ("411421101201", 1268, 35)
    assert old.register_updated_on is not None
    assert credentials == [] and not OneTimePassword.objects.exists()
    assert VillagePage.objects.filter(village=old).count() == 1  # no second page tree


BAD = [
    HEADER,
    ["411421101201", "东山村", "柳溪镇", "1268", "412", "35"],  # 2 good
    ["41142110120", "短码村", "柳溪镇", "100", "30", "3"],  # 3 eleven digits
    ["411421101000", "镇本级", "柳溪镇", "100", "30", "3"],  # 4 a township's code
    ["411421101202", "", "柳溪镇", "100", "30", "3"],  # 5 no name
    ["411421101203", "负数村", "柳溪镇", "-5", "30", "3"],  # 6 negative
    ["411421101204", "小数村", "柳溪镇", "100", "30.5", "3"],  # 7 not whole
    ["411421101206", "代表村", "柳溪镇", "1000", "300", "350"],  # 8 implausible representatives
    ["411421101201", "重码村", "柳溪镇", "100", "30", "3"],  # 9 same code as row 2
    ["411421101207", "错镇村", "石桥乡", "100", "30", "3"],  # 10 township code of 柳溪镇 with another name
    ["411421101208", "户多村", "柳溪镇", "100", "300", "3"],  # 11 more households than adults
    ["411421101209", "东山村", "柳溪镇", "100", "30", "3"],  # 12 same village name as row 2
]


def test_bad_rows_are_reported_with_row_numbers_and_reasons_and_nothing_is_written(county):
    before = state()
    with pytest.raises(RegisterRefused) as refused:
        apply_register(table("gbk", BAD))
    plan = refused.value.plan
    assert [row.number for row in plan.bad_rows] == list(range(3, 13))
    reasons = [" ".join(row.errors) for row in plan.bad_rows]
    assert all(reasons) and len(set(reasons)) == len(reasons)  # each says its own reason
    assert "12" in reasons[0] and "2" in reasons[6]  # "not 12 digits", "in row 2"
    assert state() == before  # the good row 2 is not written either


def test_a_failure_midway_writes_nothing(county, monkeypatch):
    original, calls = onboarding.ensure_committee_account, {"n": 0}

    def fail_on_second(village, by=None):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(village, by)

    monkeypatch.setattr(onboarding, "ensure_committee_account", fail_on_second)
    before = state()
    with pytest.raises(RuntimeError):
        apply_register(table("utf-8", [HEADER, *GOOD]))
    assert state() == before


def test_codes_outside_the_configured_county_are_refused(county, settings):
    settings.COUNTY_DIVISION_CODE = "411422"
    plan = plan_register(table("utf-8", [HEADER, GOOD[0]]))
    assert not plan.ok and "411422" in plan.rows[0].errors[0]
    settings.COUNTY_DIVISION_CODE = "411421"
    assert plan_register(table("utf-8", [HEADER, GOOD[0]])).ok


def test_a_missing_column_is_a_file_error(county):
    from residents.village_register import RegisterFileError

    with pytest.raises(RegisterFileError, match="户数"):
        plan_register([["统计用区划代码", "村名", "乡镇", "成年村民", "村民代表"], ["411421101201", "东山村"]])


# The admin -------------------------------------------------------------------------------------------------------


@pytest.fixture
def county_editor(make_user):
    user = make_user("county-editor")
    user.groups.add(Group.objects.get(name=roles.COUNTY_EDITOR))  # the role alone opens the admin (residents 0007)
    return user


def _upload(client, content: bytes, name="register.xlsx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content)})


def test_admin_flow_end_to_end(client, translated_trees, portal_home, county_editor):
    client.force_login(county_editor)
    assert client.get(UPLOAD).status_code == 200
    response = _upload(client, xlsx_bytes([HEADER, *GOOD[:2]]))
    html = response.content.decode()
    assert response.status_code == 200 and html.count('class="register-create"') == 2
    assert not Village.objects.exists()  # the report writes nothing

    response = client.post(CONFIRM)
    assert response.status_code == 302 and response.url == DONE
    dongshan = Village.objects.get(code="dongshan")
    assert {p.locale.language_code for p in VillagePage.objects.filter(village=dongshan)} == {
        "zh-hans",
        "zh-hant",
        "en",
    }
    page = client.get(DONE)
    sheet = page.content.decode()
    assert "no-store" in page["Cache-Control"]
    account = get_user_model().objects.get(username="committee-dongshan")
    passwords = [p.split("</code>")[0] for p in sheet.split('class="one-time-password">')[1:]]
    assert len(passwords) == 2 and any(account.check_password(p) for p in passwords)

    exported = client.get(DONE + "passwords.csv")
    text = exported.content.decode("utf-8-sig")
    assert exported["Content-Type"].startswith("text/csv") and all(p in text for p in passwords)
    assert "411421101201,柳溪镇,东山村,committee-dongshan," in text

    client.post(DONE + "forget/")
    assert not any(p in client.get(DONE).content.decode() for p in passwords)

    # The same register again: every row unchanged, no account and no password.
    response = _upload(client, xlsx_bytes([HEADER, *GOOD[:2]]))
    assert response.content.decode().count('class="register-unchanged"') == 2
    client.post(CONFIRM)
    assert "one-time-password" not in client.get(DONE).content.decode()
    assert get_user_model().objects.filter(username__startswith="committee-").count() == 2


def test_admin_report_of_a_bad_register_is_in_chinese_and_offers_no_confirm(client, county, county_editor):
    client.force_login(county_editor)
    response = _upload(client, csv_bytes(BAD, "gbk"), name="register.csv")
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('class="register-refused"') == 10
    assert "不是 12 位数字" in html and CONFIRM not in html
    assert client.post(CONFIRM).status_code == 302 and not Village.objects.exists()  # nothing waits to confirm


@pytest.mark.parametrize("content", [b"", b"\xd0\xcf\x11\xe0old excel", b"PK\x03\x04not a zip", "名字,电话\n".encode()])
def test_unreadable_files_get_a_400_with_the_reason(client, county, county_editor, content):
    client.force_login(county_editor)
    response = _upload(client, content, name="register.csv")
    assert response.status_code == 400 and response.context["form"].errors["file"]
    assert not Village.objects.exists()


def test_a_village_committee_cannot_onboard(client, county, make_village, committee_member):
    client.force_login(committee_member(make_village(code="dongshan", name="东山村")))
    assert client.get(UPLOAD).status_code == 403
    assert _upload(client, csv_bytes([HEADER, GOOD[1]])).status_code == 403
    assert client.post(CONFIRM).status_code == 403
    assert client.get(DONE + "passwords.csv").status_code == 403
    assert Village.objects.count() == 1


# The first sign-in -------------------------------------------------------------------------------------------------

LOGIN = "/zh-hans/accounts/login/"
CHANGE = "/zh-hans/accounts/password/change/"


def _committee_with_one_time_password(county) -> tuple[str, str]:
    _plan, credentials = apply_register(table("utf-8", [HEADER, GOOD[0]]))
    return credentials[0].username, credentials[0].password


def test_the_first_sign_in_must_choose_a_new_password(county):
    username, password = _committee_with_one_time_password(county)
    client = Client()
    assert client.post(LOGIN, {"login": username, "password": password}).status_code == 302
    for url in ["/admin/", "/zh-hans/", "/admin/residents/"]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == CHANGE, url
    assert client.get(CHANGE).status_code == 200

    too_short = "abc-def-9876"[:11]
    response = client.post(CHANGE, {"oldpassword": password, "password1": too_short, "password2": too_short})
    assert response.status_code == 200 and client.get("/admin/").status_code == 302  # the staff rule applies

    own = "柳溪东山村委会-2026-nine"
    response = client.post(CHANGE, {"oldpassword": password, "password1": own, "password2": own})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not OneTimePassword.objects.exists()


def test_after_the_new_password_the_authenticator_is_still_required(county, settings):
    settings.MFA_REQUIRED_FOR_STAFF = True
    username, password = _committee_with_one_time_password(county)
    client = Client()
    client.post(LOGIN, {"login": username, "password": password})
    assert client.get("/admin/")["Location"] == CHANGE
    own = "柳溪东山村委会-2026-nine"
    client.post(CHANGE, {"oldpassword": password, "password1": own, "password2": own})
    response = client.get("/admin/")
    assert response.status_code == 302 and "/accounts/2fa/totp/activate/" in response["Location"]


# The command -------------------------------------------------------------------------------------------------------


def test_command_dry_run_then_run_then_run_again(county, tmp_path, capsys):
    source = tmp_path / "register.csv"
    source.write_bytes(csv_bytes([HEADER, *GOOD], "utf-8-sig"))
    call_command("import_village_register", str(source), "--dry-run")
    assert not Village.objects.exists()

    passwords = tmp_path / "passwords.csv"
    call_command("import_village_register", str(source), "--passwords", str(passwords))
    out = capsys.readouterr().out
    assert "[##############################] 3/3" in out
    assert Village.objects.count() == 3
    assert os.stat(passwords).st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(io.StringIO(passwords.read_text(encoding="utf-8-sig"))))
    account = get_user_model().objects.get(username=rows[0]["username"])
    assert len(rows) == 3 and account.check_password(rows[0]["password"])

    before = state()
    call_command("import_village_register", str(source), "--passwords", str(tmp_path / "again.csv"))
    assert state() == before and not (tmp_path / "again.csv").exists()


def test_command_with_bad_rows_fails_and_writes_nothing(county, tmp_path):
    source = tmp_path / "register.csv"
    source.write_bytes(csv_bytes(BAD, "gbk"))
    with pytest.raises(CommandError, match="10"):
        call_command("import_village_register", str(source))
    assert not Village.objects.exists()
