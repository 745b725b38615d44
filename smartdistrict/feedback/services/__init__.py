"""Every write to feedback goes through these services: web, API, Open311, hotline, jobs."""
