"""Helpers for the meetings tests: a network with key persons (e-mail, organisations with an address),
the official of tenant A linked to it, and a meeting made through the services."""
from __future__ import annotations

import glob
import os
import re
from datetime import date, time, timedelta
from email import message_from_binary_file, policy

import pytest

from sleutelnet.platform.extensions import db
from sleutelnet.platform.tenancy import tenant_context


class Meetings:
    def __init__(self, world, app):
        self.world, self.app = world, app

    def tenant(self, key="a"):
        return tenant_context(self.world.tenant_ids[key])

    def url(self, path="", key="a"):
        return f"/g/{self.world.slugs[key]}/bijeenkomsten/{path}"

    def network(self, name="Sleutelpersonennetwerk", key="a", persons=4, link_official=True) -> dict:
        """A network with `persons` active key persons, each representing an organisation with an address."""
        from sleutelnet.blueprints.keypersons import reference, services as kp
        from sleutelnet.blueprints.network import services as net
        from sleutelnet.blueprints.network.models import Network
        from sleutelnet.tenants.models import Membership

        with self.tenant(key):
            network = Network(name=name)
            db.session.add(network)
            db.session.flush()
            people, orgs = [], []
            for i in range(persons):
                org = reference.save_organisation(None, name=f"{name} organisatie {i}", kind="mosque" if i % 2 else "church",
                                                  address=f"Kerkstraat {i + 1}, Utrecht").id
                person = kp.create_person({"network_id": network.id, "name": f"{name} Persoon {i}",
                                           "email": f"persoon{i}.{network.id}@example.org", "core_group": i < 2},
                                          organisation_ids=[org], status="active",
                                          actor_id=self.world.ids[f"coordinator_{key}"])
                people.append(person.id)
                orgs.append(org)
            if link_official:
                membership = db.session.scalar(db.select(Membership).filter_by(user_id=self.world.ids[f"official_{key}"]))
                net.link_official(network, membership.id, "Veiligheid")
            db.session.commit()
            return {"id": network.id, "people": people, "orgs": orgs}

    def place(self, name="Stadhuis", kind="town_hall", key="a") -> int:
        from sleutelnet.blueprints.meetings import rotation

        with self.tenant(key):
            place = rotation.add_place(name=name, kind=kind, address="Stadhuisplein 1, Utrecht")
            db.session.commit()
            return place.id

    def meeting(self, network_id, *, key="a", days=10, status="concept", location_id=None, minutes=120,
                title="Netwerkbijeenkomst", kind="plenary", **extra) -> int:
        from sleutelnet.blueprints.meetings import services
        from sleutelnet.blueprints.network.models import Network

        with self.tenant(key):
            network = db.session.get(Network, network_id)
            data = {"title": title, "kind": kind, "day": date.today() + timedelta(days=days), "start": time(19, 30),
                    "duration_minutes": minutes, "location_id": location_id, "reminder_days": [7, 1], **extra}
            meeting = services.create_meeting(network, data, actor_id=self.world.ids[f"coordinator_{key}"])
            if status != "concept":
                meeting.status = status  # tests of later states start there directly
            db.session.commit()
            return meeting.id

    # -- mail
    def clear_mail(self):
        for path in glob.glob(os.path.join(self.app.config["MAIL_FOLDER"], "*.eml")):
            os.remove(path)

    def mails(self):
        out = []
        for path in sorted(glob.glob(os.path.join(self.app.config["MAIL_FOLDER"], "*.eml"))):
            with open(path, "rb") as fh:
                out.append(message_from_binary_file(fh, policy=policy.default))
        return out

    def mail_to(self, address):
        found = [m for m in self.mails() if m["To"] == address]
        assert found, f"no mail to {address}"
        return found[-1]

    @staticmethod
    def link(mail, marker="/aanmelden/"):
        body = mail.get_body(preferencelist=("plain",)).get_content()
        match = re.search(r"https?://\S+" + re.escape(marker) + r"\S+", body)
        assert match, body
        return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


@pytest.fixture()
def mt(world, app):
    helper = Meetings(world, app)
    helper.clear_mail()
    return helper
