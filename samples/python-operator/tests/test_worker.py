import unittest

from fit.bus import error_type_name, execute, response_exchange
from fit.protocol import PayloadHandle, Request, Status, Value, ValueKind
from fit.registry import Registry, fitable


class SampleFailure(Exception):
    pass


def _registry():
    registry = Registry()

    @fitable("g.count", "count-py", params=["bytes"], result="json", registry=registry)
    def count(data):
        return len(data.split())

    @fitable("g.upper", "upper-py", params=["string"], result="string", aliases=["upper"], registry=registry)
    def upper(text):
        return text.upper()

    @fitable("g.fail", "fail-py", params=["json"], result="void", registry=registry)
    def fail(value):
        raise SampleFailure(f"no good: {value}")

    @fitable("g.keys", "keys-py", params=["json"], result="json", registry=registry)
    def keys(value):
        return sorted(value)

    return registry


def _call(fitable_id, genericable_id, *arguments):
    return execute(_registry(), Request("r-1", genericable_id, fitable_id, list(arguments)), "py-test")


class ExecuteTests(unittest.TestCase):
    def test_bytes_argument_gives_json_result(self):
        response = _call("count-py", "g.count", Value(ValueKind.BYTES, b"one two  three"))

        self.assertEqual(Status.OK, response.status)
        self.assertEqual((ValueKind.JSON, b"3"), (response.result.kind, response.result.data))
        self.assertEqual(("r-1", "py-test"), (response.request_id, response.worker_id))

    def test_utf8_argument_is_taken_as_bytes_when_bytes_are_declared(self):
        response = _call("count-py", "g.count", Value(ValueKind.UTF8, "ä b".encode("utf-8")))

        self.assertEqual(b"2", response.result.data)

    def test_string_result_is_utf8(self):
        response = _call("upper", "g.upper", Value(ValueKind.UTF8, "straße".encode("utf-8")))

        self.assertEqual((ValueKind.UTF8, "STRASSE".encode("utf-8")), (response.result.kind, response.result.data))

    def test_json_string_is_accepted_for_a_string_parameter(self):
        response = _call("upper-py", "g.upper", Value(ValueKind.JSON, b'"abc"'))

        self.assertEqual(b"ABC", response.result.data)

    def test_json_object_round_trips(self):
        response = _call("keys-py", "g.keys", Value(ValueKind.JSON, b'{"b": 1, "a": 2}'))

        self.assertEqual(b'["a","b"]', response.result.data)

    def test_unknown_fitable_is_fitable_not_found(self):
        response = _call("missing-py", "g.count", Value(ValueKind.BYTES, b"x"))

        self.assertEqual(Status.FITABLE_NOT_FOUND, response.status)
        self.assertIn("'missing-py'", response.error_message)
        self.assertIn("g.count/count-py", response.error_message)

    def test_fitable_of_another_genericable_is_not_found(self):
        response = _call("count-py", "g.upper", Value(ValueKind.BYTES, b"x"))

        self.assertEqual(Status.FITABLE_NOT_FOUND, response.status)

    def test_exception_is_faulted_with_its_class_and_message(self):
        with self.assertLogs("fit.worker", "WARNING"):
            response = _call("fail-py", "g.fail", Value(ValueKind.JSON, b"7"))

        self.assertEqual(Status.FAULTED, response.status)
        self.assertEqual(f"{__name__}.SampleFailure", response.error_type)
        self.assertEqual("no good: 7", response.error_message)
        self.assertEqual(ValueKind.NULL, response.result.kind)

    def test_handle_argument_is_bad_request(self):
        handle = PayloadHandle(node_id="node-a", segment="seg-9", length=1 << 20)

        response = _call("count-py", "g.count", Value(ValueKind.HANDLE, handle=handle))

        self.assertEqual(Status.BAD_REQUEST, response.status)
        self.assertIn("inline values only", response.error_message)
        self.assertIn("seg-9", response.error_message)

    def test_wrong_argument_count_is_bad_request(self):
        response = _call("count-py", "g.count")

        self.assertEqual(Status.BAD_REQUEST, response.status)
        self.assertIn("takes 1 argument(s), but the request has 0", response.error_message)

    def test_invalid_utf8_for_a_string_is_bad_request(self):
        response = _call("upper-py", "g.upper", Value(ValueKind.BYTES, b"\xff\xfe"))

        self.assertEqual(Status.BAD_REQUEST, response.status)

    def test_registering_the_same_fitable_twice_fails(self):
        registry = Registry()
        fitable("g", "f", params=[], registry=registry)(lambda: 1)

        with self.assertRaisesRegex(ValueError, "registered twice"):
            fitable("g", "f", params=[], registry=registry)(lambda: 2)


class BusHelperTests(unittest.TestCase):
    def test_response_exchange_is_last_path_segment(self):
        cases = {
            "rabbitmq://localhost/bus-host-abc?temporary=true": "bus-host-abc",
            "rabbitmq://localhost:5672/vhost/bus-xyz?durable=false&autodelete=true": "bus-xyz",
            "rabbitmq://localhost/my%20exchange": "my exchange",
            "rabbitmq://localhost/vhost/reply/": "reply",
            "plain-exchange": "plain-exchange",
        }
        for address, expected in cases.items():
            with self.subTest(address=address):
                self.assertEqual(expected, response_exchange(address))

    def test_error_type_of_builtin_is_bare_name(self):
        self.assertEqual("ValueError", error_type_name(ValueError()))
        self.assertEqual(f"{__name__}.SampleFailure", error_type_name(SampleFailure()))


if __name__ == "__main__":
    unittest.main()
