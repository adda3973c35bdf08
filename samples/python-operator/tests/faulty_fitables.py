"""A fitable that always fails, for tests that check how a worker reports a fitable's exception."""

from fit import fitable


class SampleFailure(Exception):
    """Raised on purpose by samples.test.fail."""


@fitable("samples.test.fail", "fail-py", params=["string"], result="string")
def fail(reason: str) -> str:
    raise SampleFailure(f"failed on purpose: {reason}")
