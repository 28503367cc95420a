"""Clinical data in HL7 FHIR R4 JSON read into cases: a Bundle (collection, searchset,
transaction...) or Bulk Data NDJSON (a file, or a folder of files by type), one case per
patient. A pure mapping through the code tables in ``rules/data/codes/`` (LOINC, UCUM, RxNorm,
SNOMED CT / ICD-10); each patient becomes a case-file mapping that the case loader then
validates exactly as a YAML file, so ``convert`` writes what ``score`` reads.

Real exports are not always valid R4, so reading is lenient: a resource or value that cannot
be used is left out with a one-line warning naming its path
(``Bundle.entry[3].resource.valueQuantity.unit: unknown UCUM unit "cells"``); only a file that
is not FHIR at all is an error.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import NamedTuple

import yaml

from rules.catalogue import DATA, Catalogue, LabTest, fold_name, load_catalogue

from .errors import CaseFileError
from .units import UnitProblem, read_lab_value

CODES = DATA / "codes"
MAX_EXPORT_BYTES = 200_000_000  # a Bundle is read whole; NDJSON a line at a time
MAX_LINE_BYTES = 5_000_000  # one resource
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
ICD10 = ("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10")
UCUM = "http://unitsofmeasure.org"
FHIR_SUFFIXES = (".json", ".ndjson")
# Observation statuses whose value is a result (registered: no result yet)
RESULT_STATUSES = {"final", "amended", "corrected", "preliminary", "unknown", None}
INTERPRETATION_WORDS = {"L": "low", "LL": "low", "LU": "low", "H": "high", "HH": "high",
                        "HU": "high", "N": "normal"}
MAX_EARLIER_COUNTS = 24  # the most recent dated counts kept as the time course
SEX = {"male": "male", "female": "female", "other": "other", "unknown": "unknown"}
TAKEN_STATEMENT = {"active", "completed", "stopped", "on-hold", "unknown", None}
ORDERED_REQUEST = {"active", "completed", "stopped", "on-hold", "unknown", None}
REQUEST_INTENTS = {"order", "original-order", "reflex-order", "filler-order", "instance-order",
                   None}
STOPPED_STATUSES = {"completed", "stopped"}
_STRENGTH = re.compile(r"^(\d+([.,]\d+)?|mg|mcg|ug|µg|g|ml|l|unt|units?|iu|hr|h|%|meq|mmol|"
                       r"actuat|mg/ml|mg/hr|mcg/hr|mcg/ml|per|x)$")


# ---- the code tables ----------------------------------------------------------------------

@dataclass(frozen=True)
class CodeTables:
    observations: dict[str, dict]  # LOINC code -> row
    panels: frozenset[str]
    units_by_kind: dict[str, dict[str, float]]
    units_by_lab: dict[str, dict[str, float]]
    finding_units: dict[str, dict[str, tuple[float, float]]]
    rxnorm: dict[str, str]  # RxCUI -> generic
    conditions: tuple[dict, ...]


def _read_table(name: str) -> dict:
    with (CODES / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.lru_cache(maxsize=1)
def code_tables() -> CodeTables:
    loinc, ucum = _read_table("loinc.yaml"), _read_table("ucum.yaml")
    return CodeTables(
        observations={row["code"]: row for row in loinc["observations"]},
        panels=frozenset(row["code"] for row in loinc.get("panels", ())),
        units_by_kind={kind: dict(units) for kind, units in ucum["by_kind"].items()},
        units_by_lab={lab: dict(units) for lab, units in ucum["by_lab"].items()},
        finding_units={key: {unit: tuple(pair) for unit, pair in units.items()}
                       for key, units in ucum["findings"].items()},
        rxnorm={str(code): generic
                for code, generic in _read_table("rxnorm.yaml")["ingredients"].items()},
        conditions=tuple(_read_table("conditions.yaml")["conditions"]))


def unit_factor(tables: CodeTables, test: LabTest, unit: str) -> float | None:
    """The factor from ``unit`` (UCUM, or a common spelling of it) to ``test``'s unit."""
    units = tables.units_by_kind.get(test.kind)
    if units is None:
        units = {test.unit: 1.0, **dict(test.other_units),
                 **tables.units_by_lab.get(test.id, {})}
    return _match_unit(units, unit)


def _match_unit(units: dict, unit: str):
    if unit in units:
        return units[unit]
    folded = _fold_unit(unit)
    for known, factor in units.items():
        if _fold_unit(known) == folded:
            return factor
    return None


def _fold_unit(unit: str) -> str:
    return unit.strip().replace("µ", "u").replace("μ", "u").replace(" ", "").lower()


# ---- reading files ----------------------------------------------------------------------

def is_fhir_path(path: str) -> bool:
    """Whether ``path`` is read as FHIR: a .json or .ndjson file, or a folder of .ndjson."""
    if path.endswith(FHIR_SUFFIXES):
        return True
    return os.path.isdir(path) and any(p.suffix == ".ndjson" for p in Path(path).iterdir()
                                       if p.is_file())


@dataclass(slots=True)
class Located:
    """A resource and where it was found (the path every warning about it names)."""

    resource: dict
    where: str


def _strict_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _parse_json(text: str):
    return json.loads(text, parse_constant=_strict_constant)


def _json_problem(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    if isinstance(error, RecursionError):
        return "not valid FHIR: nested too deeply"
    return f"not valid JSON: {error}"


def read_resources(path: str) -> list[Located]:
    """Every resource in a FHIR file or NDJSON folder, with its path; raises
    ``CaseFileError`` when the file cannot be read or is not FHIR at all."""
    if os.path.isdir(path):
        files = sorted(str(p) for p in Path(path).iterdir()
                       if p.suffix == ".ndjson" and p.is_file())
        found: list[Located] = []
        for name in files:
            found.extend(_ndjson_resources(name))
        return found
    if path.endswith(".ndjson"):
        return _ndjson_resources(path)
    data = _read_bytes(path)
    try:
        document = _parse_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CaseFileError(path, None, None, "is not UTF-8 text",
                            "FHIR JSON is UTF-8") from None
    except (ValueError, RecursionError) as error:
        raise CaseFileError(path, getattr(error, "lineno", None), None,
                            _json_problem(error)) from None
    if not isinstance(document, dict) or not isinstance(document.get("resourceType"), str):
        raise CaseFileError(path, None, None, "is not a FHIR resource (no resourceType)",
                            "leukodx reads a FHIR R4 Bundle or Bulk Data NDJSON")
    if document["resourceType"] == "Bundle":
        return list(bundle_resources(document, "Bundle"))
    return [Located(document, document["resourceType"])]


def _read_bytes(path: str) -> bytes:
    try:
        size = os.path.getsize(path)
        if size > MAX_EXPORT_BYTES:
            raise CaseFileError(path, None, None, f"is {size / 1e6:.0f} MB, more than the "
                                f"{MAX_EXPORT_BYTES // 1_000_000} MB a Bundle may have",
                                "export as Bulk Data NDJSON, which is read a line at a time")
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise CaseFileError(path, None, None, "no such file") from None
    except IsADirectoryError:
        raise CaseFileError(path, None, None, "is a directory") from None
    except OSError as error:
        raise CaseFileError(path, None, None, f"cannot be read: {error.strerror}") from None


def _ndjson_resources(path: str) -> list[Located]:
    found: list[Located] = []
    name = os.path.basename(path)
    try:
        handle = open(path, "rb")
    except OSError as error:
        raise CaseFileError(path, None, None, f"cannot be read: {error.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise CaseFileError(path, number, None, "a line longer than any resource")
            if not raw.strip():
                continue
            try:
                resource = _parse_json(raw.decode("utf-8-sig"))
            except UnicodeDecodeError:
                raise CaseFileError(path, number, None, "is not UTF-8 text") from None
            except (ValueError, RecursionError) as error:
                raise CaseFileError(path, number, None, _json_problem(error),
                                    "NDJSON holds one JSON resource a line") from None
            if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"),
                                                                str):
                raise CaseFileError(path, number, None,
                                    "is not a FHIR resource (no resourceType)",
                                    "leukodx reads FHIR Bulk Data NDJSON: one resource a line")
            found.append(Located(resource, f"{name}:{number}"))
    return found


def bundle_resources(bundle: dict, where: str) -> Iterator[Located]:
    """The resources in a Bundle's entries (nested Bundles included)."""
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        return
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if type(entry) is dict else None
        if type(resource) is not dict:
            if not isinstance(entry, dict) or not isinstance(entry.get("resource"), dict):
                continue
            resource = entry["resource"]  # a dict of a subclass (a caller's own mapping)
        path = f"{where}.entry[{index}].resource"
        kind = resource.get("resourceType")
        if kind in REFERENCED_TYPES and isinstance(entry.get("fullUrl"), str):
            resource = {**resource, "_fullUrl": entry["fullUrl"]}  # the Bundle left unchanged
        if kind == "Bundle":
            yield from bundle_resources(resource, path)
        else:
            yield Located(resource, path)


# resources that others name by their fullUrl (a patient's, a medication's)
REFERENCED_TYPES = ("Patient", "Medication")


# ---- from resources to patients ---------------------------------------------------------

@dataclass
class PatientRecord:
    """One patient read from an export: a case-file mapping and what could not be used."""

    key: str
    where: str
    document: dict
    warnings: list[str] = field(default_factory=list)
    index_time: datetime | None = None  # when the index count was taken
    # what the reader's check of each lab value it placed read (see case_from_document)
    read_values: dict = field(default_factory=dict)


def patients_from_resources(resources: Iterable[Located], name: str = "",
                            patient_key: str | None = None,
                            index_time: datetime | None = None,
                            medications_asked: bool = False) -> list[PatientRecord]:
    """Group resources by patient and read each patient into a case-file mapping.
    ``patient_key`` puts every resource that names no patient with that patient (a CDS Hooks
    prefetch is one patient's); ``index_time`` is the moment the case describes when it is
    not the latest count's (an order being signed now); ``medications_asked`` says that the
    medication list was looked up, so finding none means none is taken."""
    catalogue, tables = load_catalogue(), code_tables()
    by_patient: dict[str, list[Located]] = {}
    patients: dict[str, Located] = {}
    aliases: dict[str, str] = {}
    unplaced: list[Located] = []
    skipped: list[str] = []
    resources = list(resources)
    keys: dict[str, str] = {}  # reference -> patient key (every result names the same one)
    for item in resources:
        if item.resource.get("resourceType") == "Patient":
            key = _patient_key(item.resource, patient_key)
            if key in patients:
                skipped.append(f"{item.where}: a second Patient resource for {key}: not used")
                continue
            patients[key] = item
            by_patient.setdefault(key, [])
            if isinstance(item.resource.get("_fullUrl"), str):
                aliases[item.resource["_fullUrl"]] = key
    for item in resources:
        kind = item.resource.get("resourceType")
        if kind == "Patient":
            continue
        if type(kind) is not str:  # a list or an object where the type's name belongs
            skipped.append(f"{item.where}.resourceType: {_shown(kind)} is not a resource "
                           "type: not used")
            continue
        if kind not in READERS:
            if kind not in QUIET_TYPES:
                skipped.append(f"{item.where}: {_shown(kind)} resources are not read")
            continue
        subject = item.resource.get("subject")  # the usual shape, read here
        reference = subject.get("reference") if type(subject) is dict else None
        if type(reference) is not str:
            reference = _subject(item.resource)
        if reference is None:
            unplaced.append(item)
            continue
        key = keys.get(reference)
        if key is None:
            key = keys[reference] = aliases.get(reference) or _reference_key(reference)
        by_patient.setdefault(key, []).append(item)
    if unplaced:
        if len(by_patient) == 1 or patient_key is not None:
            key = patient_key or next(iter(by_patient))
            by_patient.setdefault(key, []).extend(unplaced)
        else:
            skipped.extend(f"{item.where}: names no patient (subject): not used"
                           for item in unplaced)
    records = []
    for key, items in by_patient.items():
        reader = _PatientReader(catalogue, tables, key, patients.get(key), items, index_time,
                                medications_asked)
        records.append(reader.read(name))
    if records:
        records[0].warnings[:0] = skipped
    return records


def _patient_key(patient: dict, default: str | None) -> str:
    if isinstance(patient.get("id"), str) and patient["id"]:
        return f"Patient/{patient['id']}"
    return default or "Patient/unknown"


def _subject(resource: dict) -> str | None:
    subject = resource.get("subject")  # the usual shape, read first
    if type(subject) is dict and type(subject.get("reference")) is str:
        return subject["reference"]
    for name in ("subject", "patient"):
        reference = resource.get(name)
        if isinstance(reference, dict) and isinstance(reference.get("reference"), str):
            return reference["reference"]
    return None


def _reference_key(reference: str) -> str:
    parts = [p for p in reference.split("/") if p]
    if len(parts) >= 2 and parts[-2] == "Patient":
        return f"Patient/{parts[-1]}"
    return reference


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text if len(text) <= 60 else text[:57] + "..."
    return f'"{text}"' if isinstance(value, str) else text


# resource types that are part of every export but say nothing leukodx reads
QUIET_TYPES = {"Encounter", "Practitioner", "PractitionerRole", "Organization", "Location",
               "Provenance", "OperationOutcome", "DiagnosticReport", "Medication",
               "Specimen", "Device", "Coverage", "Claim", "ExplanationOfBenefit",
               "CareTeam", "CarePlan", "Immunization", "Procedure", "AllergyIntolerance",
               "DocumentReference", "ImagingStudy", "Goal", "ServiceRequest",
               "MedicationAdministration", "MedicationDispense", "SupplyDelivery"}


# ---- dates --------------------------------------------------------------------------------

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_when(value: object) -> datetime | None:
    """A FHIR date or dateTime as naive UTC (a partial date at its start); None when it is
    not one."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _PARTIAL.match(text)
    try:
        if match:
            return datetime(int(match[1]), int(match[2] or 1), int(match[3] or 1))
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


_FACTORS: dict[tuple[str, str], float | None] = {}  # (lab, unit as written) -> factor


def _remembered_factor(tables: CodeTables, test: LabTest, unit: str) -> float | None:
    """``unit_factor``, remembered for each lab and unit as written (the tables do not
    change while a process runs; the store is bounded however many units are sent)."""
    key = (test.id, unit)
    factor = _FACTORS.get(key, False)
    if factor is False:
        factor = unit_factor(tables, test, unit)
        if len(_FACTORS) < 10_000:
            _FACTORS[key] = factor
    return factor


@functools.lru_cache(maxsize=4096)
def _parse_when_text(text: str) -> datetime | None:
    """``parse_when`` of a string, remembered: the results of one blood count share their
    time, and datetimes are immutable."""
    return parse_when(text)


def _effective(resource: dict) -> tuple[datetime | None, str | None]:
    """When an Observation was taken, and the element that says so."""
    for name in ("effectiveDateTime", "effectiveInstant"):
        if name in resource:
            return parse_when(resource[name]), name
    period = resource.get("effectivePeriod")
    if isinstance(period, dict) and "start" in period:
        return parse_when(period["start"]), "effectivePeriod.start"
    if "issued" in resource:
        return parse_when(resource["issued"]), "issued"
    return None, None


def _tidy(value: float) -> float | int:
    if float(value).is_integer():
        return int(value)
    return float(f"{value:.4g}") if abs(value) < 100 else round(value, 1)


# ---- one patient ------------------------------------------------------------------------

class _Pending(NamedTuple):
    """A lab value as read, checked by the case loader's rules only if the case uses it (a
    long history need not be checked value by value)."""

    value: object
    where: str


@dataclass(slots=True)
class _Reading:
    key: str  # a lab id or a question id
    section: str  # labs or findings
    value: object  # canonical number, or a word or bound string
    when: datetime | None
    where: str
    includes_bands: bool = False


def _plain_labs(catalogue: Catalogue, tables: CodeTables) -> dict[str, tuple[LabTest, bool]]:
    """The LOINC codes a plain lab result may carry: a lab in the catalogue, not a panel
    and not a finding."""
    return _made_for(catalogue, tables, "plain labs", lambda: {
        code: (catalogue.labs[row["lab"]], bool(row.get("includes_bands")))
        for code, row in tables.observations.items()
        if code not in tables.panels and "lab" in row and "finding" not in row
        and row["lab"] in catalogue.labs})


def _moment(reading: _Reading) -> datetime:
    return reading.when or datetime.max


def _blood_count_labs(catalogue: Catalogue) -> frozenset[str]:
    return _made_for(catalogue, None, "blood counts", lambda: frozenset(
        key for key, test in catalogue.labs.items() if _is_blood_count(test)))


def _lab_order(catalogue: Catalogue) -> dict[str, int]:
    """Each lab's place in the catalogue (the order a case file writes them)."""
    return _made_for(catalogue, None, "lab order",
                     lambda: {key: place for place, key in enumerate(catalogue.labs)})


_MADE: dict[str, tuple] = {}  # what is made once for the catalogue and tables in use


def _made_for(catalogue: Catalogue, tables: CodeTables | None, name: str, make):
    made = _MADE.get(name)
    if made is None or made[0] is not catalogue or made[1] is not tables:
        made = _MADE[name] = (catalogue, tables, make())
    return made[2]


def _is_blood_count(test: LabTest) -> bool:
    """Labs that make up a blood count (dated history); the rest are chemistry."""
    return test.kind in ("count", "percent", "hemoglobin") or test.id in (
        "mcv", "reticulocytes_pct", "hematocrit")


class _PatientReader:
    def __init__(self, catalogue: Catalogue, tables: CodeTables, key: str,
                 patient: Located | None, items: list[Located], index_time: datetime | None,
                 medications_asked: bool = False):
        self.cat, self.tables, self.key = catalogue, tables, key
        self.patient, self.items, self.index_time = patient, items, index_time
        self.medications_asked = medications_asked
        self.warnings: list[str] = []
        self.read_values: dict = {}
        self.plain_labs = _plain_labs(catalogue, tables)
        self.blood_count_labs = _blood_count_labs(catalogue)

    def warn(self, where: str, problem: str) -> None:
        self.warnings.append(f"{where}: {problem}")

    def read(self, name: str) -> PatientRecord:
        readings: list[_Reading] = []
        medications, conditions = [], []
        plain_result, add = self.plain_result, readings.append
        for item in self.items:
            resource = item.resource
            kind = resource.get("resourceType")
            if kind == "Observation":  # as self.observation reads it
                reading = plain_result(resource, item.where)
                if reading is not None:
                    add(reading)
                else:
                    readings.extend(self.observation_in_full(resource, item.where))
            elif kind in ("MedicationRequest", "MedicationStatement"):
                medications.append(item)
            elif kind == "Condition":
                conditions.append(item)
        index = self.index_moment(readings)
        document: dict = {"id": _case_id(self.key),
                          "title": f"{self.key} from {os.path.basename(name) or 'FHIR'}"}
        patient = self.demographics(index)
        if patient:
            document["patient"] = patient
        labs, earlier, findings = self.place_readings(readings, index)
        findings = dict(findings)
        if labs:
            document["labs"] = labs
        if earlier:
            document["earlier_counts"] = earlier
        if medications or self.medications_asked:
            document["medications"] = self.medications(medications, index)
            findings.update(self.chemotherapy(document["medications"], medications, index))
        findings.update(self.conditions(conditions, index))
        if findings:
            document["findings"] = findings
        where = self.patient.where if self.patient else self.key
        return PatientRecord(key=self.key, where=where, document=document,
                             warnings=self.warnings, index_time=index,
                             read_values=self.read_values)

    # -- Patient

    def demographics(self, index: datetime | None) -> dict:
        patient: dict = {}  # in the order a case file writes it: age, then sex
        if self.patient is None:
            self.warn(self.key, "no Patient resource: age and sex unknown")
            return patient
        resource, where = self.patient.resource, self.patient.where
        self.age(resource, where, index, patient)
        gender = resource.get("gender")
        if gender is not None:
            if isinstance(gender, str) and gender.lower() in SEX:
                if gender.lower() != "unknown":
                    patient["sex"] = SEX[gender.lower()]
            else:
                self.warn(f"{where}.gender", f"unknown gender {_shown(gender)}: not used")
        return patient

    def age(self, resource: dict, where: str, index: datetime | None, patient: dict) -> None:
        if "birthDate" in resource:
            born = parse_when(resource["birthDate"])
            at = index or datetime.now(timezone.utc).replace(tzinfo=None)
            if born is None:
                self.warn(f"{where}.birthDate", f"not a date {_shown(resource['birthDate'])}: "
                          "age unknown")
            elif born > at:
                self.warn(f"{where}.birthDate", f"{resource['birthDate']} is after the index "
                          "count: age unknown")
            else:
                years = (at - born).days / 365.25
                patient["age_years"] = round(years, 2) if years < 2 else math.floor(years)

    # -- Observations

    def observation(self, resource: dict, where: str) -> list[_Reading]:
        reading = self.plain_result(resource, where)
        if reading is not None:
            return [reading]
        return self.observation_in_full(resource, where)

    def observation_in_full(self, resource: dict, where: str) -> list[_Reading]:
        """An Observation of any shape: its readings, each problem a warning."""
        status = _text(resource.get("status"))
        code = self.loinc_row(resource.get("code"), where + ".code")
        if code is None:
            return []
        if code == "panel":
            return self.members(resource, where)
        if status not in RESULT_STATUSES:
            self.warn(f"{where}.status", f"{_shown(status)}: no result to use")
            return []
        when, _ = _effective(resource)
        if when is None:
            self.warn(where, "no effectiveDateTime: taken as part of the latest count")
        reading = self.value(code, resource, where, when)
        readings = [reading] if reading else []
        if "component" in resource and reading is None:
            readings = self.members(resource, where, when)
        return readings

    def plain_result(self, resource: dict, where: str) -> _Reading | None:
        """The reading of an Observation in the shape nearly every lab result has (a result
        status, one LOINC coding of a lab leukodx reads, an effectiveDateTime, a finite
        valueQuantity in a known unit, no comparator), read as ``observation`` reads it;
        None for any other shape, which ``observation_in_full`` reads, warnings and all (a
        year of weekly counts is a few hundred such results; this reads one in a third of
        the time)."""
        status = resource.get("status")
        if status is not None and (type(status) is not str or status not in RESULT_STATUSES):
            return None
        concept = resource.get("code")
        codings = concept.get("coding") if type(concept) is dict else None
        if type(codings) is not list or len(codings) != 1:
            return None
        coding = codings[0]
        if type(coding) is not dict or coding.get("system") != LOINC:
            return None
        code = coding.get("code")
        lab = self.plain_labs.get(code) if type(code) is str else None
        if lab is None:  # a panel, a finding, or not a lab leukodx reads
            return None
        when_text = resource.get("effectiveDateTime")
        if type(when_text) is not str:
            return None
        when = _parse_when_text(when_text)
        quantity = resource.get("valueQuantity")
        if when is None or type(quantity) is not dict \
                or quantity.get("comparator") is not None:
            return None
        number = quantity.get("value")
        kind = type(number)  # a JSON number, not true/false, NaN, infinity or 400 digits
        if not (kind is float and math.isfinite(number) or kind is int) \
                or not abs(number) < 1e15:
            return None
        unit = quantity.get("code")
        if quantity.get("system") != UCUM or type(unit) is not str:
            unit, _ = _quantity_unit(quantity)
            if unit is None:
                return None
        test, includes_bands = lab
        factor = _FACTORS.get((test.id, unit), False)
        if factor is False:
            factor = _remembered_factor(self.tables, test, unit)
        if factor is None:
            return None
        value = _Pending(_tidy(number * factor), f"{where}.valueQuantity.value")
        return _Reading(test.id, "labs", value, when, where, includes_bands)

    def members(self, resource: dict, where: str, when: datetime | None = None
                ) -> list[_Reading]:
        """Values given as an Observation's components (some exports put a whole blood count
        in one resource)."""
        if when is None:
            when, _ = _effective(resource)
        readings = []
        components = resource.get("component")
        if not isinstance(components, list):
            return readings
        for index, component in enumerate(components):
            path = f"{where}.component[{index}]"
            if not isinstance(component, dict):
                continue
            row = self.loinc_row(component.get("code"), path + ".code")
            if row is None or row == "panel":
                continue
            reading = self.value(row, component, path, when)
            if reading:
                readings.append(reading)
        return readings

    def loinc_row(self, concept: object, where: str) -> dict | str | None:
        codings = _codings(concept)
        loinc = [c for c in codings if c.get("system") == LOINC and isinstance(c.get("code"),
                                                                                  str)]
        for coding in loinc:
            if coding["code"] in self.tables.panels:
                return "panel"
            row = self.tables.observations.get(coding["code"])
            if row is not None and self.known_key(row):
                return row
        if loinc:
            first = loinc[0]
            display = first.get("display") or (concept.get("text") if isinstance(concept, dict)
                                               else None)
            self.warn(where, f"LOINC code {_shown(first['code'])}"
                      + (f" ({display})" if isinstance(display, str) else "")
                      + " is not one leukodx reads: not used")
        else:
            text = concept.get("text") if isinstance(concept, dict) else None
            self.warn(where, "no LOINC code" + (f" ({text})" if isinstance(text, str) else "")
                      + ": not used")
        return None

    def known_key(self, row: dict) -> bool:
        if "lab" in row:
            return row["lab"] in self.cat.labs
        return row.get("finding") in self.cat.questions

    def value(self, row: dict, element: dict, where: str, when: datetime | None
              ) -> _Reading | None:
        if "finding" in row:
            return self.finding_value(row["finding"], element, where, when)
        test = self.cat.labs[row["lab"]]
        raw = self.lab_value(test, element, where)
        if raw is None:
            return None
        return _Reading(test.id, "labs", raw, when, where, bool(row.get("includes_bands")))

    def lab_value(self, test: LabTest, element: dict, where: str) -> object:
        """The value of one lab result as a case file writes it, or None (with a warning)."""
        if "valueQuantity" in element:
            return self.quantity(test, element["valueQuantity"], where + ".valueQuantity")
        for name in ("valueInteger", "valueDecimal"):
            if name in element:
                return _Pending(element[name], f"{where}.{name}")
        if "valueString" in element:
            text = element["valueString"]
            if not isinstance(text, str) or not text.strip():
                self.warn(f"{where}.valueString", f"not a value {_shown(text)}: not used")
                return None
            return _Pending(_bound_text(text), f"{where}.valueString")
        if "dataAbsentReason" in element:
            reason = _codings(element["dataAbsentReason"])
            said = reason[0].get("code") if reason else None
            self.warn(where, "no value" + (f" (dataAbsentReason {said})" if said else "")
                      + ": not used")
            return None
        word = self.interpretation(element, where)
        if word is not None:
            return _Pending(word, f"{where}.interpretation")
        kinds = [k for k in element if k.startswith("value")]
        self.warn(f"{where}.{kinds[0]}" if kinds else where,
                  f"no value leukodx can read ({kinds[0] if kinds else 'no value[x]'}): "
                  "not used")
        return None

    def interpretation(self, element: dict, where: str) -> str | None:
        for coding in _codings_list(element.get("interpretation")):
            word = INTERPRETATION_WORDS.get(str(coding.get("code", "")).upper())
            if word:
                return word
        return None

    def quantity(self, test: LabTest, quantity: object, where: str) -> object:
        if not isinstance(quantity, dict):
            self.warn(where, f"expected a Quantity, got {_shown(quantity)}: not used")
            return None
        number = quantity.get("value")
        if isinstance(number, str):  # a common export slip: "value": "2.1"
            try:
                number = float(number.replace(",", "."))
            except ValueError:
                self.warn(f"{where}.value", f"not a number {_shown(quantity['value'])}: "
                          "not used")
                return None
        if not _finite(number):
            self.warn(f"{where}.value", f"not a number {_shown(quantity.get('value'))}: "
                      "not used")
            return None
        unit, unit_path = _quantity_unit(quantity)
        if unit is None:
            self.warn(where, f"{_tidy(number)} has no unit: not used")
            return None
        factor = _remembered_factor(self.tables, test, unit)
        if factor is None:
            self.warn(f"{where}.{unit_path}", f"unknown UCUM unit {_shown(unit)} for "
                      f"{test.name}: not used")
            return None
        value = _tidy(number * factor)
        comparator = quantity.get("comparator")
        if comparator is not None:
            if comparator not in ("<", "<=", ">", ">="):
                self.warn(f"{where}.comparator", f"unknown comparator {_shown(comparator)}: "
                          "not used")
                return None
            return _Pending(f"{comparator}{value}", f"{where}.comparator")
        return _Pending(value, f"{where}.value")

    def checked(self, test: LabTest, value: object, where: str) -> object:
        """``value`` as the case file will hold it, if the loader accepts it; otherwise a
        warning with the loader's own reason."""
        try:
            self.read_values[test.id, type(value), value] = read_lab_value(test, value)
            return value
        except UnitProblem as problem:
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                written = f"{value} {test.unit}"  # a small count written with its unit
                try:
                    self.read_values[test.id, str, written] = read_lab_value(test, written)
                    return written
                except UnitProblem:
                    pass
            self.warn(where, f"{test.name} {value}: {problem.problem}: not used")
            return None

    def finding_value(self, key: str, element: dict, where: str, when: datetime | None
                      ) -> _Reading | None:
        question = self.cat.questions[key]
        quantity = element.get("valueQuantity")
        if not isinstance(quantity, dict) or not _finite(quantity.get("value")):
            self.warn(where, f"no number for {question.id}: not used")
            return None
        unit, unit_path = _quantity_unit(quantity)
        conversion = _match_unit(self.tables.finding_units.get(key, {}), unit or "")
        if conversion is None:
            self.warn(f"{where}.valueQuantity.{unit_path or 'unit'}",
                      f"unknown UCUM unit {_shown(unit)} for {question.id}: not used")
            return None
        value = round(quantity["value"] * conversion[0] + conversion[1], 1)
        low, high = question.minimum, question.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            self.warn(f"{where}.valueQuantity.value", f"{value:g} {question.unit} is outside "
                      "the possible range: not used")
            return None
        return _Reading(key, "findings", _tidy(value), when, where)

    # -- the index count and its history

    def index_moment(self, readings: list[_Reading]) -> datetime | None:
        if self.index_time is not None:
            return self.index_time
        blood = self.blood_count_labs
        dated = [r.when for r in readings if r.when is not None and r.section == "labs"
                 and r.key in blood]
        if not dated:
            dated = [r.when for r in readings if r.when is not None]
        return max(dated) if dated else None

    def place_readings(self, readings: list[_Reading], index: datetime | None
                       ) -> tuple[dict, list, dict]:
        """The index count (the latest day with a blood count), the chemistry (latest value
        of each), the earlier counts by day, and findings measured near the index."""
        index_day = index.date() if index else None
        blood = self.blood_count_labs
        if self.index_time is not None:  # the counts' own latest day
            latest = max((r.when for r in readings if r.when is not None
                          and r.section == "labs" and r.key in blood), default=None)
            index_day = latest.date() if latest is not None else None
        labs: dict = {}
        chosen: dict[str, _Reading] = {}
        days: dict[date, dict[str, _Reading]] = {}
        findings: dict = {}
        last_when = day = None  # the results of one count share their time (one object)
        for reading in sorted(readings, key=_moment):
            if reading.section == "findings":
                self.place_finding(reading, index, findings, chosen)
                continue
            when = reading.when
            if when is None or index_day is None or reading.key not in blood:
                chosen[reading.key] = reading  # the latest wins
                continue
            if when is not last_when:
                day, last_when = when.date(), when
            if day == index_day:
                chosen[reading.key] = reading
            elif day < index_day:
                days.setdefault(day, {})[reading.key] = reading
        labs = self.settled(chosen)
        self.one_neutrophil_percentage(labs, chosen)
        earlier = self.earlier_counts(days, index_day)
        return labs, earlier, findings

    def settled(self, readings: dict[str, _Reading]) -> dict:
        """The lab values of one count, in catalogue order, each checked as the case loader
        will check it (a value it would refuse is a warning and left out; what the check
        read is kept for the loader, which then need not read the value again)."""
        labs = {}
        order = _lab_order(self.cat)
        for key in sorted((k for k in readings if k in order), key=order.__getitem__):
            test, reading = self.cat.labs[key], readings[key]
            if reading.section != "labs":
                continue
            value = reading.value
            if isinstance(value, _Pending):
                value = self.checked(test, value.value, value.where)
            if value is not None:
                labs[key] = value
        return labs

    def place_finding(self, reading: _Reading, index: datetime | None, findings: dict,
                      chosen: dict) -> None:
        if reading.key == "temperature_c":
            # the question asks for the highest temperature in the 24 hours of the count
            if index is not None and reading.when is not None \
                    and abs(reading.when - index) > timedelta(hours=24):
                self.warn(reading.where, f"temperature {reading.value} °C was taken more than "
                          "24 hours from the latest count: not used")
                return
            if reading.value > findings.get("temperature_c", -1):
                findings["temperature_c"] = reading.value
            return
        findings[reading.key] = reading.value  # sorted by time: the latest wins

    def one_neutrophil_percentage(self, labs: dict, chosen: dict) -> None:
        """A total neutrophil percentage already counts band forms: a band percentage beside
        it would count them twice in a calculated ANC."""
        neutrophils = chosen.get("neutrophils_pct")
        if neutrophils and neutrophils.includes_bands and "bands_pct" in labs:
            bands = chosen["bands_pct"]
            del labs["bands_pct"]
            self.warn(bands.where, "band forms not used: the neutrophil percentage beside it "
                      f"({neutrophils.where}) already counts them")

    def earlier_counts(self, days: dict, index_day: date | None) -> list:
        if not days or index_day is None:
            return []
        ordered = sorted(days, reverse=True)
        if len(ordered) > MAX_EARLIER_COUNTS:
            self.warn(self.key, f"{len(ordered) - MAX_EARLIER_COUNTS} blood counts older than "
                      f"the {MAX_EARLIER_COUNTS} most recent not used")
            ordered = ordered[:MAX_EARLIER_COUNTS]
        history = []
        for day in ordered:
            readings = days[day]
            labs = self.settled(readings)
            self.one_neutrophil_percentage(labs, readings)
            ago = (index_day - day).days
            when = {"days_ago": ago} if ago < 28 else {"weeks_ago": _tidy(round(ago / 7, 1))}
            history.append({**when, "labs": labs})
        return history

    # -- medications

    def medications(self, items: list[Located], index: datetime | None) -> list[dict]:
        merged: dict[str, dict] = {}
        for item in items:
            entry = self.medication(item.resource, item.where, index)
            if entry is None:
                continue
            name = entry["name"]
            if name in merged:
                merged[name] = _merge_medications(merged[name], entry)
            else:
                merged[name] = entry
        return list(merged.values())

    def medication(self, resource: dict, where: str, index: datetime | None) -> dict | None:
        kind = resource["resourceType"]
        status = _text(resource.get("status"))
        if kind == "MedicationStatement" and status not in TAKEN_STATEMENT:
            self.warn(f"{where}.status", f"{_shown(status)}: not taken, not used")
            return None
        if kind == "MedicationRequest":
            if status not in ORDERED_REQUEST:
                self.warn(f"{where}.status", f"{_shown(status)}: not an order given, not used")
                return None
            if _text(resource.get("intent")) not in REQUEST_INTENTS:
                self.warn(f"{where}.intent", f"{_shown(resource.get('intent'))}: not an "
                          "order, not used")
                return None
        concept, concept_path = self.medication_concept(resource, where)
        if concept is None:
            self.warn(where, "names no medication (medicationCodeableConcept): not used")
            return None
        name, said = self.drug_name(concept)
        if name is None:
            self.warn(concept_path, "a medication without a code or name: not used")
            return None
        start, end = _medication_period(resource)
        entry: dict = {"name": name}
        reference = index or datetime.now(timezone.utc).replace(tzinfo=None)
        if start is not None:
            weeks = (reference - start).days / 7
            if weeks < -1 / 7:
                self.warn(where, f"{name} was started after the latest count: not used")
                return None
            entry["started_weeks_ago"] = _tidy(round(max(weeks, 0), 1))
        if end is not None and end <= reference:
            entry["stopped_weeks_ago"] = _tidy(round(max((reference - end).days / 7, 0), 1))
            if entry.get("started_weeks_ago", math.inf) < entry["stopped_weeks_ago"]:
                entry["stopped_weeks_ago"] = entry["started_weeks_ago"]
        elif status in STOPPED_STATUSES and end is None:
            entry["stopped"] = "yes"
        dose = _dose_text(resource)
        if dose:
            entry["dose"] = dose
        entry["note"] = f"{kind}: {said}"
        return entry

    def chemotherapy(self, entries: list[dict], items: list[Located], index: datetime | None
                     ) -> dict:
        """What the medication record says to the chemotherapy questions: a cytotoxic drug
        given in the last two months, and the days since its last dose."""
        if index is None or "recent_chemotherapy" not in self.cat.questions:
            return {}
        last_doses = []
        for item in items:
            resource = item.resource
            concept, _ = self.medication_concept(resource, item.where)
            generic = self.drug_name(concept)[0] if concept is not None else None
            drug = self.cat.drugs.get(generic) if generic else None
            if drug is None or drug.drug_class != "cytotoxic_chemotherapy" \
                    or not any(e["name"] == generic for e in entries):
                continue
            start, end = _medication_period(resource)
            last = end or (start if _text(resource.get("status")) in STOPPED_STATUSES
                           else None)
            if last is None and start is not None:
                last = index  # still given
            if last is not None and last <= index + timedelta(days=1):
                last_doses.append(last)
        if not last_doses:
            return {}
        days = max((index - max(last_doses)).days, 0)
        answers: dict = {}
        if days <= 61:
            answers["recent_chemotherapy"] = "yes"
        if "days_since_chemotherapy" in self.cat.questions:
            answers["days_since_chemotherapy"] = days
        return answers

    def medication_concept(self, resource: dict, where: str) -> tuple[object, str]:
        if isinstance(resource.get("medicationCodeableConcept"), dict):
            return resource["medicationCodeableConcept"], where + ".medicationCodeableConcept"
        reference = resource.get("medicationReference")
        if isinstance(reference, dict):
            target = reference.get("reference")
            for contained in resource.get("contained") or []:
                if isinstance(contained, dict) and f"#{contained.get('id')}" == target:
                    return contained.get("code"), where + ".contained.code"
            medication = self.medication_resources().get(target)
            if medication is not None:
                return medication.get("code"), where + ".medicationReference"
            if isinstance(reference.get("display"), str):
                return {"text": reference["display"]}, where + ".medicationReference.display"
        return None, where

    def medication_resources(self) -> dict:
        return _CURRENT[-1] if _CURRENT else {}

    def drug_name(self, concept: object) -> tuple[str | None, str]:
        """The generic (when recognised) or the name as written, and what the record says."""
        codings = _codings(concept)
        text = concept.get("text") if isinstance(concept, dict) else None
        said = next((c.get("display") for c in codings if isinstance(c.get("display"), str)),
                    None) or (text if isinstance(text, str) else None)
        for coding in codings:
            if coding.get("system") == RXNORM and str(coding.get("code")) in self.tables.rxnorm:
                generic = self.tables.rxnorm[str(coding["code"])]
                return generic, f"{said or generic} (RxNorm {coding['code']})"
        names = [n for n in (text, *(c.get("display") for c in codings)) if isinstance(n, str)]
        for name in names:
            generic = find_drug_in_text(self.cat, name)
            if generic:
                return generic, said or name
        if names:
            return names[0].strip(), said or names[0]
        codes = [f"{c.get('system')}|{c.get('code')}" for c in codings if c.get("code")]
        if codes:
            return f"unrecognised medication {codes[0]}", codes[0]
        return None, ""

    # -- conditions

    def conditions(self, items: list[Located], index: datetime | None) -> dict:
        findings: dict = {}
        for item in items:
            resource, where = item.resource, item.where
            verification = _first_code(resource.get("verificationStatus"))
            if verification in ("refuted", "entered-in-error"):
                continue
            row = self.condition_row(resource.get("code"))
            if row is None:
                self.warn(where + ".code", f"{_concept_text(resource.get('code'))} is not a "
                          "condition leukodx reads (by SNOMED CT or ICD-10 code): not used")
                continue
            if verification in ("unconfirmed", "provisional", "differential"):
                self.warn(where + ".verificationStatus", f"{row['name']} is {verification}, "
                          "not a diagnosis: not used")
                continue
            clinical = _first_code(resource.get("clinicalStatus"))
            if clinical in ("inactive", "remission", "resolved") and not row.get("history"):
                self.warn(where + ".clinicalStatus", f"{row['name']} is {clinical}: not used")
                continue
            for key, answer in row["findings"].items():
                if key in self.cat.questions:
                    findings[key] = answer
            onset = parse_when(resource.get("onsetDateTime"))
            key = row.get("years_since_onset")
            if key and onset is not None and key in self.cat.questions:
                at = index or datetime.now(timezone.utc).replace(tzinfo=None)
                years = max((at - onset).days / 365.25, 0)
                findings[key] = max(findings.get(key, 0), round(years, 1))
        return findings

    def condition_row(self, concept: object) -> dict | None:
        for coding in _codings(concept):
            code = str(coding.get("code", "")).strip()
            system = coding.get("system")
            for row in self.tables.conditions:
                if system == SNOMED and code in row.get("snomed", ()):
                    return row
                if system in ICD10 and any(
                        code.replace(".", "").upper().startswith(p.replace(".", ""))
                        for p in row.get("icd10", ())):
                    return row
        return None


def _finite(number: object) -> bool:
    """A JSON number usable in arithmetic (not true/false, NaN, infinity or 400 digits)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return False
    try:
        return math.isfinite(number) and abs(number) < 1e15
    except OverflowError:
        return False


def _text(value: object) -> str | None:
    """A code as text, for looking it up (a list or a number where a code belongs matches
    nothing)."""
    if value is None or isinstance(value, str):
        return value
    return "(not a code)"


def _case_id(key: str) -> str:
    ident = key.split("/", 1)[-1]
    ident = re.sub(r"[^A-Za-z0-9._-]+", "-", ident).strip("-") or "patient"
    return ident[:64]


def _codings(concept: object) -> list[dict]:
    if not isinstance(concept, dict):
        return []
    codings = concept.get("coding")
    return [c for c in codings if isinstance(c, dict)] if isinstance(codings, list) else []


def _codings_list(concepts: object) -> list[dict]:
    if isinstance(concepts, dict):
        concepts = [concepts]
    if not isinstance(concepts, list):
        return []
    return [c for concept in concepts for c in _codings(concept)]


def _first_code(concept: object) -> str | None:
    codings = _codings(concept)
    return codings[0].get("code") if codings else None


def _concept_text(concept: object) -> str:
    """A coded concept as a warning names it: its text, and its first code."""
    codings = _codings(concept)
    text = concept.get("text") if isinstance(concept, dict) else None
    if not isinstance(text, str):
        text = next((c["display"] for c in codings if isinstance(c.get("display"), str)), None)
    code = ""
    if codings:
        system = str(codings[0].get("system", ""))
        name = {SNOMED: "SNOMED CT", **dict.fromkeys(ICD10, "ICD-10")}.get(system, system)
        code = f" ({name} {codings[0].get('code')})"
    return (_shown(text) if text else "a condition") + code


def _quantity_unit(quantity: dict) -> tuple[str | None, str | None]:
    """The unit of a Quantity: its UCUM code when it has one, else the unit as displayed."""
    if quantity.get("system") == UCUM and isinstance(quantity.get("code"), str):
        return quantity["code"], "code"
    if isinstance(quantity.get("unit"), str) and quantity["unit"].strip():
        return quantity["unit"], "unit"
    if isinstance(quantity.get("code"), str):
        return quantity["code"], "code"
    return None, None


def _bound_text(text: str) -> str:
    return text.strip().replace("≤", "<=").replace("≥", ">=")


def _medication_period(resource: dict) -> tuple[datetime | None, datetime | None]:
    if resource["resourceType"] == "MedicationStatement":
        period = resource.get("effectivePeriod")
        if isinstance(period, dict):
            return parse_when(period.get("start")), parse_when(period.get("end"))
        return parse_when(resource.get("effectiveDateTime")), None
    dispense = resource.get("dispenseRequest")
    validity = dispense.get("validityPeriod") if isinstance(dispense, dict) else None
    start = parse_when(resource.get("authoredOn"))
    end = None
    if isinstance(validity, dict):
        start = start or parse_when(validity.get("start"))
        if _text(resource.get("status")) in STOPPED_STATUSES:
            end = parse_when(validity.get("end"))
    return start, end


def _dose_text(resource: dict) -> str | None:
    for name in ("dosageInstruction", "dosage"):
        dosage = resource.get(name)
        if isinstance(dosage, list) and dosage and isinstance(dosage[0], dict) \
                and isinstance(dosage[0].get("text"), str):
            return dosage[0]["text"].strip()[:200]
    return None


def _merge_medications(first: dict, second: dict) -> dict:
    """One drug ordered or recorded several times: from the earliest start, still taken if
    any record says so."""
    merged = dict(first)
    starts = [e["started_weeks_ago"] for e in (first, second) if "started_weeks_ago" in e]
    if starts:
        merged["started_weeks_ago"] = max(starts)
    still = [e for e in (first, second) if "stopped_weeks_ago" not in e and "stopped" not in e]
    if still:
        merged.pop("stopped_weeks_ago", None)
        merged.pop("stopped", None)
    else:
        stops = [e["stopped_weeks_ago"] for e in (first, second) if "stopped_weeks_ago" in e]
        if stops:
            merged["stopped_weeks_ago"] = min(stops)
    return merged


def find_drug_in_text(catalogue: Catalogue, text: str) -> str | None:
    """The drug a product name refers to ("Sulfamethoxazole 800 MG / Trimethoprim 160 MG Oral
    Tablet"): the longest run of words, strengths left out, that is a known drug name."""
    words = [w for w in fold_name(re.sub(r"[\[\]()]", " ", text)).split()
             if not _STRENGTH.match(w)]
    for length in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - length + 1):
            generic = catalogue.drug_names.get(" ".join(words[start:start + length]))
            if generic:
                return generic
    return None


# ---- from a patient to a case -----------------------------------------------------------

def read_patients(path: str) -> list[PatientRecord]:
    """Every patient in a FHIR file or NDJSON folder; raises ``CaseFileError`` when the file
    is not FHIR."""
    resources = read_resources(path)
    with _medication_lookup(resources):
        records = patients_from_resources(resources, name=path)
    if not records:
        raise CaseFileError(path, None, None, "holds no patient (no Patient, Observation, "
                            "MedicationRequest, MedicationStatement or Condition resource)")
    return records


class _medication_lookup:
    """Medication resources by reference while an export is read (a MedicationRequest may
    name its drug by reference to one)."""

    def __init__(self, resources: list[Located]):
        self.resources = resources

    def __enter__(self):
        index = {}
        for item in self.resources:
            resource = item.resource
            if resource.get("resourceType") == "Medication":
                if isinstance(resource.get("id"), str):
                    index[f"Medication/{resource['id']}"] = resource
                if isinstance(resource.get("_fullUrl"), str):
                    index[resource["_fullUrl"]] = resource
        self.index = index
        _CURRENT.append(index)
        return self

    def __exit__(self, *exc):
        _CURRENT.pop()
        return False


_CURRENT: list[dict] = []


def case_from_record(record: PatientRecord, name: str):
    """The validated ``Case`` for one patient (its warnings first), or the loader's error."""
    from .cases import case_from_document

    try:
        case = case_from_document(record.document, f"{name} ({record.key})",
                                  read_values=record.read_values)
    except CaseFileError as error:
        return error
    case.file = name
    case.warnings = tuple(record.warnings) + tuple(case.warnings)
    return case


def load_fhir(path: str) -> list:
    """Every patient in a FHIR file as a ``Case`` or a ``CaseFileError``."""
    try:
        records = read_patients(path)
    except CaseFileError as error:
        return [error]
    return [case_from_record(record, path) for record in records]


READERS = {"Observation", "MedicationRequest", "MedicationStatement", "Condition"}
