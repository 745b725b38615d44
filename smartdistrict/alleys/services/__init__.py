"""Every write of the alleys app goes through these services: pages, API, admin, demo."""
