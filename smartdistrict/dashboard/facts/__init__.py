"""The dashboard's aggregates: per-report facts and daily sums, refreshed and checked.

``refresh`` keeps them up to date from the reports changed since the last run;
``check`` recomputes everything beside them, reports drift and repairs it.
"""
