"""Write docs/permissions.md (the role × permission table) from the feature manifests."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def main() -> None:
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.permissions_doc import render

    create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://", "REDIS_URL": None})
    path = os.path.join(ROOT, "docs", "permissions.md")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(render())
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
