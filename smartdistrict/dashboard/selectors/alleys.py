"""The alley-upgrade panel: proposals by state, and money from residents against the
state budget, read through the alleys app's own selector (nothing there knows the
dashboard). Scoped like every figure: a ward officer sees the wards of his or her scope."""

from __future__ import annotations

import logging

from smartdistrict.accounts.selectors import Scope

log = logging.getLogger(__name__)


def alleys_panel(scope: Scope):
    """The programme's summary in ``scope`` (four queries), or None when the alleys app
    or its tables are not there."""
    try:
        from smartdistrict.alleys.selectors.summary import programme_summary

        return programme_summary(scope)
    except Exception:  # the app is not installed or not migrated: leave the panel out
        log.exception("alleys panel unavailable")
        return None
