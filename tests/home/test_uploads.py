"""Uploads in the admin: documents must be what their extension says and within the size limit; images are
re-encoded without their metadata (GPS position)."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from home.uploads import content_matches_extension
from tests.notices.pdf_helpers import pdf_with_pages

pytestmark = pytest.mark.django_db


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "ok"),
    [
        ("村规.pdf", b"%PDF-1.7\n...", True),
        ("村规.pdf", b"<html><script>alert(1)</script></html>", False),
        ("名册.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, True),
        ("名册.xls", b"MZ\x90\x00", False),
        ("决议.docx", _zip({"[Content_Types].xml": b"", "word/document.xml": b""}), True),
        ("决议.docx", _zip({"evil.exe": b"MZ"}), False),
        ("账目.xlsx", _zip({"xl/workbook.xml": b""}), True),
        ("决议.odt", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), True),
        ("账目.ods", _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), False),
        ("账目.csv", "户号,姓名\n001,张三\n".encode(), True),
        ("账目.csv", "户号,姓名\n001,张三\n".encode("gb18030"), True),
        ("说明.txt", b"\x00\x01binary", False),
    ],
)
def test_content_must_match_the_extension(name, data, ok):
    upload = SimpleUploadedFile(name, data)
    assert content_matches_extension(upload, name.rsplit(".", 1)[1]) is ok


def _document_form(upload, user):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": "村规民约", "collection": Collection.get_first_root_node().pk},
        files={"file": upload},
        user=user,
    )


def test_document_form_refuses_a_disguised_file_in_the_users_language(make_user, settings):
    from django.utils import translation

    admin = make_user("admin", is_superuser=True)
    with translation.override("zh-hans"):
        form = _document_form(SimpleUploadedFile("通知.pdf", b"<html>not a pdf</html>"), admin)
        assert not form.is_valid()
        assert "PDF" in form.errors["file"][0]
    good = _document_form(SimpleUploadedFile("通知.pdf", pdf_with_pages("ok")), admin)
    assert good.is_valid(), good.errors
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 5
    assert not _document_form(SimpleUploadedFile("通知.pdf", pdf_with_pages("too big")), admin).is_valid()


def test_images_are_reencoded_without_metadata(make_user):
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # what phones write, with the GPS position of the villager's house
    exif[0x0132] = "2026:03:01 10:00:00"
    raw = io.BytesIO()
    image.save(raw, format="JPEG", exif=exif)
    raw_bytes = raw.getvalue() + b"<script>trailing payload</script>"
    assert Image.open(io.BytesIO(raw_bytes)).getexif()
    form_class = get_image_form(get_image_model())
    form = form_class(
        data={"title": "村口", "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile("村口.jpg", raw_bytes, content_type="image/jpeg")},
        user=make_user("admin", is_superuser=True),
    )
    assert form.is_valid(), form.errors
    stored = form.cleaned_data["file"]
    stored.seek(0)
    data = stored.read()
    assert b"trailing payload" not in data and b"PhoneMaker" not in data
    again = Image.open(io.BytesIO(data))
    assert again.format == "JPEG" and again.size == (40, 30) and not again.getexif()
