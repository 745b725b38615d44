"""Residents' pages, one module per page family; thin: every rule is in feedback services."""
