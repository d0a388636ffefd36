"""The REST API at /api/, with OpenAPI documentation at /api/docs.

Errors have one shape: {"errors": [{"loc": [...], "msg": "..."}]}; 400 for bad input, 401 when
not signed in, 403 for a role too low or a failed CSRF check, 404 for what is not there or not
yours, 409/412 for a change to a record someone else saved since it was read (a stale
`version` in the body / If-Match), 429 for too many plan runs at once, 500 (logged with its traceback) for anything unexpected. Input schemas derive from
dxtalent.web.api.schemas.In, which fits them to the database's columns.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

import dxtalent
from dxtalent.core.planning.solve_limits import SolveTooLargeError, TooManySolvesError
from dxtalent.core.text import NulCharacterError
from dxtalent.web.api.auth import AUTH
from dxtalent.web.api.schemas import refuse_nul_in_request
from dxtalent.web.concurrency import StaleWriteError

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="dxtalent API",
    version=dxtalent.__version__,
    description=(
        "Digital talent for Japanese local governments. Authenticate with your browser session "
        "or with `Authorization: Bearer <token>` (create tokens under Account → API tokens). "
        "Every organisation's data is visible to its members only."
    ),
    auth=AUTH,
    urls_namespace="api",
)
api.add_decorator(refuse_nul_in_request, mode="view")


def error_response(
    request: HttpRequest, status: int, errors: Sequence[Mapping[str, object]]
) -> HttpResponse:
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {"loc": [str(part) for part in error.get("loc", [])], "msg": str(error.get("msg", ""))}
        for error in exc.errors
    ]
    return error_response(request, 400, errors)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"loc": ["body", field], "msg": message}
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"loc": ["body"], "msg": message} for message in exc.messages]
    return error_response(request, 400, errors)


@api.exception_handler(RequestDataTooBig)
def on_body_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = f"The request body is too large: the limit is {limit} bytes (README, Limits)."
    return error_response(request, 400, [{"loc": ["body"], "msg": message}])


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, [{"loc": ["path"], "msg": str(exc) or "Not found."}])


@api.exception_handler(PermissionDenied)
def on_forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(request, 403, [{"loc": [], "msg": str(exc) or "Permission denied."}])


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        request, 401, [{"loc": ["header"], "msg": "Sign in or send a valid API token."}]
    )


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals, e.g. a failed CSRF check (403) on a session-authenticated call."""
    return error_response(request, exc.status_code, [{"loc": [], "msg": str(exc)}])


@api.exception_handler(StaleWriteError)
def on_stale_write(request: HttpRequest, exc: StaleWriteError) -> HttpResponse:
    """Someone else saved the record since the client read it (dxtalent.web.concurrency)."""
    return error_response(request, exc.status, [{"loc": exc.loc, "msg": str(exc)}])


@api.exception_handler(SolveTooLargeError)
def on_solve_too_large(request: HttpRequest, exc: SolveTooLargeError) -> HttpResponse:
    """A scenario beyond the limits of a solve (core.planning.solve_limits)."""
    errors = [
        {
            "loc": ["body", "scenario", e.what],
            "msg": f"{e.what}: {e.found:,} is more than the limit of {e.limit:,} "
            "(docs/scenario-format.md, Limits of a solve)",
        }
        for e in exc.excesses
    ]
    return error_response(request, 400, errors)


@api.exception_handler(TooManySolvesError)
def on_too_many_solves(request: HttpRequest, exc: TooManySolvesError) -> HttpResponse:
    return error_response(request, 429, [{"loc": [], "msg": str(exc)}])


@api.exception_handler(NulCharacterError)
def on_nul(request: HttpRequest, exc: NulCharacterError) -> HttpResponse:
    return error_response(request, 400, [{"loc": ["body", exc.field], "msg": str(exc)}])


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else is our fault: logged with its traceback, answered in the one error shape."""
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return error_response(request, 500, [{"loc": [], "msg": "internal error"}])


from dxtalent.web.organisations.api import router as organisations_router  # noqa: E402
from dxtalent.web.people.api import router as people_router  # noqa: E402

api.add_router("/", organisations_router)
from dxtalent.web.diagnostics.api import router as diagnostics_router  # noqa: E402

api.add_router("/", people_router)
from dxtalent.web.planning.api import router as planning_router  # noqa: E402

api.add_router("/", diagnostics_router)
api.add_router("/", planning_router)
from dxtalent.web.surveys.api import router as surveys_router  # noqa: E402

api.add_router("/", surveys_router)
from dxtalent.web.interviews.api import router as interviews_router  # noqa: E402

api.add_router("/", interviews_router)
from dxtalent.web.standardization.api import router as standardization_router  # noqa: E402

api.add_router("/", standardization_router)
from dxtalent.web.pool.api import router as pool_router  # noqa: E402

api.add_router("/", pool_router)
from dxtalent.web.reports.api import ReportRequestError  # noqa: E402
from dxtalent.web.reports.api import router as reports_router  # noqa: E402

api.add_router("/", reports_router)


@api.exception_handler(ReportRequestError)
def on_bad_report_request(request: HttpRequest, exc: ReportRequestError) -> HttpResponse:
    """An unknown report, audience or format (dxtalent.web.reports.api)."""
    return error_response(request, 400, [{"loc": exc.loc, "msg": str(exc)}])
