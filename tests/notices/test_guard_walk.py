"""The guard walks every kind of form value, including a stream's nested blocks, but not self-masking lists."""

from wagtail.rich_text import RichText

from home.privacy.guard import findings_in, is_publishing
from notices.blocks import NoticeBodyBlock
from tests.notices.conftest import finance_value


def stream(*blocks):
    return NoticeBodyBlock().to_python([{"type": kind, "value": value} for kind, value in blocks])


def test_walks_nested_stream_values():
    rows = [("expenditure", "补贴", "10.00", "")]
    value = finance_value(rows)
    value["rows"][0]["note"] = "经办人电话13912345678"
    findings = findings_in(stream(("finance", value)))
    assert [(f.kind, f.masked) for f in findings] == [("mobile", "139****5678")]


def test_rich_text_markup_is_stripped_before_scanning():
    assert [f.kind for f in findings_in(RichText("<p>电话<b>13912345678</b></p>"))] == ["mobile"]
    assert [f.kind for f in findings_in("<p>卡号 4111 1111 1111 1111</p>")] == ["card"]


def test_people_lists_are_not_scanned_because_they_mask_on_render():
    person = {"name": "张三", "id_number": "11010519491231002X", "phone": "", "reason": ""}
    people = {"title": "名单", "people": [person]}
    assert findings_in(stream(("people", people))) == []


def test_plain_values_and_empty_values():
    assert findings_in(None) == [] and findings_in(3) == [] and findings_in("") == []
    assert findings_in(["a", ("13812345678",)])[0].kind == "mobile"


def test_publishing_actions():
    assert is_publishing({"action-publish": "1"}) and is_publishing({"action-submit": "1"})
    assert not is_publishing({"action-draft": "1"}) and not is_publishing({})
