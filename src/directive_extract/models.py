"""The output contract (schema_version 1.0) as Pydantic models: the source of truth.

`schemas/directive.schema.json` is generated from `Directive`; a test fails when they drift.
Fields a document lacks are null or [] — never a guess, never "".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from . import SCHEMA_VERSION


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _no_empty_strings(cls, data):
        """The contract says a missing value is null, never "" (one pass per model, not per field)."""
        if isinstance(data, dict):
            return {k: None if k != "text" and isinstance(v, str) and not v.strip() else v for k, v in data.items()}
        return data


class Span(_Model):
    """Evidence: `text[start:end]` of the output's `text`; `page` is 1-based (null for TXT/DOCX)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    page: int | None = Field(default=None, ge=1)


class Source(_Model):
    path: str
    format: Literal["pdf", "docx", "txt", "md"]
    sha256: str
    pages: int | None = None
    ocr: bool = False
    encoding: str | None = None


class DocumentType(_Model):
    code: str
    name: str
    span: Span | None = None


class DocumentNumber(_Model):
    text: str
    serial: str | None = None
    year: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    stamped: bool = False
    span: Span | None = None


class Issuer(_Model):
    name: str
    parent: str | None = None
    system: Literal["party", "state"] | None = None
    span: Span | None = None


class IssuedDate(_Model):
    text: str
    date: str | None = None
    stamped: bool = False
    span: Span | None = None


class NamedItem(_Model):
    name: str
    span: Span | None = None


class DistributionItem(_Model):
    name: str
    note: str | None = None
    span: Span | None = None


class Reference(_Model):
    document_type: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    span: Span | None = None


class Section(_Model):
    marker: str
    title: str
    span: Span | None = None
    children: list[Section] = Field(default_factory=list)


class Period(_Model):
    text: str
    start: str | None = None
    end: str | None = None


class Phase(_Model):
    label: str
    title: str | None = None
    period: Period | None = None
    activities: list[str] = Field(default_factory=list)
    subphases: list[Phase] = Field(default_factory=list)
    span: Span | None = None


class Event(_Model):
    name: str
    kind: Literal["anniversary", "meeting", "deadline", "period", "range", "date"] = "date"
    date: str | None = None
    end_date: str | None = None
    origin_date: str | None = None
    span: Span | None = None


class Responsibility(_Model):
    unit: str
    role: Literal["lead", "partner", "assigned"] = "lead"
    partners: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    deadline: str | None = None
    span: Span | None = None


class Authority(_Model):
    mark: Literal["TM", "KT", "TL", "TUQ", "Q"]
    of: str | None = None


class Signature(_Model):
    authority: list[Authority] = Field(default_factory=list)
    position: str | None = None
    signer: str | None = None
    span: Span | None = None


class Footnote(_Model):
    marker: str
    text: str
    span: Span | None = None


class DigitalSignature(_Model):
    field: str | None = None
    page: int | None = None
    signer: str | None = None
    signed_at: str | None = None
    reason: str | None = None
    location: str | None = None
    covers_whole_file: bool | None = None
    revocation_checked: bool = False


class Warning(_Model):
    code: str
    message: str


class Directive(_Model):
    """One input document's extraction."""

    schema_version: Literal["1.0"] = SCHEMA_VERSION
    source: Source
    text: str
    document_type: DocumentType | None = None
    number: DocumentNumber | None = None
    issuer: Issuer | None = None
    place: str | None = None
    issued_date: IssuedDate | None = None
    subject: str | None = None
    recipients: list[NamedItem] = Field(default_factory=list)
    legal_bases: list[Reference] = Field(default_factory=list)
    cited_documents: list[Reference] = Field(default_factory=list)
    cited_laws: list[Reference] = Field(default_factory=list, description=(
        "Laws, codes and ordinances cited by name and date only, with no number (number is null)."))
    sections: list[Section] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    responsibilities: list[Responsibility] = Field(default_factory=list)
    distribution: list[DistributionItem] = Field(default_factory=list)
    signature: Signature | None = None
    footnotes: list[Footnote] = Field(default_factory=list)
    signatures: list[DigitalSignature] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)


def json_schema() -> dict:
    schema = Directive.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://directive-extract/schemas/directive.schema.json"
    return schema
