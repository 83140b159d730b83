"""SQLAlchemy 2 models for one data version of the directory.

Each data version lives in its own SQLite file (or its own PostgreSQL schema), so these tables
never change in place: a build writes a new copy and switches one pointer (see build.py).
Lists keep their order with a `position` column.
"""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

SCHEMA_VERSION = "1"


class Base(DeclarativeBase):
    pass


class Meta(Base):
    """Facts about this copy: its data version and table layout."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Concern(Base):
    """A concern id from facts.md (e.g. domestic-abuse)."""

    __tablename__ = "concerns"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class ServiceRow(Base):
    __tablename__ = "services"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, index=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    scope: Mapped[str] = mapped_column(String(16))
    audience: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    offers: Mapped[str] = mapped_column(Text)          # sanitised at load
    who_for: Mapped[str] = mapped_column(Text)
    min_age: Mapped[str] = mapped_column(String(3))
    max_age: Mapped[str] = mapped_column(String(3))
    area: Mapped[str] = mapped_column(Text)
    access_notes: Mapped[str] = mapped_column(Text)
    languages: Mapped[str] = mapped_column(Text)
    safe_contact: Mapped[str] = mapped_column(Text)
    how_else: Mapped[str] = mapped_column(Text)
    facts_id: Mapped[str] = mapped_column(String(64))

    contacts: Mapped[list[ContactRow]] = relationship(
        order_by="ContactRow.position", cascade="all, delete-orphan")
    tags: Mapped[list[ServiceTag]] = relationship(
        order_by="(ServiceTag.field, ServiceTag.position)", cascade="all, delete-orphan")


class ServiceTag(Base):
    """One item of a service's lists: genders, access, concerns, related."""

    __tablename__ = "service_tags"
    service_id: Mapped[str] = mapped_column(ForeignKey("services.id"), primary_key=True)
    field: Mapped[str] = mapped_column(String(16), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[str] = mapped_column(String(64), index=True)


class ContactRow(Base):
    __tablename__ = "contacts"
    service_id: Mapped[str] = mapped_column(ForeignKey("services.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(Text)           # byte for byte as in directory.yaml
    label: Mapped[str] = mapped_column(Text)
    hours: Mapped[str] = mapped_column(Text)
    open: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    confidence: Mapped[str] = mapped_column(String(16))
    checked: Mapped[str] = mapped_column(String(10))


LIST_FIELDS = ("genders", "access", "concerns", "related")
