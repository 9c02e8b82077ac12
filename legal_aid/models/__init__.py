"""法律服务: the county legal-services directory and legal education (普法) with quizzes."""

from .contacts import LegalAidContact, LegalAidKind
from .directory import LegalAidDirectoryPage
from .education import LegalEducationIndexPage, LegalEducationPage, LegalEducationPageTag, LegalEducationSeries

__all__ = [
    "LegalAidContact",
    "LegalAidDirectoryPage",
    "LegalAidKind",
    "LegalEducationIndexPage",
    "LegalEducationPage",
    "LegalEducationPageTag",
    "LegalEducationSeries",
]
