"""Evaluation and reflection (ESS guide §3.4): a periodic evaluation per network against the goals chosen
in phase 1 (per goal: assessment, evidence, what to change), named external experts, the decision to share
with the council; and short reflection moments every N meetings. No data about individual key persons."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...platform.extensions import db
from ...platform.models import belongs_to, one_per, created_at_column, id_column, ref_column, tenant_fk, user_column
from ...platform.tenancy import TenantScoped


class EvaluationSchedule(TenantScoped, one_per("network_id", "networks"), db.Model):
    """How often a network is evaluated (default yearly) and reflects (every N meetings)."""

    __tablename__ = "evaluation_schedules"

    interval_months: Mapped[int] = mapped_column(Integer, nullable=False, default=12)
    reflection_every: Mapped[int] = mapped_column(Integer, nullable=False, default=4)
    reflect_with_network: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)


class Evaluation(TenantScoped, belongs_to("network_id", "networks"), db.Model):
    __tablename__ = "evaluations"

    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(10), nullable=False, default="draft")  # draft / completed
    completed_on: Mapped[date | None] = mapped_column(Date)
    experts: Mapped[str] = mapped_column(String(500), nullable=False, default="")  # named external experts
    share_decision: Mapped[str] = mapped_column(String(12), nullable=False, default="undecided")
    summary: Mapped[str] = mapped_column(Text, nullable=False, default="")
    created_by_id: Mapped[int | None] = user_column()
    created_at: Mapped[datetime] = created_at_column()

    goals: Mapped[list[EvaluationGoal]] = relationship(
        "EvaluationGoal", primaryjoin="Evaluation.id == EvaluationGoal.evaluation_id",
        foreign_keys="EvaluationGoal.evaluation_id", order_by="EvaluationGoal.id", viewonly=True)


class EvaluationGoal(TenantScoped, db.Model):
    """The evaluation of one goal of phase 1 (network.choices.GOALS, or "other": the network's own goal)."""

    __tablename__ = "evaluation_goals"
    __table_args__ = (UniqueConstraint("tenant_id", "evaluation_id", "goal"), tenant_fk("evaluation_id", "evaluations"))

    id: Mapped[int] = id_column()
    evaluation_id: Mapped[int] = ref_column()
    goal: Mapped[str] = mapped_column(String(30), nullable=False)
    assessment: Mapped[str | None] = mapped_column(String(15))  # choices.ASSESSMENTS
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    change: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Reflection(TenantScoped, db.Model):
    """A reflection moment: due on a date (estimated from N meetings at the agreed rhythm), answered once."""

    __tablename__ = "evaluation_reflections"
    __table_args__ = (UniqueConstraint("tenant_id", "id"), UniqueConstraint("tenant_id", "network_id", "due_on"),
                      tenant_fk("network_id", "networks"))

    id: Mapped[int] = id_column()
    network_id: Mapped[int] = ref_column()
    due_on: Mapped[date] = mapped_column(Date, nullable=False)
    answered_on: Mapped[date | None] = mapped_column(Date)
    coordinator_answer: Mapped[str] = mapped_column(Text, nullable=False, default="")
    network_answer: Mapped[str] = mapped_column(Text, nullable=False, default="")
    answered_by_id: Mapped[int | None] = user_column()


# the home card's evaluation and reflection tasks (health/home.py) are cached until one of these changes
