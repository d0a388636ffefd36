"""Published survey tables with the audit verdict on every row, and the audit of a user's own
tables (uploaded, checked, shown; nothing stored)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from dxtalent.core.surveys import read_tables_csv, shipped_tables
from dxtalent.core.tabular import TableValidationError, TabularError
from dxtalent.web.surveys import services
from dxtalent.web.surveys.forms import AuditUploadForm

MAX_UPLOAD = 5 * 1024 * 1024


def _number(request: HttpRequest) -> int | None:
    value = request.GET.get("table", "")
    return int(value) if value.isdigit() else None


def _language() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


@login_required
def published(request: HttpRequest) -> HttpResponse:
    tables = shipped_tables()
    number = _number(request)
    try:
        found = services.audited(tables, number)
    except KeyError:
        raise Http404("no such table") from None
    return render(
        request,
        "surveys/published.html",
        {
            "tables": tables,
            "found": found,
            "numbers": [t.number for t in tables.tables],
            "chosen": number,
            "language": _language(),
            "form": AuditUploadForm(),
            "inconsistent": sum(len(t.rows) - t.consistent for t in found),
        },
    )


@login_required
def published_export(request: HttpRequest) -> HttpResponse:
    try:
        found = services.audited(shipped_tables(), _number(request))
    except KeyError:
        raise Http404("no such table") from None
    response = HttpResponse(
        services.audit_xlsx(found, _language()),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="published-tables-audit.xlsx"'
    return response


@login_required
def audit_upload(request: HttpRequest) -> HttpResponse:
    form = AuditUploadForm(request.POST or None, request.FILES or None)
    found = None
    errors: list[str] = []
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            errors = [_("The file is larger than 5 MB.")]
        else:
            try:
                tables = read_tables_csv(upload.read(), upload.name)
                found = services.audited(tables)
            except TableValidationError as error:
                errors = [e.render(_) for e in error.errors]
            except TabularError as error:
                errors = [error.render(_)]
        if errors:
            status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "surveys/audit.html",
        {"form": form, "found": found, "errors": errors, "language": _language()},
        status=status,
    )
