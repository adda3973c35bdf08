"""Python fitables: how they are declared, found, and how FIT values become Python values and back.

A fitable is a plain function marked with ``@fitable``. Its parameters are positional, in the genericable's order,
and each one names its wire type:

    @fitable("samples.text.reverse", "reverse-py", params=["string"], result="string")
    def reverse(text):
        return text[::-1]

Wire types match FitValueType on the .NET side: ``json`` (any JSON value), ``string`` (UTF-8 text), ``bytes``, and
``void`` for a result that carries nothing. A ``json`` parameter takes a Utf8 or Bytes argument as str or bytes.
"""

import json
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .protocol import FitableInfo, Value, ValueKind

WIRE_TYPES = ("json", "string", "bytes")
RESULT_TYPES = ("json", "string", "bytes", "void")


class BadArgument(ValueError):
    """An argument that cannot be given to the fitable: wrong count, unreadable kind, or undecodable data."""


@dataclass
class RegisteredFitable:
    genericable_id: str
    fitable_id: str
    function: Callable
    params: Tuple[str, ...]
    result: str
    genericable_version: str = "1.0.0"
    aliases: List[str] = field(default_factory=list)
    tags: List[str] = field(default_factory=list)
    is_default: bool = False
    degrades_to: Optional[str] = None

    def info(self) -> FitableInfo:
        return FitableInfo(
            genericable_id=self.genericable_id,
            fitable_id=self.fitable_id,
            genericable_version=self.genericable_version,
            aliases=list(self.aliases),
            tags=list(self.tags),
            is_default=self.is_default,
            degrades_to=self.degrades_to,
        )

    def invoke(self, arguments: Sequence[Value]) -> Value:
        """Decode the arguments, call the function and encode its result. Raise BadArgument for invalid arguments.
        Exceptions from the function propagate unchanged."""
        if len(arguments) != len(self.params):
            raise BadArgument(
                f"fitable '{self.fitable_id}' of '{self.genericable_id}' takes {len(self.params)} argument(s), "
                f"but the request has {len(arguments)}")
        values = [decode_value(value, wire, index) for index, (value, wire) in enumerate(zip(arguments, self.params))]
        return encode_result(self.function(*values), self.result)


class Registry:
    """The fitables a worker serves, keyed by genericable id and by fitable id or alias."""

    def __init__(self) -> None:
        self._fitables: Dict[Tuple[str, str], RegisteredFitable] = {}

    def add(self, registered: RegisteredFitable) -> None:
        for name in [registered.fitable_id, *registered.aliases]:
            key = (registered.genericable_id, name)
            existing = self._fitables.get(key)
            if existing is not None and existing is not registered:
                raise ValueError(
                    f"'{name}' of genericable '{registered.genericable_id}' is registered twice: by "
                    f"{_describe(existing.function)} and by {_describe(registered.function)}")
            self._fitables[key] = registered

    def find(self, genericable_id: str, fitable_id: str) -> Optional[RegisteredFitable]:
        return self._fitables.get((genericable_id, fitable_id))

    def all(self) -> List[RegisteredFitable]:
        unique = {id(f): f for f in self._fitables.values()}
        return sorted(unique.values(), key=lambda f: (f.genericable_id, f.fitable_id))


#: Fitables declared with @fitable in any imported module. A worker serves this registry unless given another.
default_registry = Registry()


def fitable(genericable_id: str, fitable_id: str, *, params: Sequence[str], result: str = "json",
            version: str = "1.0.0", aliases: Sequence[str] = (), tags: Sequence[str] = (),
            is_default: bool = False, degrades_to: Optional[str] = None, registry: Optional[Registry] = None):
    """Mark a function as a fitable of a genericable and register it in ``registry`` (default_registry if None)."""
    for wire in params:
        if wire not in WIRE_TYPES:
            raise ValueError(f"parameter type '{wire}' of fitable '{fitable_id}' is not one of {', '.join(WIRE_TYPES)}")
    if result not in RESULT_TYPES:
        raise ValueError(f"result type '{result}' of fitable '{fitable_id}' is not one of {', '.join(RESULT_TYPES)}")

    def register(function: Callable) -> Callable:
        (registry or default_registry).add(RegisteredFitable(
            genericable_id=genericable_id, fitable_id=fitable_id, function=function, params=tuple(params),
            result=result, genericable_version=version, aliases=list(aliases), tags=list(tags),
            is_default=is_default, degrades_to=degrades_to))
        return function

    return register


def decode_value(value: Value, wire: str, index: int):
    """Convert argument ``index`` into the Python value of its declared wire type."""
    if value.kind == ValueKind.HANDLE:
        handle = value.handle
        where = f" (segment '{handle.segment}' on node '{handle.node_id}', {handle.length} bytes)" if handle else ""
        raise BadArgument(
            f"argument {index} is a shared-memory handle{where}; this Python worker reads inline values only "
            f"(Json, Utf8, Bytes, Null). Send the value inline, below the caller's shared-memory threshold.")
    if value.kind == ValueKind.NULL:
        return None
    if value.kind not in (ValueKind.JSON, ValueKind.UTF8, ValueKind.BYTES):
        raise BadArgument(f"argument {index} has value kind {int(value.kind)}, which this worker does not support")

    data = value.data
    try:
        if wire == "bytes":
            return data
        if wire == "string" and value.kind == ValueKind.JSON:
            text = json.loads(data.decode("utf-8"))
            if not isinstance(text, str):
                raise BadArgument(f"argument {index} is the JSON value {_clip(data)}, not a string")
            return text
        if wire == "string":
            return data.decode("utf-8")
        # "json": each kind as itself, so a JSON parameter also takes a plain string or bytes.
        if value.kind == ValueKind.JSON:
            return json.loads(data.decode("utf-8"))
        return data.decode("utf-8") if value.kind == ValueKind.UTF8 else data
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadArgument(f"argument {index} ({ValueKind(value.kind).name} kind) cannot be read as {wire}: {error}") \
            from error


def encode_result(result, wire: str) -> Value:
    """Convert a fitable's return value into a FIT value of the declared result type."""
    if wire == "void" or result is None:
        return Value(ValueKind.NULL)
    if wire == "string":
        return Value(ValueKind.UTF8, str(result).encode("utf-8"))
    if wire == "bytes":
        if isinstance(result, str):
            return Value(ValueKind.BYTES, result.encode("utf-8"))
        return Value(ValueKind.BYTES, bytes(result))
    return Value(ValueKind.JSON, json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _clip(data: bytes, limit: int = 40) -> str:
    text = data[:limit].decode("utf-8", errors="replace")
    return text + "..." if len(data) > limit else text


def _describe(function: Callable) -> str:
    return f"{getattr(function, '__module__', '?')}.{getattr(function, '__qualname__', repr(function))}"
