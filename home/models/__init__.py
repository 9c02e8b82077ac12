from .base import ArticlePage, IndexPage
from .pages import CommitteeContact, PortalHomePage, VillagePage
from .villages import Village

__all__ = ["ArticlePage", "CommitteeContact", "IndexPage", "PortalHomePage", "Village", "VillagePage"]
