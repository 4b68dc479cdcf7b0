from townhall.grants.models.applications import (
    Application,
    ApplicationEvent,
    ApplicationFile,
    InformationRequest,
)
from townhall.grants.models.assessment import Assessment, Assessor, ConflictDeclaration
from townhall.grants.models.awards import Award, MonitoringReport, Payment
from townhall.grants.models.schemes import (
    ApplicationSectionBlock,
    CriterionBlock,
    EligibilityBlock,
    GrantRound,
    GrantSchemePage,
    RecipientType,
)

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationFile",
    "ApplicationSectionBlock",
    "Assessment",
    "Assessor",
    "Award",
    "ConflictDeclaration",
    "CriterionBlock",
    "EligibilityBlock",
    "GrantRound",
    "GrantSchemePage",
    "InformationRequest",
    "MonitoringReport",
    "Payment",
    "RecipientType",
]
