"""Sample fitables: Python implementations of two text genericables.

The .NET sample plugin also implements ``samples.text.word-count``. ``word-count-py`` is this worker's fitable for
it, so a caller can select the Python implementation by fitable id.
"""

from fit import fitable


@fitable("samples.text.word-count", "word-count-py", params=["bytes"], result="json", tags=["python"])
def word_count(text: bytes) -> int:
    """Count the words of UTF-8 text: runs of characters between whitespace."""
    return len(text.decode("utf-8").split())


@fitable("samples.text.reverse", "reverse-py", params=["string"], result="string", tags=["python"])
def reverse(text: str) -> str:
    """Reverse a string by Unicode code point."""
    return text[::-1]
