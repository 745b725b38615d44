"""Models of the alley-upgrade programme ("Nhà nước và Nhân dân cùng làm")."""

from smartdistrict.alleys.models.ballots import Ballot, Channel, Choice, Vote
from smartdistrict.alleys.models.households import (
    Exemption,
    Household,
    Payment,
    PaymentMethod,
    Pledge,
    PledgeKind,
    ShareKind,
    Standing,
)
from smartdistrict.alleys.models.proposals import (
    BoardMember,
    BoardRole,
    EstimateItem,
    EventKind,
    Expense,
    ExpenseSource,
    ProgressPhoto,
    Proposal,
    ProposalEvent,
    Represents,
    State,
)
from smartdistrict.alleys.models.register import Alley, Drainage, Flooding, Lighting, Surface

__all__ = [
    "Alley", "Ballot", "BoardMember", "BoardRole", "Channel", "Choice", "Drainage",
    "EstimateItem", "EventKind", "Exemption", "Expense", "ExpenseSource", "Flooding",
    "Household", "Lighting", "Payment", "PaymentMethod", "Pledge", "PledgeKind",
    "ProgressPhoto", "Proposal", "ProposalEvent", "Represents", "ShareKind", "Standing",
    "State", "Surface", "Vote",
]
