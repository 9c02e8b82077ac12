"""The open-data API (Wagtail API v2): read-only listings of public pages, images and documents."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from home.privacy.detect import mask_all

# An OFFSET past 2**63 - 1 overflowed the database's integer (HTTP 500 on SQLite and PostgreSQL alike);
# no listing of this portal comes near this bound.
MAX_OFFSET = 10_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail's pagination, with a 400 instead of a database error for an offset beyond any listing."""

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.GET.get("offset", "0")
        try:
            too_far = int(raw) > MAX_OFFSET
        except ValueError:
            too_far = False  # Wagtail's own check answers "offset must be a positive integer"
        if too_far:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


def _masked(value):
    """Every string of an API item with full personal numbers masked: a title or file name stored before the upload
    check (or written by a script) must not reach the open-data API in full (DOMAIN §5)."""
    if isinstance(value, str):
        return mask_all(value)
    if isinstance(value, dict):
        return {key: _masked(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_masked(item) for item in value]
    return value


class MaskedImageSerializer(ImageSerializer):
    def to_representation(self, instance):
        return _masked(super().to_representation(instance))


class MaskedDocumentSerializer(DocumentSerializer):
    def to_representation(self, instance):
        return _masked(super().to_representation(instance))


class Pages(PagesAPIViewSet):
    pagination_class = BoundedPagination


class Images(ImagesAPIViewSet):
    """Images editors put in pages; photos residents uploaded (proposal photos) are never listed: they are shown
    only with their proposal, and leave public view with it."""

    pagination_class = BoundedPagination
    base_serializer_class = MaskedImageSerializer

    def get_queryset(self):
        from consultations.photos import resident_photo_ids

        return super().get_queryset().exclude(pk__in=resident_photo_ids())


class Documents(DocumentsAPIViewSet):
    pagination_class = BoundedPagination
    base_serializer_class = MaskedDocumentSerializer


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", Pages)
api_router.register_endpoint("images", Images)
api_router.register_endpoint("documents", Documents)
