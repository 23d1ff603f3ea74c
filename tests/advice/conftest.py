"""Fixtures for the national layer's inbox and exchange tests: the ESS advisor logged in *through* 2FA."""
from __future__ import annotations

import pyotp
import pytest

from sleutelnet.platform.auth.models import User
from sleutelnet.platform.extensions import db
from tests.conftest import PASSWORD, Browser


@pytest.fixture()
def ess_login(app, world):
    """ess_login(key="ess_advisor") -> a Browser logged in as a platform user with a real TOTP code (no exemption)."""

    def _login(key="ess_advisor"):
        user = db.session.get(User, world.ids[key])
        secret = pyotp.random_base32()
        user.totp_secret, user.totp_enabled, user.mfa_exempt = secret, True, False
        db.session.commit()
        b = Browser(app.test_client())
        b.get("/inloggen")
        r = b.post("/inloggen", {"email": user.email, "password": PASSWORD})
        assert r.headers["Location"].endswith("/inloggen/code")  # the password alone is not enough
        assert b.get("/account/").status_code == 302
        b.get("/inloggen/code")
        r = b.post("/inloggen/code", {"code": pyotp.TOTP(secret).now()})
        assert r.status_code == 302
        assert b.get("/account/").status_code == 200  # past 2FA: a completed login
        return b

    return _login


@pytest.fixture()
def extra_advisor(world):
    """A second ESS advisor (for round-robin and substitutes)."""
    from sleutelnet.platform.auth.passwords import hash_password

    user = User(email="tweede-ess@sleutelnet.example", name="Tweede adviseur", password_hash=hash_password(PASSWORD),
                platform_role="ess_advisor")
    db.session.add(user)
    db.session.commit()
    return user.id


@pytest.fixture()
def mailbox(app):
    """mailbox() -> [(to, subject, body)] of the mails sent since the test started."""
    import glob
    import os
    from email import message_from_binary_file, policy

    folder = app.config["MAIL_FOLDER"]
    for path in glob.glob(os.path.join(folder, "*.eml")):
        os.remove(path)

    def _read():
        out = []
        for path in sorted(glob.glob(os.path.join(folder, "*.eml"))):
            with open(path, "rb") as fh:
                msg = message_from_binary_file(fh, policy=policy.default)
            out.append((msg["To"], msg["Subject"], msg.get_body(preferencelist=("plain",)).get_content()))
        return out

    return _read


@pytest.fixture()
def small_network(world):
    """A network of tenant A with 3 active key persons (fewer than 5: shown as "< 5")."""
    from sleutelnet.blueprints.keypersons import services as kp
    from sleutelnet.blueprints.network import services as net
    from sleutelnet.platform.tenancy import tenant_context

    with tenant_context(world.tenant_ids["a"]):
        network = net.create_network("Netwerk Overvecht")
        for i in range(3):
            kp.create_person({"network_id": network.id, "name": f"Persoon Geheim{i}", "constituency": "Buurt"},
                             status="active", actor_id=world.ids["coordinator_a"])
        db.session.commit()
        return network.id
