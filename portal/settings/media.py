"""Where uploads go when several app servers share them: MEDIA_STORAGE=filesystem (default) or s3.

filesystem: MEDIA_ROOT, which must be the same shared mount (NFS, CephFS, a cluster volume) on every app server and
on the task worker; nginx serves public renditions and private files (X-Accel-Redirect) from that same path.

s3: any S3-compatible object store (AWS, MinIO, Ceph RGW, the S3 APIs of Aliyun OSS or Tencent COS) through
django-storages (portal/s3storage.py). The bucket stays private; only the image renditions (``images/``) are read
by browsers, through a bucket policy or a CDN in front of that prefix. URLs are not signed: a signed URL expires,
and pages holding one stay in the page cache for up to PAGE_CACHE_STALE_SECONDS. Documents are streamed through
Wagtail's serve view (so a private collection stays private), and private files (request photos) through the
portal's view, since nginx's X-Accel-Redirect can only send files from a local path (home/private_media.py).
"""

from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = {"BACKEND": "portal.storage.PortalFileStorage"}
S3_BACKEND = "portal.s3storage.PortalS3Storage"


def _get(env: Mapping[str, str], name: str, default: str = "") -> str:
    return env.get(name, default).strip()


def media_settings(env: Mapping[str, str]) -> tuple[dict, dict]:
    """(the STORAGES["default"] entry, other settings to set) for the MEDIA_STORAGE named in `env`."""
    kind = _get(env, "MEDIA_STORAGE", "filesystem").lower()
    if kind == "filesystem":
        return FILESYSTEM, {}
    if kind != "s3":
        raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {kind!r}")
    bucket = _get(env, "AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": bucket,
        # Django's semantics: a second upload named like the first gets a new name instead of replacing it.
        "file_overwrite": False,
        "default_acl": None,  # the bucket's own policy decides; nothing is made public-read per object
        "querystring_auth": False,
        "location": _get(env, "AWS_LOCATION"),
    }
    for option, name in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("custom_domain", "AWS_S3_CUSTOM_DOMAIN"),
        ("addressing_style", "AWS_S3_ADDRESSING_STYLE"),
    ):
        if value := _get(env, name):
            options[option] = value
    # The keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment (boto3 reads them itself),
    # never from a settings file.
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}, {"WAGTAILDOCS_SERVE_METHOD": "serve_view"}
