"""The API speaks the standards: its OpenAPI schema holds for every answer it gives (checked
by Schemathesis), CORS, rate limits, conditional requests, facets, NDJSON bulk reads."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("real_directory")]

# Per operation and mode; derandomized, so a run checks the same cases every time.
EXAMPLES = 20


def _check_operation(operation, mode: GenerationMode) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        # Every check Schemathesis has, as `--checks all` runs them.
        case.call_and_validate()

    check()


def test_every_answer_matches_the_schema(settings):
    """Schemathesis on every operation the served schema has (those added later too), with
    valid and invalid input. Its pytest plugin's lazy loader does not run on pytest 9, so the
    operations are walked here; the schema needs the database, so it is read in the test."""
    from clair_directory.wsgi import application

    settings.API_RATE = "100000/min"  # some thousand requests, none to be refused

    schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _check_operation(operation, mode)
            except Unsatisfiable:
                pass  # nothing to make invalid (a path parameter that takes any text)
            # Schemathesis reports its findings as an exception group, not an Exception.
            except (Exception, BaseExceptionGroup) as failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")
    assert not failures, "\n\n".join(failures)
