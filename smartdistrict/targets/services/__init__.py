"""Writes of the targets app (keyword-only ``<thing>_<verb>`` functions, atomic)."""
