"""The household rolls of a whole county from the command line: by village column or by file name, checked whole."""

import pytest
from django.core.management import CommandError, call_command

from residents.models import Resident, RollImport


@pytest.fixture
def villages(make_village, without_locale_sync):
    return (
        make_village(code="dongshan", name="东山村", division_code="411421101201"),
        make_village(code="xihe", name="西河村", division_code="411421101205"),
    )


COUNTY = (
    "统计用区划代码,户号,姓名,手机号\n"
    "411421101201,0101,王秀英,13800000001\n"
    "411421101205,0201,陈志强,\n"
    "411421101201,0102,李建军,12345\n"  # a bad phone: the roll rejects this row, as in a village's upload
)


def test_one_file_with_a_village_column_fills_each_village_once(villages, tmp_path, capsys):
    dongshan, _xihe = villages
    source = tmp_path / "county.csv"
    source.write_bytes(COUNTY.encode("gbk"))
    call_command("import_household_rolls", str(source), "--dry-run")
    assert not Resident.objects.exists()

    call_command("import_household_rolls", str(source))
    made = set(Resident.objects.values_list("village__code", "real_name"))
    assert made == {("dongshan", "王秀英"), ("xihe", "陈志强")}
    job = RollImport.objects.get(village=dongshan)
    rejected = [entry for entry in job.report if entry["outcome"] == "rejected"]
    assert [(entry["file"], entry["row"]) for entry in rejected] == [("county.csv", 4)]  # the county file's row
    assert "county.csv 4:" in capsys.readouterr().out

    call_command("import_household_rolls", str(source))  # again: matched, nothing new
    assert Resident.objects.count() == 2


def test_a_folder_of_files_named_by_village_code(villages, tmp_path):
    (tmp_path / "dongshan.csv").write_text("户号,姓名\n0101,王秀英\n", encoding="utf-8-sig")
    (tmp_path / "411421101205.csv").write_text("户号,姓名\n0201,陈志强\n", encoding="utf-8")
    call_command("import_household_rolls", str(tmp_path))
    assert Resident.objects.filter(village__code="xihe", real_name="陈志强").exists()
    assert Resident.objects.filter(village__code="dongshan").count() == 1


def test_an_unknown_village_anywhere_writes_nothing(villages, tmp_path):
    (tmp_path / "dongshan.csv").write_text("户号,姓名\n0101,王秀英\n", encoding="utf-8")
    (tmp_path / "nowhere.csv").write_text("户号,姓名\n0301,张三\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_household_rolls", str(tmp_path))
    assert not Resident.objects.exists() and not RollImport.objects.exists()
