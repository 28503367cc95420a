"""Helpers for the CDS Hooks tests and benchmark: start the real service in a subprocess on a
free loopback port, call it over HTTP, and build hook requests from the FHIR fixtures."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "fhir"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``leukodx serve`` running in a subprocess."""

    def __init__(self, *options: str, workers: int = 1, startup_seconds: float = 120):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "interview.cli", "serve", "--port", str(self.port),
             "--workers", str(workers), *options],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        deadline = time.monotonic() + startup_seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                out, err = self.process.communicate()
                raise RuntimeError(f"server exited {self.process.returncode}: {err}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.stderr.read() if self.process.stderr else ""

    def call(self, method: str, path: str, body: object = None, headers: dict | None = None,
             raw: bytes | None = None) -> tuple[int, dict, object]:
        """One request on a fresh connection: status, headers, and the JSON body (or text)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            return request(connection, method, path, body, headers, raw)
        finally:
            connection.close()


def request(connection, method, path, body=None, headers=None, raw=None):
    sent = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    all_headers = {"Content-Type": "application/json"} if sent is not None else {}
    all_headers.update(headers or {})
    connection.request(method, path, body=sent, headers=all_headers)
    response = connection.getresponse()
    data = response.read()
    text = data.decode("utf-8", "replace")
    try:
        parsed = json.loads(text) if data else None
    except ValueError:
        parsed = text
    return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed


def searchset(resources: list[dict]) -> dict:
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
            "entry": [{"fullUrl": f"urn:uuid:{r.get('id', uuid.uuid4())}", "resource": r,
                       "search": {"mode": "match"}} for r in resources]}


def prefetch_from_bundle(bundle: dict) -> tuple[str, dict]:
    """The patient id and the prefetch an EHR would send for the patient in ``bundle``."""
    resources = [e["resource"] for e in bundle["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    return patient["id"], {
        "patient": patient,
        "counts": searchset([r for r in resources if r["resourceType"] == "Observation"]),
        "medications": searchset([r for r in resources if r["resourceType"] in
                                  ("MedicationRequest", "MedicationStatement")]),
        "conditions": searchset([r for r in resources if r["resourceType"] == "Condition"]),
    }


def patient_view(fixture: str) -> dict:
    bundle = json.loads((FIXTURES / fixture).read_text())
    patient_id, prefetch = prefetch_from_bundle(bundle)
    return {"hook": "patient-view", "hookInstance": str(uuid.uuid4()),
            "fhirServer": "https://ehr.example.org/fhir",
            "context": {"userId": "Practitioner/example", "patientId": patient_id},
            "prefetch": prefetch}


def anc_observation(patient_id: str, value_per_ul: float, hours_ago: float = 2) -> dict:
    when = (datetime.now(timezone.utc) - timedelta(hours=hours_ago)).isoformat()
    return {"resourceType": "Observation", "id": f"anc-{uuid.uuid4().hex[:8]}",
            "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "751-8",
                                 "display": "Neutrophils [#/volume] in Blood by Automated "
                                            "count"}]},
            "subject": {"reference": f"Patient/{patient_id}"}, "effectiveDateTime": when,
            "valueQuantity": {"value": value_per_ul, "unit": "/uL",
                              "system": "http://unitsofmeasure.org", "code": "/uL"}}


def order_sign(drug_text: str, rxnorm: str | None, counts: list[dict] | None,
               patient_id: str = "order-patient") -> dict:
    coding = [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": rxnorm,
               "display": drug_text}] if rxnorm else []
    order = {"resourceType": "MedicationRequest", "id": "draft-1", "status": "draft",
             "intent": "order", "subject": {"reference": f"Patient/{patient_id}"},
             "medicationCodeableConcept": {"coding": coding, "text": drug_text}}
    return {"hook": "order-sign", "hookInstance": str(uuid.uuid4()),
            "context": {"userId": "Practitioner/example", "patientId": patient_id,
                        "draftOrders": searchset([order])},
            "prefetch": {"patient": {"resourceType": "Patient", "id": patient_id,
                                     "gender": "male", "birthDate": "1990-05-05"},
                         "counts": searchset(counts) if counts is not None else None}}
