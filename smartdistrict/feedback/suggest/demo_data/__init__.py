"""Raw material for demo report texts, kept apart from the generator (demo_texts.py)."""

from smartdistrict.feedback.suggest.demo_data import (
    administration,
    common,
    environment,
    transport,
    urban,
)

CATEGORIES: dict[str, dict[str, object]] = {
    **urban.CATEGORIES, **environment.CATEGORIES, **administration.CATEGORIES,
    **transport.CATEGORIES,
}

__all__ = ["CATEGORIES", "common"]
