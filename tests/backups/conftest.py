"""The consultation fixtures, for ballots to back up."""

from tests.consultations.conftest import consultation, make_question, make_resident  # noqa: F401
