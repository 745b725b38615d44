"""What operators see: structured logs with a request id, Prometheus metrics, error reports.

- ``logs``: the logging configuration (JSON lines or logfmt) and the request context;
- ``middleware``: gives each request its id, logs it, counts it;
- ``jobs``: carries the request id into the Huey jobs a request enqueues, counts failures;
- ``metrics``: the series and the ``/metrics`` view;
- ``errors``: optional error reporting (Sentry protocol) when ``SENTRY_DSN`` is set.
"""
