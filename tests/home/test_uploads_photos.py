"""Resident photos (home.resident_photos): re-encoded without EXIF, random name, extension from content,
pixel and byte caps, HEIC converted; through the proposal form and the grid request form."""

import io
import re
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from home import resident_photos
from home.resident_photos import clean_photo

GPS_IFD = 0x8825
ARTIST, MODEL = 0x013B, 0x0110


@pytest.fixture(autouse=True)
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def jpeg_with_gps(size=(64, 48)) -> bytes:
    exif = Image.Exif()
    exif[ARTIST] = "Wang Jianhua"
    exif[MODEL] = "Phone of Wang"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (34.0, 45.0, 12.5), "E", (113.0, 39.0, 1.25)
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 30)).save(out, "JPEG", exif=exif, comment=b"home of Wang")
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD)  # the test photo really has a position
    return data


def png_bytes(size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 80, 20)).save(out, "PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header announces width x height pixels (a decompression bomb as far as the header goes)."""
    data = bytearray(png_bytes((1, 1)))
    ihdr = data[8 + 8 : 8 + 8 + 13]
    ihdr[0:8] = struct.pack(">II", width, height)
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + bytes(ihdr)))
    return bytes(data)


def upload(name: str, data: bytes, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def read_back(file) -> Image.Image:
    file.seek(0)
    image = Image.open(io.BytesIO(file.read()))
    image.load()
    return image


def assert_no_metadata(image: Image.Image) -> None:
    assert not image.getexif()
    assert not image.getexif().get_ifd(GPS_IFD)
    assert "exif" not in image.info and "comment" not in image.info and "xmp" not in image.info


def test_exif_gps_and_camera_owner_are_gone_and_the_name_is_random():
    clean = clean_photo(upload("IMG_20261202_home.jpg", jpeg_with_gps()))
    image = read_back(clean)
    assert image.format == "JPEG" and image.size == (64, 48)
    assert_no_metadata(image)
    assert b"Wang" not in clean.read()
    assert re.fullmatch(r"[0-9a-f]{32}\.jpg", clean.name)
    assert clean_photo(upload("IMG_20261202_home.jpg", jpeg_with_gps())).name != clean.name


def test_the_extension_comes_from_the_content():
    clean = clean_photo(upload("notice.html", png_bytes(), "text/html"))
    assert clean.name.endswith(".png") and clean.content_type == "image/png"
    assert read_back(clean).format == "PNG"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        b"%PDF-1.4 not a photo",
        png_bytes()[:40],  # cut off
    ],
)
def test_what_is_no_photo_is_refused(data):
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload("photo.jpg", data))
    assert refused.value.code == "photo_format"


@pytest.mark.parametrize("side", [10_000, 30_000])  # above our cap; above Pillow's own bomb limit
def test_a_decompression_bomb_is_refused_from_its_header(side):
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload("bomb.png", png_claiming(side, side), "image/png"))
    assert refused.value.code == "photo_pixels"
    assert "50 megapixels" in refused.value.messages[0]


def test_too_many_bytes_are_refused_before_decoding():
    with pytest.raises(ValidationError) as refused:
        clean_photo(upload("big.jpg", b"\xff\xd8" + b"0" * (resident_photos.MAX_PHOTO_BYTES + 1)))
    assert refused.value.code == "photo_bytes"


def test_a_large_photo_is_scaled_down():
    out = io.BytesIO()
    Image.new("RGB", (4000, 1000), (1, 2, 3)).save(out, "JPEG")
    image = read_back(clean_photo(upload("wide.jpg", out.getvalue())))
    assert image.size == (resident_photos.MAX_SIDE, 640)


def test_heic_from_a_phone_is_converted_to_jpeg():
    out = io.BytesIO()
    exif = Image.Exif()
    exif[ARTIST] = "Wang Jianhua"
    Image.new("RGB", (64, 48), (90, 90, 200)).save(out, "HEIF", exif=exif.tobytes())
    clean = clean_photo(upload("IMG_0001.HEIC", out.getvalue(), "image/heic"))
    image = read_back(clean)
    assert image.format == "JPEG" and clean.name.endswith(".jpg") and image.size == (64, 48)
    assert_no_metadata(image)


def test_a_transparent_png_stays_png_with_its_transparency():
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 0, 0)).save(out, "PNG")
    image = read_back(clean_photo(upload("sign.png", out.getvalue(), "image/png")))
    assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
