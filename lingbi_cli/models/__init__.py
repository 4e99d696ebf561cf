"""Pydantic schemas of every record kind, and the domain's enumerations.

This package imports nothing else from lingbi and knows nothing of files: a record is validated
from a mapping and may be told where it was read from (``Record.place``). Enumeration values
are the Chinese words a clerk types (``sector: 企业``); the English member names
(``enterprise``) are accepted too and used in code. Unknown keys are rejected, dates are dates,
money is a ``Decimal`` of yuan, citizen ID numbers are checked (GB 11643: check digit and birth
date). Every field is documented by its ``description``.

``enums`` holds the enumerations, ``fields`` the shared field types, ``record`` the base
``Record``, ``people`` townships, units, deputies and households, ``work`` pairings,
activities, proposals, filings, donors (爱心人士) and awards. Use them as ``models.Deputy``:
the names are re-exported here.
"""

from lingbi_cli.models.enums import (
    RESULT_WORDS,
    SIX_ONES,
    ActivityKind,
    AwardCategory,
    Cause,
    ChineseEnum,
    ChosenBy,
    DeputyLevel,
    DonorKind,
    EmployerType,
    FilingKind,
    FocusArea,
    Gender,
    HelpKind,
    HouseholdSource,
    HouseholdStatus,
    Outlet,
    PovertyAttribute,
    ProposalResult,
    ProposalSession,
    ProposalStep,
    ProposalType,
    Satisfaction,
    Sector,
    TripForm,
    UnitKind,
)
from lingbi_cli.models.fields import (
    ID_PATTERN,
    IdList,
    IdNumber,
    Name,
    Phone,
    RecordId,
    Text,
    Year,
    Yuan,
    check_digit,
    id_number_problem,
)
from lingbi_cli.models.people import Deputy, Household, StatusChange, Township, Unit
from lingbi_cli.models.proposal import Proposal, ProposalState, Step
from lingbi_cli.models.record import Record
from lingbi_cli.models.work import (
    ACTIVITY_FIELDS,
    PERIOD_PATTERN,
    RECORD_KINDS,
    Activity,
    Award,
    Donor,
    Filing,
    Pairing,
)

__all__ = [
    "ACTIVITY_FIELDS",
    "ID_PATTERN",
    "PERIOD_PATTERN",
    "RECORD_KINDS",
    "RESULT_WORDS",
    "SIX_ONES",
    "Activity",
    "ActivityKind",
    "Award",
    "AwardCategory",
    "Cause",
    "ChineseEnum",
    "ChosenBy",
    "Deputy",
    "DeputyLevel",
    "Donor",
    "DonorKind",
    "EmployerType",
    "Filing",
    "FilingKind",
    "FocusArea",
    "Gender",
    "HelpKind",
    "Household",
    "StatusChange",
    "HouseholdSource",
    "HouseholdStatus",
    "IdList",
    "IdNumber",
    "Name",
    "Outlet",
    "Pairing",
    "Phone",
    "PovertyAttribute",
    "Proposal",
    "ProposalResult",
    "ProposalSession",
    "ProposalState",
    "ProposalStep",
    "ProposalType",
    "Record",
    "RecordId",
    "Satisfaction",
    "Sector",
    "Step",
    "Text",
    "Township",
    "TripForm",
    "Unit",
    "UnitKind",
    "Year",
    "Yuan",
    "check_digit",
    "id_number_problem",
]
