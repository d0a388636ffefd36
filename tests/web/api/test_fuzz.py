"""Every operation of the OpenAPI document, called with inputs generated from its own schema
(and with edge values: huge and negative integers, NUL characters, over-long text, null),
answers without a server error, with a status it declares, and every error in the documented
shape. A response that does not fit its declared schema is a server error too, for django-ninja
validates what an operation returns against it.

schemathesis is not installed in this environment, so this is a Hypothesis fuzz over the same
document. Examples per operation: DXTALENT_FUZZ_EXAMPLES (default 5); .ci/run runs it on
PostgreSQL with more, under a time limit (`pytest -m fuzz`).
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxtalent.web.api.urls import api

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

EXAMPLES = int(os.environ.get("DXTALENT_FUZZ_EXAMPLES", "5"))
DOCUMENT = api.get_openapi_schema(path_prefix="/api")
COMPONENTS = DOCUMENT["components"]["schemas"]
OPERATIONS = [
    (path, method, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
]
EDGE_INTEGERS = st.sampled_from([0, 1, -1, 2**31, -(2**31) - 1, 2**40, 2**63, 10**21])
EDGE_TEXTS = st.sampled_from(["", "a\x00b", "x" * 300, "１２", "令和7年4月1日", "1e21", "-1"])
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def value_for(schema: dict[str, Any], depth: int = 0) -> st.SearchStrategy[Any]:
    """Values a schema allows, mixed with edge values of its type."""
    schema = _resolve(schema)
    if "anyOf" in schema:
        return st.one_of([value_for(sub, depth) for sub in schema["anyOf"]])
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | EDGE_TEXTS
    kind = schema.get("type")
    if kind == "integer":
        return (
            st.integers(min_value=schema.get("minimum"), max_value=schema.get("maximum"))
            | EDGE_INTEGERS
        )
    if kind == "number":
        return st.floats(allow_nan=False, allow_infinity=False) | EDGE_INTEGERS
    if kind == "boolean":
        return st.booleans()
    if kind == "string":
        if schema.get("format") == "date":
            return st.dates().map(str) | EDGE_TEXTS
        if "pattern" in schema:
            return st.from_regex(schema["pattern"], fullmatch=True) | EDGE_TEXTS
        return st.text(max_size=12) | EDGE_TEXTS
    if kind == "array" and depth < 3:
        return st.lists(value_for(schema.get("items", {}), depth + 1), max_size=3)
    if kind == "object" and depth < 3:
        properties = schema.get("properties", {})
        if properties:
            required = set(schema.get("required", []))
            return st.fixed_dictionaries(
                {k: value_for(v, depth + 1) for k, v in properties.items() if k in required},
                optional={
                    k: value_for(v, depth + 1) | st.none()
                    for k, v in properties.items()
                    if k not in required
                },
            )
        return st.dictionaries(st.text(max_size=8) | EDGE_TEXTS, ANY_JSON, max_size=3)
    return ANY_JSON


def _parameter(parameter: dict[str, Any], code: str) -> st.SearchStrategy[Any]:
    if parameter["name"] == "code":
        return st.sampled_from([code, "000000", "x\x00"])
    schema = _resolve(parameter.get("schema", {}))
    if schema.get("type") == "integer" and parameter["in"] == "path":
        return st.integers(min_value=0, max_value=20) | EDGE_INTEGERS
    return value_for(schema)


def _request(draw: Any, path: str, operation: dict[str, Any], code: str) -> dict[str, Any]:
    url, query = path, {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path":
            value = draw(_parameter(parameter, code))
            url = url.replace("{" + parameter["name"] + "}", quote(str(value), safe=""))
        elif parameter["in"] == "query" and (parameter.get("required") or draw(st.booleans())):
            value = draw(_parameter(parameter, code))
            if value is not None:
                query[parameter["name"]] = str(value).lower() if isinstance(value, bool) else value
    if query:
        url += "?" + urlencode(query)
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        body = draw(value_for(content["application/json"]["schema"]) | ANY_JSON)
        return {"path": url, "data": body, "content_type": "application/json"}
    if "multipart/form-data" in content:
        data = draw(
            st.binary(max_size=64)
            | st.sampled_from(
                [b"table,item,count\n1,a,\x00\n", "職員,姓\n1,佐藤\n".encode("cp932")]
            )
        )
        return {"path": url, "data": {"file": SimpleUploadedFile("upload.csv", data)}}
    return {"path": url}


@pytest.mark.parametrize(
    ("path", "method", "operation"), OPERATIONS, ids=[f"{m} {p}" for p, m, _ in OPERATIONS]
)
def test_an_operation_answers_generated_input_without_a_server_error(
    client, dana, city_a, path, method, operation
):
    client.force_login(dana)
    declared = {str(status) for status in operation["responses"]}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        request = _request(data.draw, path, operation, city_a.code)
        with transaction.atomic():
            response = getattr(client, method)(**request)
            transaction.set_rollback(True)
        shown = f"{method.upper()} {request['path']} {request.get('data')!r}"
        assert response.status_code < 500, f"{shown} → {response.status_code} {response.content!r}"
        assert str(response.status_code) in declared, (shown, response.status_code, declared)
        if response.status_code >= 400:
            errors = response.json()["errors"]
            assert errors and all(
                set(e) == {"loc", "msg"} and isinstance(e["loc"], list) for e in errors
            ), (shown, errors)

    check()
