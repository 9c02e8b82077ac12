"""Household roll import: UTF-8, UTF-8 with BOM and GBK files, bad rows, malformed files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from residents.models import Resident, ResidentClaim, RollImport, VerificationEvent
from residents.roll import RollFileError, decode

ROLL = (
    "户号,姓名,手机号,村民代表\n"
    "0101,王秀英,13800000001,是\n"  # matches an unverified resident who signed up
    "0102,李建军,,否\n"  # new: pre-created without a login
    "0103,张国强,138 0000 0003,\n"
)
BAD_ROWS = (
    "户号,姓名,手机号,村民代表\n"
    "0201,赵桂兰,,否\n"  # good
    ",陈志明,,否\n"  # no household number
    "0203,,,否\n"  # no name
    "0204,刘芳,12345,否\n"  # bad phone
    "0205,周磊,,也许\n"  # representative neither 是 nor 否
    "0201,赵桂兰,,否\n"  # duplicate of row 2
    "0207,吴敏,,否,多余\n"  # more cells than the header
)


def _upload(client, village, content: bytes, name="roll.csv"):
    return client.post(
        reverse("residents_admin:roll_import"),
        {"village": village.pk, "file": SimpleUploadedFile(name, content, content_type="text/csv")},
    )


@pytest.fixture
def committee_a(village_a, committee_member):
    return committee_member(village_a)


@pytest.fixture
def signed_up(village_a, make_resident):
    return make_resident(village_a, state=Resident.Verification.UNVERIFIED, household_number="0101", real_name="王秀英")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gbk", "gbk")],
    ids=["utf-8", "utf-8-bom", "gbk"],
)
def test_roll_in_each_encoding(client, village_a, committee_a, signed_up, encoding, expected):
    client.force_login(committee_a)
    response = _upload(client, village_a, ROLL.encode(encoding))
    assert response.status_code == 302
    job = RollImport.objects.get()
    assert response.url == reverse("residents_admin:roll_import_status", args=[job.pk])
    assert job.status == RollImport.Status.DONE and job.encoding == expected
    assert job.counts() == {"matched": 0, "created": 3, "rejected": 0}
    assert job.content == ""  # the raw roll is not kept

    # The sign-up with the same household and name is not verified by the roll (neighbours know both): the roll
    # gets its own record, and the sign-up a claim on it that the committee decides (issue 17).
    signed_up.refresh_from_db()
    assert not signed_up.is_verified and signed_up.phone == ""
    on_roll = Resident.objects.get(village=village_a, real_name="王秀英", user__isnull=True)
    assert on_roll.is_verified and on_roll.is_representative and on_roll.phone == "+8613800000001"
    assert VerificationEvent.objects.filter(resident=on_roll, action="imported").exists()
    assert ResidentClaim.objects.get().record == on_roll
    li = Resident.objects.get(village=village_a, real_name="李建军")
    assert li.user is None and li.is_verified and li.source == Resident.Source.ROLL and li.display_name == "李*军"
    assert Resident.objects.get(real_name="张国强").phone == "+8613800000003"

    page = client.get(response.url)
    html = page.content.decode()
    assert page.status_code == 200
    assert "<progress" in html and 'value="100"' in html
    assert "王*英" in html and "李*军" in html
    assert "王秀英" not in html  # the report masks names


def test_import_is_idempotent(client, village_a, committee_a, signed_up):
    client.force_login(committee_a)
    _upload(client, village_a, ROLL.encode())
    _upload(client, village_a, ROLL.encode())
    assert Resident.objects.filter(village=village_a).count() == 4  # three on the roll, one sign-up claiming
    assert RollImport.objects.order_by("pk").last().counts() == {"matched": 3, "created": 0, "rejected": 0}
    assert ResidentClaim.objects.count() == 1


def test_bad_rows_are_rejected_with_reasons_and_good_rows_kept(client, village_a, committee_a):
    client.force_login(committee_a)
    _upload(client, village_a, BAD_ROWS.encode("gbk"))
    job = RollImport.objects.get()
    assert job.status == RollImport.Status.DONE
    by_row = {row["row"]: row for row in job.report}
    assert by_row[2]["outcome"] == "created"
    assert [by_row[n]["outcome"] for n in range(3, 9)] == ["rejected"] * 6
    messages = [by_row[n]["message"] for n in range(3, 9)]
    assert all(messages), messages
    assert len(set(messages)) == 6  # each says its own reason
    assert list(Resident.objects.values_list("real_name", flat=True)) == ["赵桂兰"]

    html = client.get(reverse("residents_admin:roll_import_status", args=[job.pk]) + "?outcome=rejected").content
    assert html.decode().count('class="roll-rejected"') == 6


def test_phone_already_used_is_rejected(client, village_a, committee_a, make_resident):
    make_resident(village_a, phone="+8613800000001", household_number="9000", real_name="别人")
    client.force_login(committee_a)
    _upload(client, village_a, ROLL.encode())
    row = RollImport.objects.get().report[0]
    assert row["outcome"] == "rejected"
    assert not Resident.objects.filter(real_name="王秀英").exists()


@pytest.mark.parametrize(
    ("content", "form_error", "job_error"),
    [
        # neither UTF-8 nor GBK: refused at upload, with the reason on the form
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe\xfa binary",
            "文件既不是 UTF-8 也不是 GBK 文本。请在 Excel 或 WPS 中另存为 CSV 后重试。",
            None,
        ),
        # text without the 户号 / 姓名 columns: accepted as a file, and the import job fails saying why
        ("名字,电话\n王秀英,13800000001\n".encode(), None, "第一行必须是列名；缺少：户号、姓名。"),
        (b"", "提交的是空文件。", None),  # Django's own message for an empty upload
    ],
    ids=["not-text", "missing-columns", "empty"],
)
def test_malformed_file_imports_nothing(client, village_a, committee_a, content, form_error, job_error):
    # The admin renders in Simplified Chinese (the portal's default), and the import task writes its error in it.
    client.force_login(committee_a)
    before = Resident.objects.count()
    response = _upload(client, village_a, content)
    assert Resident.objects.count() == before
    if form_error is not None:
        assert response.status_code == 200
        assert response.context["form"].errors["file"] == [form_error]
        assert not RollImport.objects.exists()
    else:
        assert response.status_code == 302
        job = RollImport.objects.get()
        assert (job.status, job.error, job.report) == (RollImport.Status.FAILED, job_error, [])
        # The status is shown in the reader's language: pinned in each, not "English or whatever the error says".
        with translation.override("zh-hans"):
            assert job.get_status_display() == "失败：没有导入任何内容"
        with translation.override("en"):
            assert job.get_status_display() == "Failed: nothing was imported"


def test_a_failure_midway_rolls_back_every_row(village_a, committee_a, monkeypatch):
    from residents import roll

    calls = {"n": 0}
    original = roll._apply_row

    def explode(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(roll, "_apply_row", explode)
    job = RollImport.objects.create(village=village_a, uploaded_by=committee_a, content=ROLL)
    with pytest.raises(RuntimeError):
        roll.run_import(job)
    job.refresh_from_db()
    assert job.status == RollImport.Status.FAILED and "disk full" in job.error
    assert not Resident.objects.exists()


def test_committee_of_b_cannot_import_into_a(client, village_a, village_b, committee_member):
    client.force_login(committee_member(village_b))
    response = _upload(client, village_a, ROLL.encode())
    assert response.status_code == 200  # village A is not a choice for B's committee
    assert not RollImport.objects.exists() and not Resident.objects.exists()


def test_decode_prefers_utf8_then_gbk():
    assert decode("户号".encode("utf-8-sig")) == ("户号", "utf-8")
    assert decode("户号".encode("gbk")) == ("户号", "gbk")
    with pytest.raises(RollFileError):
        decode(b"\xff\xfe\xfa\x00\x81")
