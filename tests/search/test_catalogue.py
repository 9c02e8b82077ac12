"""manage.py convert_catalogue_zh_hant on a small catalogue pair in a temporary folder."""

import io

import polib
from django.core.management import call_command


def write(path, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(entry)
    path.parent.mkdir(parents=True)
    po.save(str(path))


def test_fills_only_what_has_no_hand_translation(tmp_path):
    hans = tmp_path / "zh_Hans" / "LC_MESSAGES" / "django.po"
    hant = tmp_path / "zh_Hant" / "LC_MESSAGES" / "django.po"
    write(
        hans,
        [
            polib.POEntry(msgid="Village rules", msgstr="村规民约"),
            polib.POEntry(msgid="Search", msgstr="搜索"),
            polib.POEntry(msgid="Post", msgctxt="verb", msgstr="发布"),
            polib.POEntry(msgid="Old", msgstr="旧的"),
            polib.POEntry(msgid="%(n)s result", msgid_plural="%(n)s results", msgstr_plural={0: "%(n)s 条结果"}),
        ],
    )
    write(
        hant,
        [
            polib.POEntry(msgid="Village rules", msgstr=""),
            polib.POEntry(msgid="Search", msgstr="檢索"),  # by hand: kept
            polib.POEntry(msgid="Post", msgctxt="verb", msgstr=""),
            polib.POEntry(msgid="Old", msgstr="舊", flags=["fuzzy"]),
            polib.POEntry(msgid="%(n)s result", msgid_plural="%(n)s results", msgstr_plural={0: ""}),
            polib.POEntry(msgid="Only here", msgstr=""),
        ],
    )
    out = io.StringIO()
    call_command("convert_catalogue_zh_hant", locale_dir=tmp_path, stdout=out)
    assert out.getvalue().startswith("4 zh_Hant messages converted")
    result = {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(hant))}
    assert result[(None, "Village rules")].msgstr == "村規民約"
    assert result[(None, "Search")].msgstr == "檢索"
    assert result[("verb", "Post")].msgstr == "發佈"
    assert result[(None, "Old")].msgstr == "舊的" and "fuzzy" not in result[(None, "Old")].flags
    assert result[(None, "%(n)s result")].msgstr_plural == {0: "%(n)s 條結果"}
    assert result[(None, "Only here")].msgstr == ""
