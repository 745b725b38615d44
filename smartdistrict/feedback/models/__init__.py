"""Feedback models: configuration (categories, routing) and reports with their timeline."""

from smartdistrict.feedback.models.alerts import AlertSubscription
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
from smartdistrict.feedback.models.data_requests import (
    DataRequest,
    DataRequestAction,
    DataRequestEntry,
    DataRequestKind,
    DataRequestStatus,
)
from smartdistrict.feedback.models.reports import (
    CLOSED_STATES,
    OPEN_STATES,
    Channel,
    CodeSequence,
    ContactAccess,
    Event,
    EventKind,
    FollowupAnswer,
    Photo,
    PhotoStage,
    Report,
    ReportConversation,
    Status,
)
from smartdistrict.feedback.models.residents import RefusalReason, ResidentCode, Support
from smartdistrict.feedback.models.zalo import ZaloToken

__all__ = [
    "CLOSED_STATES",
    "DESCRIPTION_MIN_DEFAULT",
    "OPEN_STATES",
    "AlertSubscription",
    "AttributeDatatype",
    "Category",
    "CategoryAttribute",
    "Channel",
    "CodeSequence",
    "ContactAccess",
    "DataRequest",
    "DataRequestAction",
    "DataRequestEntry",
    "DataRequestKind",
    "DataRequestStatus",
    "DeadlineUnit",
    "Event",
    "EventKind",
    "FollowupAnswer",
    "Photo",
    "PhotoStage",
    "Priority",
    "RefusalReason",
    "Report",
    "ReportConversation",
    "ResidentCode",
    "RoutingRule",
    "RoutingRuleChange",
    "Status",
    "SuggesterModel",
    "Support",
    "ZaloToken",
]
