"""The load test runs on the same real stack as the fault tests."""

from tests.reliability.test_faults import stack  # noqa: F401
