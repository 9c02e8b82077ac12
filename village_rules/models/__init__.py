from .procedure import COMMENT_MAX_LENGTH, ArticleComment, ArticleCommentReport, RevisionProcedure, RevisionStep
from .revision import RuleRevisionPage
from .versions import RulesVersion, VillageRulesPage, number_chapters

__all__ = [
    "COMMENT_MAX_LENGTH",
    "ArticleComment",
    "ArticleCommentReport",
    "RevisionProcedure",
    "RevisionStep",
    "RuleRevisionPage",
    "RulesVersion",
    "VillageRulesPage",
    "number_chapters",
]
