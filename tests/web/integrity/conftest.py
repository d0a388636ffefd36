from tests.web.people.conftest import dx_department, framework, team  # noqa: F401
