"""The optional quiz at the end of a legal-education article."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Answer"))
    correct = blocks.BooleanBlock(required=False, label=_("This is the right answer"))

    class Meta:
        label = _("Answer")


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=6, label=_("Answers"))
    explanation = blocks.TextBlock(
        label=_("Explanation"), help_text=_("Why the right answer is right, in plain words, citing the law.")
    )

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["correct"]) != 1:
            raise StructBlockValidationError(
                block_errors={"choices": ValidationError(_("Mark exactly one answer as the right one."))}
            )
        return value


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        label = _("Quiz")
