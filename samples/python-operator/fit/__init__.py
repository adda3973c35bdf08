"""Helpers for writing FIT operator workers in Python: the envelope, fitable registration and the bus loop."""

from .protocol import (CONTENT_TYPE, Envelope, EnvelopeError, FitableInfo, Heartbeat, PayloadHandle, Request, Response,
                       Status, Value, ValueKind, decode_envelope, encode_heartbeat, encode_request, encode_response)
from .registry import BadArgument, Registry, default_registry, fitable

__all__ = [
    "CONTENT_TYPE", "Envelope", "EnvelopeError", "FitableInfo", "Heartbeat", "PayloadHandle", "Request", "Response",
    "Status", "Value", "ValueKind", "decode_envelope", "encode_heartbeat", "encode_request", "encode_response",
    "BadArgument", "Registry", "default_registry", "fitable",
]
