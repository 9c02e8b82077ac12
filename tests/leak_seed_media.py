"""The leak crawl's uploads (tests/test_leak.py): resident photos through the real resident forms, and documents
through the admin's upload form, each carrying numbers of its own (tests/leak_seed.py ROUTES) in its file name,
its EXIF tags, its comment or its text. The crawl then reads every file a public output links
(tests/leak_media.py).

- Proposal photos (the consultation's proposal form): a phone JPEG with GPS, Artist and a comment, named after the
  resident's mobile; a HEIC photo with the same tags; a PNG called notice.html; an HTML page called notice.html
  (refused); a photo whose proposal is then withdrawn (its renditions must leave every output).
- A grid request photo that is not shown publicly (the request form): served only through the checking view.
- Documents (the admin's document form): a CSV and an XLSX with full numbers stored as the masked copy, a DOCX
  with full numbers (refused), and a clean DOCX and PDF whose text the crawl must have read (their markers).
"""

import io

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.models import Collection

from consultations.models import Proposal
from grid.models import Grid, RequestCategory, ResidentRequest
from residents.models import Resident
from tests.consultations.conftest import OPENINGS
from tests.leak_seed import make_user, text
from tests.notices.pdf_helpers import pdf_with_pages

GPS_IFD, ARTIST, MODEL = 0x8825, 0x013B, 0x0110
# Words the crawl must find in the text it read from each served document: the extractor really ran on it.
MARKERS = {"csv": "MARKER-CSV", "xlsx": "MARKER-XLSX", "docx": "MARKER-DOCX", "pdf": "MARKER-PDF"}


def phone_exif(route: str) -> Image.Exif:
    """A phone's EXIF: where the house is, whose phone, and the route's text as the owner's name."""
    exif = Image.Exif()
    exif[ARTIST] = text(route)
    exif[MODEL] = "Phone of Wang"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (34.0, 45.0, 12.5), "E", (113.0, 39.0, 1.25)
    return exif


def phone_photo(route: str, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (96, 72), (20, 110, 40))
    if fmt == "JPEG":
        image.save(out, "JPEG", exif=phone_exif(route), comment=text(route).encode())
    else:
        image.save(out, fmt, exif=phone_exif(route).tobytes())
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 20)).save(out, "PNG")
    return out.getvalue()


def _resident(village, username: str) -> Resident:
    return Resident.objects.create(
        user=make_user(username), village=village, display_name="村民", verification=Resident.Verification.VERIFIED
    )


def _on_commit(call):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return call()


def seed_proposal_photos(consultation, prefix: str) -> dict:
    """Each photo from a resident of its own (the form's rate limit is per resident); returns what the crawl
    asserts: the proposals by kind, the withdrawn photo's image and rendition address, the refused titles."""
    village = consultation.village
    uploads = {
        "jpeg": (f"IMG_20261202_{text('photo file name')}.jpg", phone_photo("photo EXIF"), "image/jpeg"),
        "heic": ("IMG_0001.HEIC", phone_photo("HEIC photo EXIF", "HEIF"), "image/heic"),
        "png called html": ("notice.html", _png(), "text/html"),
        "html called html": ("notice.html", b"<!doctype html><script>alert(1)</script>", "text/html"),
        "withdrawn": ("withdrawn.jpg", phone_photo("withdrawn photo EXIF"), "image/jpeg"),
    }
    statuses, proposals = {}, {}
    base = f"/zh-hans/consultations/{consultation.pk}/proposals"
    with time_machine.travel(OPENINGS["proposals_open"], tick=False):
        for number, (kind, (name, data, content_type)) in enumerate(uploads.items()):
            client = Client()
            client.force_login(_resident(village, f"{prefix}-photo-{number}").user)
            title = f"带照片的建议{number}"
            post = {"title": title, "text": "村口的路坑很多", "location_note": "村口"}
            post["photo"] = SimpleUploadedFile(name, data, content_type)
            statuses[kind] = _on_commit(lambda client=client, post=post: client.post(f"{base}/new/", post)).status_code
            proposals[kind] = Proposal.objects.filter(page=consultation, title=title).first()
            if kind == "withdrawn" and proposals[kind]:
                client.get(consultation.url)  # the page shows it: its rendition is written
                photo = proposals[kind].photo
                rendition_urls = [r.url for r in photo.renditions.all()]
                withdraw = f"{base}/{proposals[kind].pk}/withdraw/"
                statuses["withdraw"] = _on_commit(lambda client=client, url=withdraw: client.post(url)).status_code
    withdrawn = proposals["withdrawn"]
    return {
        "statuses": statuses,
        "proposals": {kind: p.pk for kind, p in proposals.items() if p},
        "withdrawn image": withdrawn.photo_id,
        "withdrawn renditions": rendition_urls,
    }


def seed_private_request_photo(village, resident, prefix: str) -> dict:
    """A request the resident does not show publicly, with a phone photo named after their mobile."""
    client = Client()
    client.force_login(resident.user)
    photo = SimpleUploadedFile(f"{text('request photo file name')}.jpg", phone_photo("request photo EXIF"))
    data = {
        "category": RequestCategory.objects.get(code="roads-lights").pk,
        "grid": Grid.objects.filter(village=village).first().pk,
        "description": "院墙裂了",
        "place": "三组",
        "photo": photo,
    }
    status = _on_commit(lambda: client.post(f"/zh-hans/requests/{village.code}/new/", data)).status_code
    request = ResidentRequest.objects.filter(village=village, description="院墙裂了").get()
    return {"status": status, "request": request.pk, "stranger": make_user(f"{prefix}-stranger")}


def _docx(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(*rows: tuple) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def seed_documents(admin) -> dict:
    """Through the admin's document form, as an editor uploads them; returns the form's validity by name."""
    csv = f"{MARKERS['csv']},姓名,电话\n1,王建华,{text('masked CSV upload')}\n".encode()
    uploads = {
        "上传低保名单.csv": (csv, True),
        "上传补贴名单.xlsx": (_xlsx((MARKERS["xlsx"], "身份证"), ("李秀英", text("masked XLSX upload"))), True),
        "上传联系人.docx": (_docx("联系人", text("DOCX upload (refused)")), False),
        "上传村规.docx": (_docx(MARKERS["docx"], "第一条 村民应当遵守"), False),
        "上传决议.pdf": (pdf_with_pages(MARKERS["pdf"] + " resolution"), False),
    }
    client = Client()
    client.force_login(admin)
    stored = {}
    for name, (data, masked) in uploads.items():
        post = {"title": name.rsplit(".", 1)[0], "collection": Collection.get_first_root_node().pk, "tags": ""}
        post["file"] = SimpleUploadedFile(name, data)
        if masked:
            post["store_masked"] = "on"
        client.post("/admin/documents/add/", post)
        stored[name] = get_document_model().objects.filter(title=post["title"]).exists()
    return stored
