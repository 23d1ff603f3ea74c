"""The web app on a free loopback port (werkzeug, threaded), configured from the environment like
production; prints the port. For the Redis-outage test, which must not disturb the test process's app."""
from __future__ import annotations

from werkzeug.serving import make_server

from sleutelnet.platform.app import create_app

if __name__ == "__main__":
    server = make_server("127.0.0.1", 0, create_app(), threaded=True)
    print(f"PORT {server.server_port}", flush=True)
    server.serve_forever()
