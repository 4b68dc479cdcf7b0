"""Every text the API reads from an address (a filter in the query string, a slug in the
path) refuses a control character with a 400 that names the field. PostgreSQL cannot
compare a string holding NUL: CI's schemathesis run found /api/votes?councillor=%00 a 500."""

import re

import pytest

pytestmark = pytest.mark.django_db

REFUSED = "Barnet\x00Vale"


def _text_parameters(client) -> list[tuple[str, str, str]]:
    """(path with its other parameters filled, where, name) for every string parameter."""
    schema = client.get("/api/openapi.json").json()
    found = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        for parameter in operations["get"].get("parameters", []):
            kinds = {parameter["schema"].get("type")} | {
                option.get("type") for option in parameter["schema"].get("anyOf", [])
            }
            if "string" in kinds and "format" not in parameter["schema"]:
                found.append((path, parameter["in"], parameter["name"]))
    return found


def test_every_text_parameter_refuses_a_control_character(client):
    parameters = _text_parameters(client)
    assert {"councillor", "committee", "q", "ward", "slug"} <= {p[2] for p in parameters}
    for path, where, name in parameters:
        if where == "path":
            answer = client.get(re.sub(r"\{" + name + r"\}", REFUSED, path))
        else:
            filled = re.sub(r"\{\w+\}", "1", path)
            answer = client.get(filled, {name: REFUSED})
        assert answer.status_code == 400, (path, name, answer.status_code)
        assert name in answer.content.decode(), (path, name, answer.content)
