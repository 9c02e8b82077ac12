"""Moved to home.privacy.detect (issue 18); kept so that older imports keep working."""

from home.privacy.detect import *  # noqa: F403
from home.privacy.detect import MASKERS, Finding, find_personal_data, mask_all  # noqa: F401
