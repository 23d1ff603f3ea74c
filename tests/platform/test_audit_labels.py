"""The audit log reads as sentences: every action code the code base records has a translated label."""
from __future__ import annotations

import pathlib
import re

import sleutelnet
from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context

# audit.record("code" …) and audit.record("code" if … else "code" …)
RECORD = re.compile(r'record\(\s*((?:"[a-z_]+\.[a-z_]+"(?:\s+if\s+[^"]+?\s+else\s+)?)+)')
CODE = re.compile(r'"([a-z_]+\.[a-z_]+)"')

# codes the pattern cannot see: recorded through a helper (advice's `_tenant_audit`), built with an f-string
# (advice `f"advice.{kind}_sent"`, exchange `f"exchange.post_{decision}"`, `…reply_{decision}`,
# `…sanction_{kind}`) or behind a condition with quotes (`"signal.viewed" if action == "view" else …`)
INDIRECT = {
    "advice.request_sent", "advice.reply_sent", "advice.reopened", "advice.share_consent", "advice.closed",
    "advice.message_sent", "advice.info_request_sent", "advice.answer_sent",
    "exchange.post_approve", "exchange.post_reject", "exchange.post_remove",
    "exchange.reply_approve", "exchange.reply_reject", "exchange.reply_remove",
    "exchange.sanction_mute", "exchange.sanction_ban",
    "signal.edited_text",
}


def recorded_codes() -> set[str]:
    root = pathlib.Path(sleutelnet.__file__).parent
    codes = set()
    for path in root.rglob("*.py"):
        for match in RECORD.finditer(path.read_text(encoding="utf-8")):
            codes.update(CODE.findall(match.group(1)))
    return codes | INDIRECT


def test_the_scanner_finds_the_codes():
    codes = recorded_codes()
    assert {"auth.login", "privacy.erased", "tenant.deactivate", "team.member_deactivated"} <= codes


def test_every_recorded_action_has_a_label(app):
    from sleutelnet.platform.audit_labels import action_label, kind_label

    with app.test_request_context():
        missing = sorted(c for c in recorded_codes() if action_label(c) == c)
        kinds = sorted({c.split(".")[0] for c in recorded_codes()} - {k for k in
                       {c.split(".")[0] for c in recorded_codes()} if kind_label(k) != k})
    assert not missing, f"add labels (audit_actions in the area's manifest) for: {missing}"
    assert not kinds, f"add kinds (audit_kinds in the area's manifest) for: {kinds}"


def test_audit_log_shows_sentences_and_amsterdam_time(world, login):
    from sleutelnet.blueprints.network import services

    with tenant_context(world.tenant_ids["a"]):
        services.create_network("Netwerk Zuid")
        db.session.commit()
    b = login("coordinator_a")
    b.post("/taal", {"lang": "nl", "next": "/"})
    page = b.get(f"/g/{world.slugs['a']}/auditlog/").get_data(as_text=True)
    assert "Netwerk aangemaakt" in page and "<code>network.create" not in page
    assert "netwerk #" in page  # the object, readable
    assert "Time (UTC)" not in page and "Tijd (UTC)" not in page
    options = b.get(f"/g/{world.slugs['a']}/auditlog/").get_data(as_text=True)
    assert '<option value="network">Netwerken</option>' in options


def test_the_indirect_codes_follow_the_code():
    """The f-string codes in INDIRECT cover every value their variable can take."""
    from sleutelnet.blueprints.advice.services import ESS_KINDS
    from sleutelnet.blueprints.exchange.choices import SANCTIONS

    assert {f"advice.{kind}_sent" for kind in ESS_KINDS} <= INDIRECT
    assert {f"exchange.sanction_{kind}" for kind in SANCTIONS} <= INDIRECT
