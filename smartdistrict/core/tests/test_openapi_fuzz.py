"""schemathesis against the OpenAPI schema of both APIs (REST and Open311).

Generated requests, valid and invalid, go to every operation of /api/v1/schema/ through the
WSGI application on the test database: none may answer 5xx, and every documented answer must
match its schema and content type. SMARTDISTRICT_FUZZ_EXAMPLES examples per operation and
identity (anonymous, administrator): 25 by default, the budget CI runs; 100 or more for a
longer run (docs/security.md has the figures). Marked slow for `make test-fast`.

The stateful test follows the schema's OpenAPI links (core/openapi_links.py): sequences of
calls where one answer's values feed the next (a created report's code into its detail,
transitions, rating; Open311's new request id into its lookup), SMARTDISTRICT_FUZZ_STATEFUL
scenarios per identity (20 by default) of up to 6 calls each.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from smartdistrict.accounts.models import Role
from smartdistrict.accounts.services import user_create

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES = int(os.environ.get("SMARTDISTRICT_FUZZ_EXAMPLES", "25"))
SCENARIOS = int(os.environ.get("SMARTDISTRICT_FUZZ_STATEFUL", "20"))


@pytest.fixture(scope="session")
def api_schema(django_db_blocker):
    """Built when the test runs, not when the suite is collected: drf-spectacular takes
    seconds to describe both APIs, which every run (and `make test-fast`, which deselects
    this test) would otherwise pay. The schema reads no data, but the request that fetches
    it opens a database connection (Django's request signals)."""
    from smartdistrict.wsgi import application

    with django_db_blocker.unblock():
        return schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    """schemathesis's lazy schema (4.32) reads and renames ``item._nodeid`` to report each
    operation; pytest 9.2 keeps the id elsewhere. Give it the attribute it expects (the
    operations are still reported as subtests by their method and path)."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """schemathesis calls the WSGI application directly, so Django's request signals fire
    and would close the test's database connection (inside its transaction) after the first
    request on PostgreSQL. Django's own test client disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["anonymous", "administrator"])
def headers(request, db) -> dict[str, str]:
    """Each operation is exercised by a stranger and by an administrator (deeper paths).

    The WSGI client asks for gzip but does not decode it; the map outlines are served
    gzipped to clients that ask, so the fuzz asks for plain bodies (it checks the API's
    answers, not transport compression)."""
    plain = {"Accept-Encoding": "identity"}
    if request.param == "anonymous":
        return plain
    from rest_framework.authtoken.models import Token

    admin = user_create(username="fuzz-admin", password="x", role=Role.ADMINISTRATOR,
                        check_password=False)
    return {**plain, "Authorization": f"Token {Token.objects.create(user=admin).key}"}


@pytest.mark.slow
# The lazy schema's test takes its fixtures by name: naming `headers` here makes pytest
# run it once per kind of caller.
@pytest.mark.usefixtures("headers")
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_within_its_schema_and_never_fails(case, headers):
    case.call_and_validate(checks=CHECKS, headers=headers)


def test_every_link_of_the_schema_names_an_operation_and_its_parameters(api_schema):
    """A link to a renamed operation or parameter would silently stop the stateful run."""
    operations = {
        op["operationId"]: {f"{p['in']}.{p['name']}" for p in op.get("parameters", [])}
        for item in api_schema.raw_schema["paths"].values() for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }
    links = [
        link for item in api_schema.raw_schema["paths"].values() for op in item.values()
        if isinstance(op, dict)
        for response in op.get("responses", {}).values()
        for link in response.get("links", {}).values()
        if "operationId" in link  # schemathesis adds inferred ones by operationRef
    ]
    assert len(links) >= 20
    for link in links:
        assert set(link["parameters"]) <= operations[link["operationId"]], link


@pytest.fixture
def something_to_link_to(db):
    """A report and a station, so that lists answer items whose codes links carry on."""
    from smartdistrict.environment.models import StationKind
    from smartdistrict.environment.services.reference import parameters_load
    from smartdistrict.environment.services.stations import station_upsert
    from smartdistrict.feedback.tests.conftest import WARD_POINTS, create_report

    parameters_load()
    station_upsert(code="XT-01", name="Kênh Xuyên Tâm", canal="Xuyên Tâm", lat=10.8109,
                   lon=106.7050, kind=StationKind.MANUAL, parameters=["pH", "DO"])
    lat, lon = WARD_POINTS["26911"]
    create_report(category="rac-thai", lat=lat, lon=lon, reporter_phone="0912345678",
                  description="Rác thải đổ trộm ở đầu hẻm đã ba ngày, bốc mùi hôi.")


@pytest.mark.slow
@pytest.mark.usefixtures("something_to_link_to")
def test_api_workflows_along_the_links_never_fail(api_schema, headers):
    """schemathesis's state machine: chains of calls joined by the schema's links, each
    answer checked as above; the run must have followed links, not only single calls."""
    followed: list[str] = []

    class Workflow(api_schema.as_state_machine()):
        def step(self, input):
            if input.transition is not None and input.is_applied:
                followed.append(input.transition.id)
            return super().step(input)

        def get_call_kwargs(self, case):
            return {"headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS, headers=headers)

    Workflow.run(settings=settings(
        max_examples=SCENARIOS, stateful_step_count=6, deadline=None, derandomize=True,
        suppress_health_check=list(HealthCheck),
    ))
    assert followed, "no link was followed"
