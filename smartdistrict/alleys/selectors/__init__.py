"""Reads of the alleys app: the register and conditions, proposals, accounts, summary."""
