"""Moved to home.privacy.guard (issue 18); kept so that older imports keep working."""

from home.privacy.guard import *  # noqa: F403
from home.privacy.guard import (  # noqa: F401
    KIND_LABELS,
    PUBLISHING_ACTIONS,
    SELF_MASKING_BLOCKS,
    PersonalDataGuardForm,
    PersonalDataRefused,
    findings_in,
    is_publishing,
    refusal_message,
    texts_in,
)
