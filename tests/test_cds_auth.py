"""Authentication as CDS Hooks describes it, against the real service started with the EHR's
JWK Set: a signed JWT with the right issuer, audience, expiry and a fresh jti is let in, and
every other call is refused with 401; --no-auth is refused off loopback."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.cds_client import ROOT, Server, patient_view

ISSUER = "https://ehr.example.org"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    private = ec.generate_private_key(ec.SECP384R1())
    public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(private.public_key()))
    public.update(kid="ehr-key-1", use="sig", alg="ES384")
    path = tmp_path_factory.mktemp("keys") / "jwks.json"
    path.write_text(json.dumps({"keys": [public]}))
    return private, path


@pytest.fixture(scope="module")
def server(keys):
    running = Server("--jwks", str(keys[1]), "--issuer", ISSUER)
    yield running
    running.stop()


def token(private, audience, **changes):
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": audience, "iat": now, "exp": now + 300,
              "jti": str(uuid.uuid4())}
    claims.update(changes)
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, private, algorithm="ES384",
                      headers={"kid": "ehr-key-1", "typ": "JWT"})


def bearer(value):
    return {"Authorization": f"Bearer {value}"}


def test_a_call_without_a_token_is_refused(server):
    status, headers, body = server.call("GET", "/cds-services")
    assert status == 401 and headers["www-authenticate"] == "Bearer"
    assert body["resourceType"] == "OperationOutcome"


def test_a_signed_token_for_this_service_is_let_in(server, keys):
    private, _ = keys
    status, _, body = server.call("GET", "/cds-services",
                                  headers=bearer(token(private, f"{server.base}/cds-services")))
    assert status == 200 and body["services"]
    audience = f"{server.base}/cds-services/leukodx"
    status, _, answer = server.call("POST", "/cds-services/leukodx",
                                    patient_view("febrile-neutropenia-chemotherapy.json"),
                                    headers=bearer(token(private, [audience])))
    assert status == 200 and answer["cards"][0]["indicator"] == "critical"


@pytest.mark.parametrize("claims, reason", [
    ({"aud": "https://elsewhere.example.org/cds-services/leukodx"}, "audience"),
    ({"exp": int(time.time()) - 600}, "expired"),
    ({"iss": "https://intruder.example.org"}, "not trusted"),
    ({"jti": None}, "jti"),
])
def test_a_token_with_the_wrong_claims_is_refused(server, keys, claims, reason):
    private, _ = keys
    audience = f"{server.base}/cds-services/leukodx"
    status, _, body = server.call("POST", "/cds-services/leukodx",
                                  patient_view("normal-counts.json"),
                                  headers=bearer(token(private, audience, **claims)))
    assert status == 401
    assert reason in body["issue"][0]["diagnostics"].lower()


def test_a_replayed_token_is_refused(server, keys):
    private, _ = keys
    once = token(private, f"{server.base}/cds-services")
    assert server.call("GET", "/cds-services", headers=bearer(once))[0] == 200
    status, _, body = server.call("GET", "/cds-services", headers=bearer(once))
    assert status == 401 and "already used" in body["issue"][0]["diagnostics"]


def test_a_token_signed_by_another_key_or_with_a_shared_secret_is_refused(server):
    other = ec.generate_private_key(ec.SECP384R1())
    audience = f"{server.base}/cds-services"
    forged = token(other, audience)
    assert server.call("GET", "/cds-services", headers=bearer(forged))[0] == 401
    now = int(time.time())
    symmetric = jwt.encode({"iss": ISSUER, "aud": audience, "iat": now, "exp": now + 60,
                            "jti": "x"}, "secret", algorithm="HS256",
                           headers={"kid": "ehr-key-1"})
    status, _, body = server.call("GET", "/cds-services", headers=bearer(symmetric))
    assert status == 401 and "asymmetric" in body["issue"][0]["diagnostics"]
    assert server.call("GET", "/cds-services", headers=bearer("not.a.jwt"))[0] == 401


@pytest.mark.parametrize("options, message", [
    (["--no-auth", "--host", "0.0.0.0"], "loopback"),
    ([], "--jwks"),
])
def test_unsafe_ways_of_starting_are_refused_in_one_line(options, message):
    run = subprocess.run([sys.executable, "-m", "interview.cli", "serve", "--port", "1",
                          *options], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert message in run.stderr and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
