from .grids import Grid, GridWorker
from .mediation import MediationCase, MediationParty, MediationSession
from .requests import PLATFORM_CHOICES, RequestCategory, RequestEvent, ResidentRequest

__all__ = [
    "PLATFORM_CHOICES",
    "Grid",
    "GridWorker",
    "MediationCase",
    "MediationParty",
    "MediationSession",
    "RequestCategory",
    "RequestEvent",
    "ResidentRequest",
]
