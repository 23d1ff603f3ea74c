"""The key-person register (ESS guide phase 2 "Opbouw", §2.1–2.3, and churn §3.3).

Tables (all tenant-owned):
- `neighbourhoods`, `organisations`: the tenant's own reference lists (wijken/buurten, organisations);
- `key_persons`: one row per key person (or candidate), belonging to a network of the tenant;
- `key_person_roles`, `key_person_organisations`: the person's roles and organisations represented;
- `key_person_status_changes`: every pipeline move, dated (append-only by convention);
- `key_person_intakes`: intake conversations (kennismakingsgesprekken);
- `key_person_exits` + `key_person_successors`: exits with reason, exit interview and suggested successors;
- `key_person_access_log`: every view/edit/export of a person (append-only; not the general audit log).

Every reference between these tables is a composite foreign key `(tenant_id, x_id)` onto a
`UNIQUE (tenant_id, id)`, so a row can never point at another tenant's row, not even by a bug.

Privacy classification: every personal column is declared once in `fields.py` (the field registry of
`platform.fields`) with its sensitivity — personal, confidential (free-text notes: encrypted at rest, never
in lists or bulk exports by default) or special category (AVG art. 9: encrypted, coordinators only, only
with a current consent in the consent register). Import/export, the subject-access export and erasure
read that registry. Relationship tables hold ids and codes only.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (Boolean, Date, DateTime, Index, Integer, String, Text,
                        UniqueConstraint, event)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from ...platform.auth.models import User
from ...platform.crypto import EncryptedText
from ...platform.extensions import db
from ...platform.i18n import sort_key
from ...platform.models import (belongs_to, created_at_column, id_column, parent_relationship, ref_column,
                                tenant_fk as _tenant_fk, user_column, utcnow)
from ...platform.tenancy import TenantScoped
from ..network.models import Network


# --------------------------------------------------------------------------------------------------
# reference lists
# --------------------------------------------------------------------------------------------------

class Neighbourhood(TenantScoped, db.Model):
    """A district (wijk) or, with a parent wijk, a neighbourhood (buurt). One level of nesting."""

    __tablename__ = "neighbourhoods"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "name"),
                      _tenant_fk("parent_id", "neighbourhoods"))

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    parent_id: Mapped[int | None] = ref_column(nullable=True)
    created_at: Mapped[datetime] = created_at_column()

    parent: Mapped[Neighbourhood | None] = relationship(
        "Neighbourhood", remote_side="Neighbourhood.id", foreign_keys=[parent_id],
        primaryjoin="Neighbourhood.parent_id == Neighbourhood.id")

    @property
    def display_name(self) -> str:
        """'Buurt (Wijk)' for a buurt; needs `parent` loaded (use joinedload in lists)."""
        return f"{self.name} ({self.parent.name})" if self.parent_id and self.parent else self.name


class Organisation(TenantScoped, db.Model):
    """An organisation key persons can represent (mosque, church, sports club, school, police, ...)."""

    __tablename__ = "organisations"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "name"))

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(160), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")  # choices.ORGANISATION_TYPES
    address: Mapped[str] = mapped_column(String(250), nullable=False, default="")
    created_at: Mapped[datetime] = created_at_column()


# --------------------------------------------------------------------------------------------------
# the key person
# --------------------------------------------------------------------------------------------------

class KeyPerson(TenantScoped, db.Model):
    """A key person (sleutelpersoon) or candidate in one network of the tenant."""

    __tablename__ = "key_persons"
    __table_args__ = (
        UniqueConstraint("tenant_id", "id"),
        _tenant_fk("network_id", "networks"),
        _tenant_fk("neighbourhood_id", "neighbourhoods"),
        _tenant_fk("referred_by_id", "key_persons"),
        # the register's filters and sorts, each led by tenant_id (migration 0016)
        Index("ix_key_persons_network_status", "tenant_id", "network_id", "status", "updated_at"),
        Index("ix_key_persons_sort_name", "tenant_id", "network_id", "sort_name", "id"),  # migration 0019
        Index("ix_key_persons_network_updated", "tenant_id", "network_id", "updated_at", "id"),
        Index("ix_key_persons_network_channel", "tenant_id", "network_id", "recruitment_channel"),
    )

    # every personal column is declared once, with its sensitivity, in fields.py (the field registry)

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = mapped_column(Integer, nullable=False)

    # -- identity and contact
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    # the name folded for Dutch collation (platform.i18n.sort_key), kept in step with `name` by `_sort_name`:
    # lists sort on it in SQL (paginated), on SQLite and PostgreSQL alike
    sort_name: Mapped[str] = mapped_column(String(160), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    preferred_contact: Mapped[str | None] = mapped_column(String(20))  # choices.CONTACT_CHANNELS

    # -- position in the community
    neighbourhood_id: Mapped[int | None] = ref_column(nullable=True)
    constituency: Mapped[str] = mapped_column(Text, nullable=False, default="")  # achterban
    known_to_municipality: Mapped[bool | None] = mapped_column(Boolean)  # None: not recorded
    languages: Mapped[str] = mapped_column(String(200), nullable=False, default="")

    # -- selection on motivation and mutual expectations (§2.1), agreements (§2.3)
    motivation: Mapped[str] = mapped_column(Text, nullable=False, default="")
    civic_activities: Mapped[str] = mapped_column(Text, nullable=False, default="")
    availability: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    reciprocity: Mapped[str] = mapped_column(Text, nullable=False, default="")  # tegenprestatie agreed
    expectations_discussed_on: Mapped[date | None] = mapped_column(Date)
    expectations_discussed_by_id: Mapped[int | None] = user_column()
    expectations_note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    agreements_confirmed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    agreements_confirmed_on: Mapped[date | None] = mapped_column(Date)
    core_group: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)  # kerngroep

    # -- diversity (§2.2); None means "not recorded"
    age_group: Mapped[str | None] = mapped_column(String(10))  # choices.AGE_GROUPS
    helping_profession: Mapped[str | None] = mapped_column(String(10))  # choices.HELPING_PROFESSION
    education: Mapped[str | None] = mapped_column(String(15))  # choices.EDUCATION
    # special category: encrypted, deferred and raising on lazy load, so that no page renders it by
    # accident — code that may show it must ask for it with `undefer(KeyPerson.migration_background)`.
    migration_background: Mapped[str | None] = mapped_column(EncryptedText, deferred=True,
                                                              deferred_raiseload=True)
    # (the consent that makes it lawful is recorded only in the consent register of the privacy area)

    # -- recruitment (§2.1)
    recruitment_channel: Mapped[str | None] = mapped_column(String(30))  # choices.RECRUITMENT_CHANNELS
    referred_by_id: Mapped[int | None] = ref_column(nullable=True)

    # -- free text (confidential: deferred, so lists never load or decrypt it)
    notes: Mapped[str | None] = mapped_column(EncryptedText, deferred=True)

    # -- pipeline (see pipeline.py); `status` mirrors the latest KeyPersonStatusChange
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="lead")  # choices.STATUSES
    status_since: Mapped[date] = mapped_column(Date, nullable=False, default=date.today)

    created_at: Mapped[datetime] = created_at_column()
    created_by_id: Mapped[int | None] = user_column()
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False, index=True)

    network: Mapped[Network] = parent_relationship(Network, "KeyPerson.network_id")
    neighbourhood: Mapped[Neighbourhood | None] = parent_relationship(Neighbourhood, "KeyPerson.neighbourhood_id")
    role_links: Mapped[list[KeyPersonRole]] = relationship(
        "KeyPersonRole", primaryjoin="KeyPerson.id == KeyPersonRole.person_id",
        foreign_keys="KeyPersonRole.person_id", cascade="all, delete-orphan", order_by="KeyPersonRole.role")
    organisation_links: Mapped[list[KeyPersonOrganisation]] = relationship(
        "KeyPersonOrganisation", primaryjoin="KeyPerson.id == KeyPersonOrganisation.person_id",
        foreign_keys="KeyPersonOrganisation.person_id", cascade="all, delete-orphan")
    organisations: Mapped[list[Organisation]] = relationship(
        Organisation, secondary="key_person_organisations", viewonly=True, order_by=Organisation.name,
        primaryjoin="KeyPerson.id == KeyPersonOrganisation.person_id",
        secondaryjoin="KeyPersonOrganisation.organisation_id == Organisation.id")
    referred_by: Mapped[KeyPerson | None] = relationship(
        "KeyPerson", remote_side="KeyPerson.id", foreign_keys=[referred_by_id],
        primaryjoin="KeyPerson.referred_by_id == KeyPerson.id", back_populates="referrals")
    referrals: Mapped[list[KeyPerson]] = relationship(
        "KeyPerson", foreign_keys=[referred_by_id], primaryjoin="KeyPerson.referred_by_id == KeyPerson.id",
        back_populates="referred_by", order_by="KeyPerson.sort_name")
    expectations_discussed_by: Mapped[User | None] = relationship(User, foreign_keys=[expectations_discussed_by_id])
    status_changes: Mapped[list[KeyPersonStatusChange]] = relationship(
        "KeyPersonStatusChange", primaryjoin="KeyPerson.id == KeyPersonStatusChange.person_id",
        foreign_keys="KeyPersonStatusChange.person_id", back_populates="person",
        order_by="[KeyPersonStatusChange.changed_on.desc(), KeyPersonStatusChange.id.desc()]")
    intakes: Mapped[list[KeyPersonIntake]] = relationship(
        "KeyPersonIntake", primaryjoin="KeyPerson.id == KeyPersonIntake.person_id",
        foreign_keys="KeyPersonIntake.person_id", back_populates="person",
        order_by="[KeyPersonIntake.held_on.desc(), KeyPersonIntake.id.desc()]")
    exits: Mapped[list[KeyPersonExit]] = relationship(
        "KeyPersonExit", primaryjoin="KeyPerson.id == KeyPersonExit.person_id",
        foreign_keys="KeyPersonExit.person_id", back_populates="person",
        order_by="[KeyPersonExit.exited_on.desc(), KeyPersonExit.id.desc()]")

    @validates("name")
    def _sort_name(self, _key, name):
        self.sort_name = sort_key(name)[:160]
        return name

    @property
    def special_category_consent_on(self) -> date | None:
        """When the person gave the consent that makes the special category lawful: read from the consent
        register (the only record of consent), None without a current consent."""
        from ...platform.fields import consented
        from .choices import SPECIAL_CATEGORY_CONSENT

        return consented([self.id], SPECIAL_CATEGORY_CONSENT).get(self.id) if self.id is not None else None

    @property
    def role_codes(self) -> list[str]:
        return [link.role for link in self.role_links]

    @property
    def organisation_ids(self) -> list[int]:
        return [link.organisation_id for link in self.organisation_links]


class KeyPersonRole(TenantScoped, db.Model):
    """One of the four roles of §2.2 held by a person (choices.ROLES)."""

    __tablename__ = "key_person_roles"
    __table_args__ = (UniqueConstraint("tenant_id", "person_id", "role"), _tenant_fk("person_id", "key_persons"),
                      Index("ix_key_person_roles_role", "tenant_id", "role", "person_id"))

    id: Mapped[int] = id_column()
    person_id: Mapped[int] = ref_column()
    role: Mapped[str] = mapped_column(String(20), nullable=False)


class KeyPersonOrganisation(TenantScoped, db.Model):
    """An organisation the person represents or is active in."""

    __tablename__ = "key_person_organisations"
    __table_args__ = (
        UniqueConstraint("tenant_id", "person_id", "organisation_id", name="uq_key_person_organisations_person_org"),
        _tenant_fk("person_id", "key_persons"),
        _tenant_fk("organisation_id", "organisations"),
    )

    id: Mapped[int] = id_column()
    person_id: Mapped[int] = ref_column()
    organisation_id: Mapped[int] = ref_column()


# --------------------------------------------------------------------------------------------------
# pipeline history, intakes, exits
# --------------------------------------------------------------------------------------------------

class KeyPersonStatusChange(TenantScoped, belongs_to("person_id", "key_persons"), db.Model):
    """One pipeline move: dated, by whom, from -> to, why. `from_status` is None for the first entry."""

    __tablename__ = "key_person_status_changes"

    changed_on: Mapped[date] = mapped_column(Date, nullable=False)
    changed_by_id: Mapped[int | None] = user_column()
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    # why, as a code (translated when shown): choices.EXIT_REASONS for a move to "exited",
    # otherwise choices.STATUS_CHANGE_REASONS; plus an optional free-text reason typed by the user
    reason_code: Mapped[str | None] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    created_at: Mapped[datetime] = created_at_column()

    person: Mapped[KeyPerson] = parent_relationship(KeyPerson, "KeyPersonStatusChange.person_id",
                                                    back_populates="status_changes")
    changed_by: Mapped[User | None] = relationship(User, foreign_keys=[changed_by_id])


class KeyPersonIntake(TenantScoped, belongs_to("person_id", "key_persons"), db.Model):
    """An intake conversation (kennismakingsgesprek, §2.1): motivation and mutual expectations."""

    __tablename__ = "key_person_intakes"

    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    held_by_id: Mapped[int | None] = user_column()
    motivation_assessment: Mapped[str | None] = mapped_column(String(20))  # choices.MOTIVATION_ASSESSMENTS
    expectations_discussed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    notes: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    person: Mapped[KeyPerson] = parent_relationship(KeyPerson, "KeyPersonIntake.person_id", back_populates="intakes")
    held_by: Mapped[User | None] = relationship(User, foreign_keys=[held_by_id])


class KeyPersonExit(TenantScoped, belongs_to("person_id", "key_persons"), db.Model):
    """Leaving the network (§3.3): the reason, the exit interview and suggested successors."""

    __tablename__ = "key_person_exits"

    exited_on: Mapped[date] = mapped_column(Date, nullable=False)
    reason: Mapped[str] = mapped_column(String(20), nullable=False)  # choices.EXIT_REASONS
    reason_other: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    interview_held: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    interview_on: Mapped[date | None] = mapped_column(Date)
    interview_notes: Mapped[str | None] = mapped_column(EncryptedText)
    recorded_by_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    person: Mapped[KeyPerson] = parent_relationship(KeyPerson, "KeyPersonExit.person_id", back_populates="exits")
    recorded_by: Mapped[User | None] = relationship(User, foreign_keys=[recorded_by_id])
    successors: Mapped[list[KeyPersonSuccessor]] = relationship(
        "KeyPersonSuccessor", primaryjoin="KeyPersonExit.id == KeyPersonSuccessor.exit_id",
        foreign_keys="KeyPersonSuccessor.exit_id", cascade="all, delete-orphan", order_by="KeyPersonSuccessor.id")


class KeyPersonSuccessor(TenantScoped, db.Model):
    """A successor suggested in an exit interview; `lead_id` is set once they are added as a candidate."""

    __tablename__ = "key_person_successors"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), _tenant_fk("exit_id", "key_person_exits"),
                      _tenant_fk("lead_id", "key_persons"))

    id: Mapped[int] = id_column()
    exit_id: Mapped[int] = ref_column()
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    note: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    lead_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = created_at_column()

    exit: Mapped[KeyPersonExit] = parent_relationship(KeyPersonExit, "KeyPersonSuccessor.exit_id",
                                                      back_populates="successors")
    lead: Mapped[KeyPerson | None] = parent_relationship(KeyPerson, "KeyPersonSuccessor.lead_id")


# --------------------------------------------------------------------------------------------------
# access log
# --------------------------------------------------------------------------------------------------

ACCESS_ACTIONS = ("view", "edit", "export")


class KeyPersonAccess(TenantScoped, db.Model):
    """Who looked at or changed which person's record, when (guide §3.1: every access logged).

    Append-only. `person_id` deliberately has no foreign key: the log outlives erasure of the person.
    """

    __tablename__ = "key_person_access_log"
    invalidates_cache = False  # records reads or bookkeeping; shown on no cached page (tenants/cache.py)
    __table_args__ = (Index("ix_key_person_access_log_person", "tenant_id", "person_id", "at"),)

    id: Mapped[int] = id_column()
    person_id: Mapped[int] = mapped_column(Integer, nullable=False)
    user_id: Mapped[int | None] = user_column()
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)  # ACCESS_ACTIONS

    user: Mapped[User | None] = relationship(User, foreign_keys=[user_id])


@event.listens_for(KeyPersonAccess, "before_update")
@event.listens_for(KeyPersonAccess, "before_delete")
def _access_log_append_only(mapper, connection, target):
    raise RuntimeError("the access log is append-only")


# the network pickers and filter choices are cached per tenant until one of these changes
