"""A FIT worker on RabbitMQ with pika, following the Bus section of docs/fit-protocol.md.

One BlockingConnection is used from the main thread only, as pika requires. Fitables run on a thread pool, so
heartbeats keep flowing while a long call runs. A finished call passes its reply back to the main thread with
add_callback_threadsafe, and the main thread publishes it and acknowledges the request.
"""

import functools
import logging
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import unquote, urlsplit

import pika
import pika.exceptions

from .protocol import (CONTENT_TYPE, PROTOCOL_VERSION, EnvelopeError, Heartbeat, Request, Response, Status,
                       decode_envelope, encode_heartbeat, encode_response)
from .registry import BadArgument, Registry

HEARTBEAT_EXCHANGE = "fit.heartbeats"
REQUEST_ID_HEADER = "MT-RequestId"
RESPONSE_ADDRESS_HEADER = "MT-ResponseAddress"

log = logging.getLogger("fit.worker")


@dataclass
class WorkerSettings:
    amqp_uri: str
    worker_id: str
    node_id: str
    heartbeat_seconds: float = 2.0
    alive_ms: int = 6000
    concurrency: int = 4
    drain_seconds: float = 10.0
    reconnect_seconds: float = 2.0

    @property
    def queue(self) -> str:
        return f"fit.worker.{self.worker_id}"


def response_exchange(address: str) -> str:
    """Return the exchange named by an MT-ResponseAddress: its last path segment before any query, URL-decoded.
    ``rabbitmq://host/vhost/bus-abc?temporary=true`` gives ``bus-abc``."""
    path = urlsplit(address).path if "://" in address else address.split("?", 1)[0]
    return unquote(path.rstrip("/").rsplit("/", 1)[-1])


def error_type_name(error: BaseException) -> str:
    """Return the exception's class name for Response.error_type: ``ValueError``, or ``module.Class`` outside builtins."""
    cls = type(error)
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


def execute(registry: Registry, request: Request, worker_id: str) -> Response:
    """Run one request against the registry and return its Response. A fitable's exception becomes a Faulted status."""
    registered = registry.find(request.genericable_id, request.fitable_id)
    if registered is None:
        served = ", ".join(f"{f.genericable_id}/{f.fitable_id}" for f in registry.all()) or "nothing"
        return Response(request.request_id, Status.FITABLE_NOT_FOUND, error_type="FitableNotFound",
                        error_message=f"worker '{worker_id}' has no fitable '{request.fitable_id}' of genericable "
                                      f"'{request.genericable_id}'; it serves {served}",
                        worker_id=worker_id)
    try:
        result = registered.invoke(request.arguments)
    except BadArgument as error:
        return Response(request.request_id, Status.BAD_REQUEST, error_type=error_type_name(error),
                        error_message=str(error), worker_id=worker_id)
    except Exception as error:  # A fitable's exception is reported to the caller and does not stop the worker.
        log.warning("fitable %s of %s failed for request %s: %s", request.fitable_id, request.genericable_id,
                    request.request_id, "".join(traceback.format_exception_only(type(error), error)).strip())
        log.debug("traceback of request %s:\n%s", request.request_id, traceback.format_exc())
        return Response(request.request_id, Status.FAULTED, error_type=error_type_name(error),
                        error_message=str(error) or type(error).__name__, worker_id=worker_id)
    return Response(request.request_id, Status.OK, result=result, worker_id=worker_id)


class FitWorker:
    """Serves a registry's fitables on ``fit.worker.{worker_id}`` until request_stop() is called."""

    def __init__(self, settings: WorkerSettings, registry: Registry,
                 on_ready: Optional[Callable[["FitWorker"], None]] = None) -> None:
        self.settings = settings
        self.registry = registry
        self._on_ready = on_ready
        self._stop = threading.Event()
        self._sequence = 0
        self._in_flight = 0
        self._ready_reported = False
        self._reply_channel = None
        self._pool = ThreadPoolExecutor(max_workers=max(1, settings.concurrency), thread_name_prefix="fitable")

    def request_stop(self) -> None:
        """Ask run() to announce the stop, finish the calls in progress and return. Safe to call from a signal handler."""
        self._stop.set()

    def run(self) -> None:
        """Connect, serve, and reconnect after a lost connection, until request_stop() is called."""
        parameters = pika.URLParameters(self.settings.amqp_uri)
        parameters.client_properties = {"connection_name": f"fit worker {self.settings.worker_id} (python)"}
        try:
            while not self._stop.is_set():
                try:
                    connection = pika.BlockingConnection(parameters)
                except pika.exceptions.AMQPError as error:
                    log.warning("connecting to RabbitMQ failed (%r); retrying in %.1f s", error,
                                self.settings.reconnect_seconds)
                    self._stop.wait(self.settings.reconnect_seconds)
                    continue
                try:
                    self._serve(connection)
                except (pika.exceptions.AMQPConnectionError, pika.exceptions.AMQPChannelError,
                        pika.exceptions.StreamLostError, pika.exceptions.ConnectionWrongStateError) as error:
                    log.warning("lost the RabbitMQ connection (%r); reconnecting in %.1f s", error,
                                self.settings.reconnect_seconds)
                    # Unacknowledged requests go back to the queue with the connection; callers may see them twice.
                    self._in_flight = 0
                    self._stop.wait(self.settings.reconnect_seconds)
                finally:
                    if connection.is_open:
                        connection.close()
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)

    # -----------------------------------------------------------------------------------------------------------------

    def _serve(self, connection: pika.BlockingConnection) -> None:
        settings = self.settings
        channel = connection.channel()
        channel.exchange_declare(settings.queue, exchange_type="fanout", durable=False, auto_delete=True)
        channel.queue_declare(settings.queue, durable=False, auto_delete=True)
        channel.queue_bind(settings.queue, settings.queue, routing_key="")
        channel.exchange_declare(HEARTBEAT_EXCHANGE, exchange_type="fanout", durable=True, auto_delete=False)
        channel.basic_qos(prefetch_count=max(1, settings.concurrency))
        self._reply_channel = self._open_reply_channel(connection)
        consumer_tag = channel.basic_consume(
            settings.queue, on_message_callback=functools.partial(self._on_message, connection), auto_ack=False)

        self._publish_heartbeat(channel, stopping=False)
        next_beat = time.monotonic() + settings.heartbeat_seconds
        if not self._ready_reported:
            self._ready_reported = True
            if self._on_ready is not None:
                self._on_ready(self)
        else:
            log.info("reconnected to RabbitMQ; serving %s again", settings.queue)

        while not self._stop.is_set():
            connection.process_data_events(time_limit=min(0.2, settings.heartbeat_seconds))
            if time.monotonic() >= next_beat:
                self._publish_heartbeat(channel, stopping=False)
                next_beat = time.monotonic() + settings.heartbeat_seconds

        # Announce the stop first, so that registries route no more calls here, then finish the calls in hand.
        self._publish_heartbeat(channel, stopping=True)
        channel.basic_cancel(consumer_tag)
        deadline = time.monotonic() + settings.drain_seconds
        while self._in_flight > 0 and time.monotonic() < deadline:
            connection.process_data_events(time_limit=0.1)
        if self._in_flight > 0:
            log.warning("stopping with %d call(s) unanswered after waiting %.1f s", self._in_flight,
                        settings.drain_seconds)
        log.info("stopped; published the stopping heartbeat for %s", settings.queue)

    def _publish_heartbeat(self, channel, stopping: bool) -> None:
        self._sequence += 1
        body = encode_heartbeat(Heartbeat(
            worker_id=self.settings.worker_id, node_id=self.settings.node_id, queue=self.settings.queue,
            alive_ms=self.settings.alive_ms, sequence=self._sequence,
            fitables=[f.info() for f in self.registry.all()], stopping=stopping))
        channel.basic_publish(HEARTBEAT_EXCHANGE, "", body, _properties())

    def _on_message(self, connection, channel, method, properties, body: bytes) -> None:
        received = time.monotonic()
        headers = properties.headers or {}
        header_request_id = _header_text(headers.get(REQUEST_ID_HEADER))
        address = _header_text(headers.get(RESPONSE_ADDRESS_HEADER))
        if not address:
            log.warning("dropped a request without the %s header (message id %s)", RESPONSE_ADDRESS_HEADER,
                        properties.message_id)
            channel.basic_ack(method.delivery_tag)
            return
        exchange = response_exchange(address)

        try:
            envelope = decode_envelope(body)
            problem = None
            if envelope.protocol_version != PROTOCOL_VERSION:
                problem = (f"the envelope has protocol version {envelope.protocol_version}; this worker speaks "
                           f"version {PROTOCOL_VERSION}")
            elif envelope.request is None:
                problem = "the envelope on a worker queue carries no request"
        except EnvelopeError as error:
            envelope, problem = None, str(error)

        request_id = header_request_id or (envelope.request.request_id if envelope and envelope.request else "")
        if not request_id:
            log.warning("dropped a request without %s header or request id (message id %s)", REQUEST_ID_HEADER,
                        properties.message_id)
            channel.basic_ack(method.delivery_tag)
            return

        self._in_flight += 1
        if problem is not None:
            response = Response(request_id, Status.BAD_REQUEST, error_type="EnvelopeError", error_message=problem,
                                worker_id=self.settings.worker_id)
            self._reply(channel, method.delivery_tag, exchange, request_id, response)
            return
        self._pool.submit(self._run_call, connection, channel, method.delivery_tag, exchange, request_id,
                          envelope.request, received)

    def _run_call(self, connection, channel, delivery_tag, exchange, request_id, request: Request,
                  received: float) -> None:
        """Run one call on a pool thread. Everything that touches pika is passed back to the main thread."""
        try:
            waited_ms = (time.monotonic() - received) * 1000
            if 0 < request.timeout_ms < waited_ms:
                response = Response(request_id, Status.TIMED_OUT, error_type="TimeoutError",
                                    error_message=f"the request waited {waited_ms:.0f} ms in worker "
                                                  f"'{self.settings.worker_id}', past its {request.timeout_ms} ms "
                                                  "timeout, so it was not run",
                                    worker_id=self.settings.worker_id)
            else:
                response = execute(self.registry, request, self.settings.worker_id)
            response.request_id = request_id
        except Exception as error:  # execute() handles fitable errors; this is a bug in the worker itself.
            log.exception("the worker failed on request %s", request_id)
            response = Response(request_id, Status.FAULTED, error_type=error_type_name(error),
                                error_message=f"the Python worker failed: {error}", worker_id=self.settings.worker_id)
        try:
            connection.add_callback_threadsafe(
                functools.partial(self._reply, channel, delivery_tag, exchange, request_id, response))
        except Exception as error:  # The connection closed meanwhile; the request returns to the queue.
            log.warning("could not hand back the reply to request %s: %s", request_id, error)

    def _reply(self, channel, delivery_tag, exchange: str, request_id: str, response: Response) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        if not channel.is_open:
            log.warning("the channel closed before the reply to request %s was sent; the request goes back to the "
                        "queue", request_id)
            return
        if self._reply_channel is None or not self._reply_channel.is_open:
            self._reply_channel = self._open_reply_channel(channel.connection)
        properties = _properties(headers={REQUEST_ID_HEADER: request_id})
        try:
            self._reply_channel.basic_publish(exchange, "", encode_response(response), properties)
            log.debug("sent the response to request %s with status %s", request_id, Status(response.status).name)
        except pika.exceptions.ChannelClosedByBroker as error:
            # The response exchange is most likely gone because the caller stopped, so no caller waits for this reply.
            log.warning("dropped the response to request %s because the broker rejected it (%r)", request_id, error)
            self._reply_channel = self._open_reply_channel(channel.connection)
        except pika.exceptions.NackError:
            log.warning("dropped the response to request %s because the broker did not accept it", request_id)
        channel.basic_ack(delivery_tag)

    @staticmethod
    def _open_reply_channel(connection):
        """Open the channel for responses, apart from the consumer's channel, with publisher confirms on.

        Publishing to a response exchange that no longer exists makes the broker close the channel. With confirms,
        basic_publish waits for the broker, so that failure surfaces on the reply that caused it and a new channel is
        opened before the next reply, which is then not lost with the closed channel.
        """
        reply_channel = connection.channel()
        reply_channel.confirm_delivery()
        return reply_channel


def _properties(headers=None) -> pika.BasicProperties:
    return pika.BasicProperties(content_type=CONTENT_TYPE, message_id=str(uuid.uuid4()), headers=headers)


def _header_text(value) -> Optional[str]:
    """Header strings arrive as str, or as bytes when they are not valid UTF-8 or come as byte arrays."""
    if value is None:
        return None
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)
