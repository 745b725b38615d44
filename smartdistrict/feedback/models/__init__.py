"""Feedback models: configuration (categories, routing) and reports with their timeline."""

from smartdistrict.feedback.models.config import (
    DESCRIPTION_MIN_DEFAULT,
    AttributeDatatype,
    Category,
    CategoryAttribute,
    DeadlineUnit,
    Priority,
    RoutingRule,
    RoutingRuleChange,
    SuggesterModel,
)
from smartdistrict.feedback.models.reports import (
    CLOSED_STATES,
    OPEN_STATES,
    Channel,
    CodeSequence,
    ContactAccess,
    Event,
    EventKind,
    Photo,
    Report,
    ReportConversation,
    Status,
)

__all__ = [
    "CLOSED_STATES",
    "DESCRIPTION_MIN_DEFAULT",
    "OPEN_STATES",
    "AttributeDatatype",
    "Category",
    "CategoryAttribute",
    "Channel",
    "CodeSequence",
    "ContactAccess",
    "DeadlineUnit",
    "Event",
    "EventKind",
    "Photo",
    "Priority",
    "Report",
    "ReportConversation",
    "RoutingRule",
    "RoutingRuleChange",
    "Status",
    "SuggesterModel",
]
