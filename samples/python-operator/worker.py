#!/usr/bin/python3
"""Run a FIT operator worker that serves Python fitables over RabbitMQ.

    /usr/bin/python3 worker.py --amqp-uri amqp://guest:guest@127.0.0.1:5672/ --worker-id py-1 --node-id node-a

Each option also reads an environment variable (shown in --help). The worker imports the modules named by --module
(default text_fitables) and serves every fitable they declare with @fit.fitable. Once it consumes its queue and has
sent its first heartbeat, it prints one line on stdout that starts with "FIT worker ready". On SIGTERM or SIGINT it
sends a heartbeat with stopping = true and exits.
"""

import argparse
import importlib
import logging
import os
import signal
import socket
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fit import default_registry  # noqa: E402  (the sample folder must be on the path first)
from fit.bus import FitWorker, WorkerSettings  # noqa: E402

READY_PREFIX = "FIT worker ready"


def parse_arguments(argv):
    env = os.environ.get
    parser = argparse.ArgumentParser(description="Serves Python fitables on the FIT RabbitMQ bus.")
    parser.add_argument("--amqp-uri", default=env("MODELENGINE_FIT_AMQP_URI", "amqp://guest:guest@127.0.0.1:5672/"),
                        help="the broker (env MODELENGINE_FIT_AMQP_URI; default amqp://guest:guest@127.0.0.1:5672/)")
    parser.add_argument("--worker-id", default=env("MODELENGINE_FIT_WORKER_ID"),
                        help="this worker's id; its queue is fit.worker.{id} (env MODELENGINE_FIT_WORKER_ID; "
                             "default python-{host}-{pid}-{random})")
    parser.add_argument("--node-id", default=env("MODELENGINE_FIT_NODE_ID", socket.gethostname()),
                        help="the node (machine) id (env MODELENGINE_FIT_NODE_ID; default the host name)")
    parser.add_argument("--module", action="append", dest="modules",
                        help="a module that declares fitables, importable from this folder; repeat for more "
                             "(env MODELENGINE_FIT_MODULES, comma-separated; default text_fitables)")
    parser.add_argument("--heartbeat-seconds", type=float, default=float(env("MODELENGINE_FIT_HEARTBEAT_SECONDS", "2")),
                        help="the heartbeat period (env MODELENGINE_FIT_HEARTBEAT_SECONDS; default 2)")
    parser.add_argument("--alive-ms", type=int, default=int(env("MODELENGINE_FIT_ALIVE_MS", "6000")),
                        help="how long each heartbeat keeps the worker alive (env MODELENGINE_FIT_ALIVE_MS; "
                             "default 6000)")
    parser.add_argument("--concurrency", type=int, default=int(env("MODELENGINE_FIT_CONCURRENCY", "4")),
                        help="calls run at once, and the prefetch count (env MODELENGINE_FIT_CONCURRENCY; default 4)")
    parser.add_argument("--log-level", default=env("MODELENGINE_FIT_LOG_LEVEL", "INFO"),
                        help="DEBUG, INFO, WARNING or ERROR, written to stderr (env MODELENGINE_FIT_LOG_LEVEL)")
    arguments = parser.parse_args(argv)
    if not arguments.modules:
        arguments.modules = [m.strip() for m in env("MODELENGINE_FIT_MODULES", "text_fitables").split(",") if m.strip()]
    if not arguments.worker_id:
        arguments.worker_id = f"python-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    return arguments


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(stream=sys.stderr, level=arguments.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s [" + arguments.worker_id + "] %(message)s")
    # pika logs every connection step at INFO, and each failed connection attempt as several ERROR lines with a
    # traceback, which the worker's own one-line warning already reports. Keep pika's channel warnings.
    if logging.getLogger().level > logging.DEBUG:
        logging.getLogger("pika").setLevel(max(logging.WARNING, logging.getLogger().level))
        logging.getLogger("pika.adapters").setLevel(logging.CRITICAL)
    for module in arguments.modules:
        importlib.import_module(module)
    if not default_registry.all():
        print(f"no fitables found in {', '.join(arguments.modules)}; declare them with @fit.fitable", file=sys.stderr)
        return 2

    settings = WorkerSettings(amqp_uri=arguments.amqp_uri, worker_id=arguments.worker_id, node_id=arguments.node_id,
                              heartbeat_seconds=arguments.heartbeat_seconds, alive_ms=arguments.alive_ms,
                              concurrency=arguments.concurrency)

    def ready(worker: FitWorker) -> None:
        fitables = ",".join(f"{f.genericable_id}/{f.fitable_id}" for f in worker.registry.all())
        print(f"{READY_PREFIX}: worker={settings.worker_id} node={settings.node_id} queue={settings.queue} "
              f"fitables={fitables}", flush=True)

    worker = FitWorker(settings, default_registry, on_ready=ready)
    signal.signal(signal.SIGTERM, lambda *_: worker.request_stop())
    signal.signal(signal.SIGINT, lambda *_: worker.request_stop())
    worker.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
