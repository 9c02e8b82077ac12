from .categories import NoticeCategory
from .pages import NoticeAttachment, NoticeIndexPage, NoticePage
from .questions import NoticeQuestion

__all__ = ["NoticeAttachment", "NoticeCategory", "NoticeIndexPage", "NoticePage", "NoticeQuestion"]
