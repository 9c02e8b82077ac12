from .procedure import ArticleComment, ArticleCommentReport, RevisionProcedure, RevisionStep
from .revision import RuleRevisionPage
from .versions import RulesVersion, VillageRulesPage, number_chapters

__all__ = [
    "ArticleComment",
    "ArticleCommentReport",
    "RevisionProcedure",
    "RevisionStep",
    "RuleRevisionPage",
    "RulesVersion",
    "VillageRulesPage",
    "number_chapters",
]
