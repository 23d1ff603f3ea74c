"""Print the Citus calls that distribute Sleutelnet's schema by tenant_id (`--write`: update
infra/postgresql.md, whose generated section tests/platform/test_distribution.py keeps current)."""
from __future__ import annotations

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
DOC = os.path.join(ROOT, "infra", "postgresql.md")


def main(argv: list[str]) -> None:
    from sleutelnet.platform.app import create_app
    from sleutelnet.platform.distribution import citus_plan, with_doc_section
    from sleutelnet.platform.extensions import db

    create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://", "REDIS_URL": None})
    plan = citus_plan(db.metadata)
    if "--write" not in argv:
        print(plan.sql())
        return
    with open(DOC, encoding="utf-8") as fh:
        document = fh.read()
    with open(DOC, "w", encoding="utf-8") as fh:
        fh.write(with_doc_section(document, plan))
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main(sys.argv[1:])
