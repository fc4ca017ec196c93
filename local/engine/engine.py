"""The project's local DynamoDB engine: moto's server on loopback, with two things moto lacks.

1. Atomic requests. moto's server runs each request on its own thread, and its check-and-write
   (a ConditionExpression, a TransactWriteItems) is not atomic across threads. DynamoDB guarantees
   that it is. Every request here runs under one lock, so each is atomic and they take effect in one
   order; the service's optimistic locking is still exercised between requests.
2. Persistence. With --data DIR, every DynamoDB request that changed something is appended to
   DIR/journal.jsonl, and flushed to disk, before its answer is sent; at start the journal is replayed
   in order. Replaying the same successful writes in the same order on an empty engine rebuilds the
   same tables and items, so nothing already answered is lost, across restarts and crashes alike.

It also takes two of moto's costs off the hot path. moto makes a
TransactWriteItems all or nothing by deep-copying every table the transaction names before it starts
(about half a second per transaction on a table of 3,000 invoices). Here the transaction keeps a copy
of only the items it names, and of the length of each table's stream, and puts those back if it fails.
And moto writes every answer by walking botocore's shape model member by member (about 6 ms per
invoice returned); the answers that carry items (GetItem, Query, Scan and the batch and transaction
reads, and the stream's GetRecords) are already in DynamoDB's wire form, so they are written with json.dumps,
binary values in base64 and times in epoch seconds as the serializer would.

It stops when its standard input closes, so that it never outlives the process that started it,
however that process ends. It prints one line, "listening on http://127.0.0.1:PORT", once it answers.
"""

import argparse
import base64
import copy
import datetime
import io
import json
import logging
import os
import sys
import threading
import uuid
from email.utils import formatdate

import moto.dynamodb.models as dynamodb_models
from moto.core.responses import ActionResult
from moto.dynamodb.responses import DynamoResult
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType
from moto.dynamodb.models.table import Table

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)
from werkzeug.serving import make_server
from werkzeug.test import EnvironBuilder, run_wsgi_app

DYNAMODB_TARGET_PREFIX = "DynamoDB_20120810."
# Requests that never change a table: everything else that succeeds is journaled.
READ_ONLY_OPERATIONS = frozenset({
    "BatchGetItem", "DescribeContinuousBackups", "DescribeEndpoints", "DescribeLimits",
    "DescribeTable", "DescribeTimeToLive", "GetItem", "ListTables", "ListTagsOfResource",
    "Query", "Scan", "TransactGetItems",
})
# The headers a replayed request needs: the operation, the body's type, and the signature's scope,
# which names the region and so the backend that holds the table.
REPLAYED_HEADERS = ("X-Amz-Target", "Content-Type", "Authorization")


class _TablesByReference:
    """Stands in for the copy module inside moto's transact_write_items: tables are not copied."""

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)


def _item_key(table, operation):
    """The (hash, range) key that one transaction operation names in table, or None if it names none."""
    key = operation.get("Key", operation.get("Item"))
    try:
        hash_value = DynamoType(key[table.hash_key_attr])
        range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
    except (KeyError, TypeError):
        return None
    return hash_value, range_value


def _restore(table, hash_value, range_value, previous):
    if range_value is None:
        if previous is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = previous
    elif previous is None:
        table.items.get(hash_value, {}).pop(range_value, None)
    else:
        table.items[hash_value][range_value] = previous


def _transact_write_items_with_item_undo(original):
    def transact_write_items(self, transact_items):
        saved, streams = [], {}
        for entry in transact_items:
            operation = next(iter(entry.values()), None) if isinstance(entry, dict) else None
            table = self.tables.get(operation.get("TableName")) if isinstance(operation, dict) else None
            key = _item_key(table, operation) if table is not None else None
            if key is None:
                continue  # moto refuses such an operation before writing anything
            saved.append((table, *key, copy.deepcopy(table.get_item(*key))))
            if table.stream_shard is not None:
                streams.setdefault(id(table), (table.stream_shard, len(table.stream_shard.items)))
        dynamodb_models.copy = _TablesByReference
        try:
            return original(self, transact_items)
        except BaseException:
            for table, hash_value, range_value, previous in reversed(saved):
                _restore(table, hash_value, range_value, previous)
            for shard, length in streams.values():
                del shard.items[length:]
            raise
        finally:
            dynamodb_models.copy = copy
    return transact_write_items


DynamoDBBackend.transact_write_items = _transact_write_items_with_item_undo(
    DynamoDBBackend.transact_write_items)


ITEM_READ_OPERATIONS = frozenset({"BatchGetItem", "GetItem", "Query", "Scan", "TransactGetItems"})
# The stream's records hold items (two images each) in the same wire form.
STREAM_READ_OPERATIONS = frozenset({"GetRecords"})


def _wire_bytes(value):
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime):
        # a stream record's ApproximateCreationDateTime (naive UTC in moto), in epoch seconds as the serializer writes it
        utc = value if value.tzinfo else value.replace(tzinfo=datetime.timezone.utc)
        return utc.timestamp()
    raise TypeError(type(value).__name__)  # anything else goes to moto's own serializer


def _plain_json_read(context):
    service = context.service_model.service_name
    operation = context.operation_model.name
    return ((service == "dynamodb" and operation in ITEM_READ_OPERATIONS)
            or (service == "dynamodbstreams" and operation in STREAM_READ_OPERATIONS))


def _item_reads_as_plain_json(original):
    def execute_result(self, context):
        if (type(self) in (ActionResult, DynamoResult) and isinstance(self.result, dict)
                and _plain_json_read(context)):
            try:
                body = json.dumps({k: v for k, v in self.result.items() if v is not None}, default=_wire_bytes)
            except TypeError:
                return original(self, context)
            return 200, {"Content-Type": "application/x-amz-json-1.0", "server": "amazon.com",
                         "date": formatdate(usegmt=True), "x-amzn-requestid": uuid.uuid4().hex}, body
        return original(self, context)
    return execute_result


ActionResult.execute_result = _item_reads_as_plain_json(ActionResult.execute_result)


def journaled_operation(environ):
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if not target.startswith(DYNAMODB_TARGET_PREFIX):
        return None
    operation = target[len(DYNAMODB_TARGET_PREFIX):]
    return None if operation in READ_ONLY_OPERATIONS else operation


class Journal:
    """An append-only file of the DynamoDB requests that changed something, one JSON object a line."""

    def __init__(self, path):
        self.path = path
        self.file = open(path, "a", encoding="utf-8")

    def append(self, headers, body):
        self.file.write(json.dumps({"headers": headers, "body": body}, ensure_ascii=False) + "\n")
        self.file.flush()
        os.fsync(self.file.fileno())

    @staticmethod
    def replay(path, app):
        """Runs every journaled request through app, in order; returns how many there were."""
        if not os.path.exists(path):
            return 0
        count = 0
        with open(path, encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.endswith("\n"):
                    # The process died while writing this line, so its request was never answered:
                    # cut it off, or the next write would be appended to it.
                    with open(path, "r+b") as whole:
                        whole.truncate(os.path.getsize(path) - len(line.encode("utf-8")))
                    break
                entry = json.loads(line)
                environ = EnvironBuilder(method="POST", path="/", headers=entry["headers"],
                                         data=entry["body"].encode("utf-8")).get_environ()
                _, status, _ = run_wsgi_app(app, environ, buffered=True)
                if not status.startswith("200"):
                    raise SystemExit(f"journal line {number} no longer applies: {status}")
                count += 1
        return count


class SerialisedEngine:
    """A WSGI app that runs moto's app one request at a time, and journals the writes that succeed."""

    def __init__(self, app, journal):
        self.app = app
        self.journal = journal
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        operation = journaled_operation(environ) if self.journal else None
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        with self.lock:
            app_iter, status, headers = run_wsgi_app(self.app, environ, buffered=True)
            answer = b"".join(app_iter)
            if operation and status.startswith("200"):
                replayed = {name: environ["HTTP_" + name.upper().replace("-", "_")]
                            for name in REPLAYED_HEADERS
                            if "HTTP_" + name.upper().replace("-", "_") in environ}
                if "CONTENT_TYPE" in environ:
                    replayed["Content-Type"] = environ["CONTENT_TYPE"]
                self.journal.append(replayed, body.decode("utf-8"))
        start_response(status, list(headers))
        return [answer]


def stop_when_parent_goes():
    """Exits the process once standard input reaches its end: the parent closed it or died."""
    def watch():
        while sys.stdin.buffer.read(4096):
            pass
        os._exit(0)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="loopback port, 0 for any free one")
    parser.add_argument("--data", help="folder for the journal; in memory only when absent")
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request

    moto = DomainDispatcherApplication(create_backend_app)
    journal = None
    if args.data:
        os.makedirs(args.data, exist_ok=True)
        path = os.path.join(args.data, "journal.jsonl")
        replayed = Journal.replay(path, moto)
        print(f"replayed {replayed} journaled writes from {path}", flush=True)
        journal = Journal(path)

    stop_when_parent_goes()
    server = make_server("127.0.0.1", args.port, SerialisedEngine(moto, journal), threaded=True,
                         request_handler=MotoRequestHandler)
    print(f"listening on http://127.0.0.1:{server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
