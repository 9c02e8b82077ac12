"""The consultation fixtures, for audited actions."""

from tests.consultations.conftest import consultation, english_messages, make_question, make_resident  # noqa: F401
