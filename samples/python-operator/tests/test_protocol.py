import unittest

from fit.protocol import (CONTENT_TYPE, EnvelopeError, FitableInfo, Heartbeat, PayloadHandle, Request, Response, Status,
                          Value, ValueKind, decode_envelope, encode_heartbeat, encode_request, encode_response)


class EnvelopeTests(unittest.TestCase):
    def test_request_round_trips_every_field(self):
        request = Request(
            request_id="5d2c0f7e-8d0b-4a43-9a43-1f3c1d9a2b10", genericable_id="samples.text.word-count",
            fitable_id="word-count-py", genericable_version="2.1.0", timeout_ms=1500,
            trace_parent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", caller_node="node-a",
            arguments=[
                Value(ValueKind.BYTES, b"\x00\x01\xff"),
                Value(ValueKind.UTF8, "naïve text".encode("utf-8")),
                Value(ValueKind.JSON, b'{"n":1}'),
                Value(ValueKind.NULL),
                Value(ValueKind.HANDLE, handle=PayloadHandle("node-a", "seg-1", 7, 4096, 1 << 20, 3, 1, "tcp://x")),
            ])

        envelope = decode_envelope(encode_request(request))

        self.assertEqual(1, envelope.protocol_version)
        self.assertIsNone(envelope.response)
        self.assertIsNone(envelope.heartbeat)
        self.assertEqual(request, envelope.request)

    def test_response_round_trips_result_and_error(self):
        ok = Response("r-1", Status.OK, Value(ValueKind.JSON, b"42"), worker_id="py-1")
        faulted = Response("r-2", Status.FAULTED, error_type="ValueError", error_message="bad", worker_id="py-1")

        self.assertEqual(ok, decode_envelope(encode_response(ok)).response)
        decoded = decode_envelope(encode_response(faulted)).response
        self.assertEqual(Status.FAULTED, decoded.status)
        self.assertEqual(ValueKind.NULL, decoded.result.kind)
        self.assertEqual(("ValueError", "bad"), (decoded.error_type, decoded.error_message))

    def test_heartbeat_round_trips_fitables(self):
        heartbeat = Heartbeat(
            worker_id="py-1", node_id="node-a", queue="fit.worker.py-1", alive_ms=6000, sequence=9, stopping=True,
            fitables=[FitableInfo("samples.text.reverse", "reverse-py", aliases=["rev"], tags=["python"],
                                  is_default=True, degrades_to="reverse-dotnet")])

        decoded = decode_envelope(encode_heartbeat(heartbeat)).heartbeat

        self.assertEqual(heartbeat, decoded)
        self.assertEqual("python", decoded.language)

    def test_body_carries_file_identifier(self):
        body = encode_response(Response("r-1"))

        self.assertEqual(b"MEFT", body[4:8])
        self.assertEqual("application/vnd.modelengine.fit+flatbuffers", CONTENT_TYPE)

    def test_foreign_body_is_refused(self):
        with self.assertRaisesRegex(EnvelopeError, "MEFT"):
            decode_envelope(b'{"message": "json, not flatbuffers"}')
        with self.assertRaisesRegex(EnvelopeError, "not a FIT envelope"):
            decode_envelope(b"MEFT")

    def test_corrupt_offsets_are_an_envelope_error(self):
        body = bytearray(encode_request(Request("r-1", "g", "f", [Value(ValueKind.UTF8, b"abc")])))
        body[0:4] = (len(body) + 1000).to_bytes(4, "little")

        with self.assertRaises(EnvelopeError):
            decode_envelope(bytes(body))


if __name__ == "__main__":
    unittest.main()
