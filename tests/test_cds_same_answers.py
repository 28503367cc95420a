"""The request path's short cuts give the answers the full path gives: orjson beside the
standard library's json, the quick reading of a plain lab result beside the reading of an
Observation of any shape (with its warnings), and the time course's reading of each earlier
count beside the blood-count facts. Over the fixtures, the hostile kinds, a sample
of the load benchmark's requests, and Observations changed one element at a time."""

from __future__ import annotations

import copy
import json
import pickle
import re

import pytest

from benchmarks.cds_load import hostile_requests, realistic_requests
from engine.fhir import _PatientReader, code_tables
from interview import cds
from rules import time_course
from rules.catalogue import load_catalogue
from rules.labs import interpret_blood_count, lab_values
from tests.cds_client import FIXTURES, ROOT, patient_view

DEV2 = ROOT / "evaluation" / "dev2"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.glob("*.json"))


@pytest.fixture(scope="module")
def worker(assessor):
    cds._assessor = assessor  # what _start_worker builds in each assessment process
    return cds


def requests() -> list[bytes]:
    made = [json.dumps(patient_view(name)).encode() for name in FIXTURE_NAMES]
    made += [body for _, body, _ in hostile_requests(8)]
    return made + realistic_requests(16)


def comparable(answer: tuple) -> str:
    """An answer without what is new each time (card uuids, the explanation's token), with
    the case the explanation would be rendered from."""
    status, body = answer
    if status == 200 and "explanation" in body:
        body = dict(body)
        _, case = body.pop("explanation")
        case = pickle.loads(case)  # kept pickled for the link
        body["case"] = [case.warnings, case.patient, case.labs, case.findings,
                        case.medications, getattr(case, "earlier_counts", None)]
    text = json.dumps(body, default=repr, sort_keys=True)
    return re.sub(r'"uuid": "[^"]*"|/explanations/[0-9a-f]+', "", text)


def test_every_request_gets_the_answer_the_full_path_gives(worker, monkeypatch):
    bodies = requests()
    quick = [comparable(worker.handle("patient-view", body, "http://x")) for body in bodies]
    monkeypatch.setattr(cds, "parse_json", cds._parse_json_strictly)
    monkeypatch.setattr(_PatientReader, "plain_result", lambda self, resource, where: None)
    full = [comparable(worker.handle("patient-view", body, "http://x")) for body in bodies]
    assert quick == full
    assert sum('"cards": [{' in answer for answer in quick) >= 12  # cards, not only errors


def _changed_requests() -> list[bytes]:
    """Benchmark requests with one count value after another changed to what the loader
    reads otherwise or refuses: small counts, bounds, words, values out of range, an ANC
    above the white count."""
    made = []
    values = [0.004, 0.3, 250000, -3, 10 ** 20, "<500", "low", "2.1", 150, 99.5, 130]
    for index, body in enumerate(realistic_requests(len(values))):
        data = json.loads(body)
        entries = data["prefetch"]["counts"]["entry"]
        for place in (0, 1, 7, 13, len(entries) - 1):
            quantity = entries[place % len(entries)]["resource"].get("valueQuantity")
            if isinstance(quantity, dict):
                quantity["value"] = values[(index + place) % len(values)]
        made.append(json.dumps(data).encode())
    return made


def test_the_loader_takes_the_fhir_readers_reading_of_each_value_as_it_would_read_it(
        worker, monkeypatch):
    """The FHIR reader checks each lab value it places by reading it as the loader does,
    and hands that reading on; the loader's answer (cards, case, warnings, errors) is the
    one it gives when it reads every value again itself."""
    import engine.cases

    bodies = requests() + _changed_requests()
    handed_on = [comparable(worker.handle("patient-view", body, "http://x"))
                 for body in bodies]
    reading_again = engine.cases.case_from_document
    monkeypatch.setattr(engine.cases, "case_from_document",
                        lambda document, name, read_values=None:
                        reading_again(document, name))
    read_again = [comparable(worker.handle("patient-view", body, "http://x"))
                  for body in bodies]
    assert handed_on == read_again
    assert sum("could not read this record" in answer for answer in read_again) >= 1
    assert sum("not used" in answer for answer in read_again) >= 10


def observations() -> list[dict]:
    found = []
    for body in [json.dumps(patient_view(n)).encode() for n in FIXTURE_NAMES] \
            + realistic_requests(3):
        counts = json.loads(body)["prefetch"]["counts"]
        found += [e["resource"] for e in counts["entry"]
                  if e["resource"].get("resourceType") == "Observation"]
    return found


def _set(path, value):
    def change(resource):
        *parents, last = path
        target = resource
        for key in parents:
            target = target.setdefault(key, {}) if isinstance(target, dict) else {}
        if value is _DROP:
            target.pop(last, None)
        else:
            target[last] = value
    return change


_DROP = object()
CHANGES = [
    _set(["status"], "registered"), _set(["status"], "cancelled"), _set(["status"], _DROP),
    _set(["status"], ["final"]), _set(["status"], 5), _set(["status"], "amended"),
    _set(["code"], "6690-2"), _set(["code", "coding"], []),
    _set(["code", "coding"], [{"system": "http://loinc.org", "code": "58410-2"}]),
    _set(["code", "coding"], [{"system": "http://loinc.org", "code": "2951-2"}]),
    _set(["code", "coding"], [{"system": "http://loinc.org", "code": "8310-5"}]),
    _set(["code", "coding"], [{"system": "http://snomed.info/sct", "code": "767002"}]),
    _set(["code", "coding"], [{"system": "http://loinc.org", "code": 6690}]),
    _set(["code", "coding"], [{"system": "http://loinc.org", "code": "2951-2"},
                              {"system": "http://loinc.org", "code": "751-8"}]),
    _set(["effectiveDateTime"], _DROP), _set(["effectiveDateTime"], "last Tuesday"),
    _set(["effectiveDateTime"], "2026-11"), _set(["effectiveDateTime"], "2026-11-30T08:00+05:00"),
    _set(["effectiveDateTime"], 20261130), _set(["effectivePeriod"], {"start": "2026-01-01"}),
    _set(["valueQuantity", "value"], "2.1"), _set(["valueQuantity", "value"], True),
    _set(["valueQuantity", "value"], 1e300), _set(["valueQuantity", "value"], 10 ** 20),
    _set(["valueQuantity", "value"], -3), _set(["valueQuantity", "value"], 0.004),
    _set(["valueQuantity", "value"], 250000), _set(["valueQuantity", "value"], _DROP),
    _set(["valueQuantity", "comparator"], "<"), _set(["valueQuantity", "comparator"], "~"),
    _set(["valueQuantity", "comparator"], None),
    _set(["valueQuantity", "unit"], "cells"), _set(["valueQuantity", "code"], "cells"),
    _set(["valueQuantity", "system"], _DROP), _set(["valueQuantity", "code"], _DROP),
    _set(["valueQuantity", "unit"], _DROP), _set(["valueQuantity", "code"], "10*9/L"),
    _set(["valueQuantity"], 9), _set(["valueQuantity"], _DROP),
    _set(["valueString"], "<500"), _set(["interpretation"], [{"coding": [{"code": "L"}]}]),
    _set(["component"], [{"code": {"coding": [{"system": "http://loinc.org",
                                               "code": "751-8"}]},
                          "valueQuantity": {"value": 800, "unit": "/uL"}}]),
]


def reader() -> _PatientReader:
    return _PatientReader(load_catalogue(), code_tables(), "Patient/p", None, [], None)


def test_a_plain_lab_result_is_read_quickly_as_the_full_reading_reads_it():
    quick_reads = 0
    for original in observations():
        for change in [lambda r: None, *CHANGES]:
            resource = copy.deepcopy(original)
            change(resource)
            quick = reader().plain_result(resource, "entry[0]")
            full_reader = reader()
            full = full_reader.observation_in_full(resource, "entry[0]")
            if quick is not None:
                quick_reads += 1
                assert [quick] == full and full_reader.warnings == [], resource
    assert quick_reads >= 100  # the plain shape is read quickly, not always handed on


def test_reading_a_prefetch_leaves_it_unchanged(worker):
    body = realistic_requests(1)[0]
    data = json.loads(body)
    kept = copy.deepcopy(data)
    worker.assess_patient_view(data["context"], data["prefetch"], "http://x")
    assert data == kept


def _histories(assessor) -> list[tuple]:
    """The arguments of every time-course reading made while assessing the dev2 cases with
    dated counts, the FHIR fixtures and benchmark requests."""
    from engine.cases import load_file

    calls = []
    real = time_course.count_history

    def spy(patient, labs, entries):
        calls.append((patient, labs, entries))
        return real(patient, labs, entries)

    time_course.count_history = spy
    try:
        for path in sorted(DEV2.glob("*.yaml")):
            if "earlier_counts" in path.read_text(encoding="utf-8"):
                for case in load_file(str(path)):
                    assessor.assess(case, with_trace=False)
        for body in requests():
            cds.handle("patient-view", body, "http://x")
    finally:
        time_course.count_history = real
    return calls


def _varied(labs: dict) -> list[dict]:
    """One earlier count changed the ways a record writes counts: words, bounds, a missing
    ANC, a differential only, other cell lines low."""
    return [labs, {**labs, "wbc": "low"}, {**labs, "wbc": "<1000"}, {**labs, "anc": "normal"},
            {k: v for k, v in labs.items() if k != "anc"},
            {"wbc": labs.get("wbc", 3000), "neutrophils_pct": 20, "bands_pct": 5},
            {"wbc": 900}, {"anc": ">2000"}, {"wbc": 12500, "anc": 8000},
            {**labs, "hemoglobin": 8.1, "platelets": 40000}, {"alc": 600, "cd4": 150}, {}]


def _point_through_facts(patient: dict, labs: dict, when: float) -> dict:
    """One dated count read as the time course read it before, through the experta facts
    (the reference the quicker reading must match)."""
    values = lab_values(patient, labs, load_catalogue().labs)
    kinds = {type(fact).__name__: fact for fact in interpret_blood_count(patient, values)}
    if "CellLines" in kinds:
        low = True
    elif any(kinds.get(name) is not None and kinds[name]["status"] not in ("unknown", "low")
             for name in ("WhiteCount", "Neutrophils")):
        low = False
    else:
        low = None
    anc = kinds["Neutrophils"]["anc"] if "Neutrophils" in kinds else None
    wbc = values.get("wbc")
    return {"when": when, "low": low,
            "anc": anc if isinstance(anc, (int, float)) else None,
            "wbc": wbc if isinstance(wbc, (int, float)) else None}


def test_the_time_course_reads_each_count_as_the_blood_count_facts_say(assessor, worker,
                                                                       monkeypatch):
    """The time course reads each earlier count from the fields the blood-count facts would
    hold, without building the experta facts: the history it tells is the one the facts
    tell, for every count the cases and requests hold and for counts written otherwise,
    at every age."""
    calls = _histories(assessor)
    assert len(calls) >= 20 and sum(len(entries) >= 10 for _, _, entries in calls) >= 5
    cases = []
    for patient, labs, entries in calls:
        cases.append((patient, labs, entries))
        for age in (0.02, 0.5, 3, 8, 15, 80):
            changed = [{**entry, "labs": varied} for entry in entries[:4]
                       for varied in _varied(dict(entry["labs"]))]
            cases.append(({**patient, "age_years": age}, labs, changed))
    quick = [repr(time_course.count_history(*case)) for case in cases]
    monkeypatch.setattr(time_course, "_point", _point_through_facts)
    through_facts = [repr(time_course.count_history(*case)) for case in cases]
    assert quick == through_facts
    assert len(set(quick)) >= 20  # histories of every kind, not one


def test_a_value_no_reading_was_handed_on_for_is_read_by_the_loader_whatever_its_shape():
    """The readings handed on are looked up by value: a value of another shape (a list, a
    mapping) is read by the loader itself and refused as it is without them."""
    from engine.cases import case_from_document
    from engine.errors import CaseFileError

    read_values = {("anc", int, 800): 800}
    for odd in ([1, 2], {"value": 2}):
        document = {"id": "odd", "labs": {"wbc": odd, "anc": 800}}
        refusals = []
        for handed_on in (read_values, None):
            with pytest.raises(CaseFileError) as refused:
                case_from_document(document, "odd", read_values=handed_on)
            refusals.append(refused.value.message)
        assert refusals[0] == refusals[1]
    case = case_from_document({"id": "plain", "labs": {"wbc": 2400, "anc": 800}}, "plain",
                              read_values=read_values)
    assert case.labs == {"wbc": 2400, "anc": 800}
