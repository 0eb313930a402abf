"""The policy library's models: the taxonomy, documents, interpretations and cleanup campaigns."""

from .cleanup import CleanupCampaign, CleanupReview
from .documents import (
    Attachment,
    Document,
    DocumentRelation,
    Finding,
    IndexCounter,
)
from .interpretations import Interpretation, InterpretationExemption
from .taxonomy import CatalogColumn, LibrarySettings, StandardCatalogArea, Topic

__all__ = [
    "Attachment",
    "CatalogColumn",
    "CleanupCampaign",
    "CleanupReview",
    "Document",
    "DocumentRelation",
    "Finding",
    "IndexCounter",
    "Interpretation",
    "InterpretationExemption",
    "LibrarySettings",
    "StandardCatalogArea",
    "Topic",
]

from gongkai.library.gazette.models import GazetteEntry, GazetteIssue, ImportRun  # noqa: F401
