"""StreamField blocks shared by every page type that carries a body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# Editors get plain formatting only: no headings inside paragraphs, no embeds, no raw HTML.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("Text alternative"),
        help_text=_("Describe the picture for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        label = _("Image")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(required=False, label=_("Link text"))

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link.html"
        label = _("Document")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(form_classname="title", icon="title", template="blocks/heading.html", label=_("Heading"))
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = CaptionedImageBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = _("Body")
