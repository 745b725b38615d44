"""Reads of the dashboard: figures from the aggregates, in the viewer's scope."""
