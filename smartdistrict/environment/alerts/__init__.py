"""Alert rules on canal water quality: evaluation (rules.py pure, services.py writes),
the ingest hook (hooks.py), reads for the staff page (selectors.py), admin (admin.py)."""
