"""`sleutelnet <command>` (console script) and `python -m sleutelnet <command>`: the Flask CLI with the
app already chosen, so newcomers need no FLASK_APP (e.g. `sleutelnet demo seed`, `sleutelnet tenants list`)."""
from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("FLASK_APP", "sleutelnet.platform.app:create_app")
    from flask.cli import main as flask_main

    sys.argv[0] = "sleutelnet"
    flask_main()


if __name__ == "__main__":
    main()
