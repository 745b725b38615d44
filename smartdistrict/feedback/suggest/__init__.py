"""Category suggestion for citizen reports: a small model on folded Vietnamese text.

Suggestions are only ever shown (to the resident while reporting, to staff while
triaging); nothing here changes a report's category.
"""

from smartdistrict.feedback.suggest.model import (
    CategorySuggester,
    Suggestion,
    default_suggester,
    normalise,
    train_suggester,
)

__all__ = [
    "CategorySuggester",
    "Suggestion",
    "default_suggester",
    "normalise",
    "train_suggester",
]
