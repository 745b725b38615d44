"""Console forms: they parse and label input; every rule is enforced by feedback services."""
