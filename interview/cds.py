"""``leukodx serve``: a CDS Hooks 2.0 service over HTTP (Starlette on uvicorn). A thin
interface: it checks the request, turns the prefetched FHIR into a case (engine.fhir), has the
engine assess it, and renders the result as cards. It decides nothing clinical.

Services: ``leukodx`` on patient-view (pitfall cards, then one card with the leading causes)
and ``leukodx-order`` on order-sign (a drug that lowers the neutrophil count ordered while the
ANC is low, or clozapine without a recent ANC). Assessment runs in a pool of worker
processes, one engine each (experta engines are not thread-safe); the event loop only parses,
checks and renders.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import io
import ipaddress
import json
import multiprocessing
import os
import pickle
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timezone

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

MAX_BODY_BYTES = 2_000_000  # a year of counts and a medication list is well under 1 MB
MAX_DEPTH = 1024  # orjson's limit; FHIR resources nest a dozen levels
SUMMARY_LIMIT = 139  # CDS Hooks: "<140-character summary"
TOP_CAUSES = 5
EXPLANATIONS_KEPT = 2000
EXPLANATION_SECONDS = 3600
PATIENT_VIEW_PREFETCH = {
    "patient": "Patient/{{context.patientId}}",
    "counts": None,  # filled from the LOINC table: every blood-count code leukodx reads
    "medications": "MedicationRequest?patient={{context.patientId}}&status=active",
    "conditions": "Condition?patient={{context.patientId}}&clinical-status=active",
}
REQUIRED_PREFETCH = ("patient", "counts")
DISCLAIMER = "Decision support for a clinician, not a diagnosis."


# ---- configuration ----------------------------------------------------------------------

@dataclass
class ServiceConfig:
    host: str = "127.0.0.1"
    port: int = 8765
    base_url: str | None = None  # what the EHR calls; the JWT's aud names it
    no_auth: bool = False
    jwks: dict | None = None  # the EHR's public keys (a JWK Set), given out of band
    issuers: tuple[str, ...] = ()  # allowed iss; empty: any issuer whose key is in jwks
    cors_origins: tuple[str, ...] = ("*",)
    workers: int = 1  # assessment processes

    @property
    def url(self) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"


class ServiceConfigError(ValueError):
    """A way of starting the service that would not be safe or cannot work."""


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_config(config: ServiceConfig) -> None:
    if config.no_auth and not is_loopback(config.host):
        raise ServiceConfigError(f"--no-auth is allowed on a loopback address only, not "
                                 f"{config.host}: give the EHR's keys with --jwks FILE")
    if not config.no_auth and not config.jwks:
        raise ServiceConfigError("give the EHR's public keys with --jwks FILE (a JWK Set) so "
                                 "its JWT can be verified, or --no-auth on loopback for testing")


# ---- errors: one line, as an OperationOutcome --------------------------------------------

def outcome(status: int, reason: str, code: str = "invalid") -> JSONResponse:
    severity = "error" if status < 500 else "fatal"
    return JSONResponse({"resourceType": "OperationOutcome", "issue": [
        {"severity": severity, "code": code, "diagnostics": reason}]}, status_code=status,
        headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


class RequestProblem(Exception):
    def __init__(self, status: int, reason: str, code: str = "invalid"):
        super().__init__(reason)
        self.status, self.reason, self.code = status, reason, code


# ---- reading a request ------------------------------------------------------------------

async def read_body(request: Request) -> bytes:
    """The request body, refused before it is read when it is too large or not JSON."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        raise RequestProblem(413, f"request body over {MAX_BODY_BYTES // 1_000_000} MB",
                             "too-costly")
    content_type = request.headers.get("content-type", "")
    if "json" not in content_type.lower():
        raise RequestProblem(415, "send the hook request as application/json")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            raise RequestProblem(413, f"request body over {MAX_BODY_BYTES // 1_000_000} MB",
                                 "too-costly")
    return bytes(body)


def parse_json(body: bytes) -> dict:
    """A hook request's JSON (in an assessment process: parsing is work too). orjson reads
    it (a third of the standard library's time on a year of counts) and refuses more than
    1,024 levels of nesting itself, in C, without recursing in Python; whatever orjson
    refuses is read again by the standard library, so every refusal keeps its reason (not
    UTF-8, NaN, ...) and every value orjson cannot hold (infinity, a lone surrogate) is
    read as before, the nesting then bounded by the walk below."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        data = _parse_json_strictly(body)
    if not isinstance(data, dict):
        raise RequestProblem(400, "a hook request is a JSON object")
    return data


def _parse_json_strictly(body: bytes) -> object:
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise RequestProblem(400, "request body is not UTF-8") from None
    except RecursionError:
        raise RequestProblem(400, "JSON nested too deeply") from None
    except ValueError as error:
        raise RequestProblem(400, f"request body is not valid JSON: {_first_line(error)}") \
            from None
    _check_depth(data)
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


_CONTAINERS = (dict, list)


def _check_depth(data: object) -> None:
    """Refuse JSON nested deeper than orjson reads (which the standard library would
    otherwise hand on)."""
    # json.loads makes plain dicts and lists only: types compared, not isinstance
    level = [data]
    for _ in range(MAX_DEPTH):
        level = [child for item in level
                 for child in (item.values() if type(item) is dict else item)
                 if type(child) in _CONTAINERS]
        if not level:
            return
    raise RequestProblem(400, f"JSON nested more than {MAX_DEPTH} levels deep")


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


def hook_request(data: dict, hook: str) -> dict:
    """Check the fields every hook request has; returns the context."""
    for name, kind, required in (("hook", str, True), ("hookInstance", str, True),
                                 ("context", dict, True), ("prefetch", dict, False),
                                 ("fhirServer", str, False), ("fhirAuthorization", dict, False)):
        if name not in data or data[name] is None:
            if required:
                raise RequestProblem(400, f"missing required field {name!r}")
            continue
        if not isinstance(data[name], kind):
            raise RequestProblem(400, f"{name} must be {'text' if kind is str else 'an object'}")
    if data["hook"] != hook:
        raise RequestProblem(400, f"this service answers the {hook} hook, not "
                             f"{data['hook'][:60]!r}")
    context = data["context"]
    patient_id = context.get("patientId")
    if not isinstance(patient_id, str) or not patient_id.strip() or len(patient_id) > 200:
        raise RequestProblem(400, "context.patientId must be the patient's FHIR id (text)")
    return context


def prefetched(data: dict, keys: tuple[str, ...]) -> dict:
    """The prefetch the service needs. A key the EHR left out (it could not or chose not to
    fetch it) means the service lacks the data: CDS Hooks prescribes 412. A key that is null
    means the EHR looked and found nothing."""
    prefetch = data.get("prefetch") or {}
    missing = [key for key in keys if key not in prefetch
               or _is_outcome(prefetch[key])]
    if missing:
        raise RequestProblem(412, f"prefetch {', '.join(missing)} missing: send the prefetch "
                             "the discovery document lists (leukodx does not query FHIR "
                             "servers itself)", "not-found")
    for key, value in prefetch.items():
        if value is not None and not isinstance(value, dict):
            raise RequestProblem(400, f"prefetch.{str(key)[:40]} must be a FHIR resource or "
                                 "Bundle (an object) or null")
    return prefetch


def _is_outcome(value: object) -> bool:
    return isinstance(value, dict) and value.get("resourceType") == "OperationOutcome"


# ---- the work done in the assessment processes --------------------------------------------

_assessor = None


def _start_worker() -> None:
    global _assessor
    from engine.assessment import Assessor

    _assessor = Assessor()
    from engine.fhir import code_tables

    code_tables()
    settle_collector()


# the young generation collected after this many new container objects, not 700
COLLECTOR_THRESHOLDS = (50_000, 20, 100)


def settle_collector() -> None:
    """Once a process holds what it keeps for its whole life (the engine, the tables):
    those objects are moved out of the cycle collector's way (``gc.freeze``), and the
    collector runs after 50,000 new container objects instead of 700. A year of counts
    parses into up to 6,000 dicts and lists that live to the end of the request; at the
    default threshold the collector walked them, and the engine's, again and again (a
    quarter of an assessment worker's time). The cyclic garbage an assessment leaves (a few hundred
    objects) is still collected, every hundred requests or so."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def _located(prefetch: dict, keys) -> list:
    from engine.fhir import Located, bundle_resources

    found = []
    for key in keys:
        value = prefetch.get(key)
        if not isinstance(value, dict):
            continue
        if value.get("resourceType") == "Bundle":
            found.extend(bundle_resources(value, f"prefetch.{key}"))
        elif isinstance(value.get("resourceType"), str):
            found.append(Located(value, f"prefetch.{key}"))
    return found


def _case_from_prefetch(context: dict, prefetch: dict, extra: list | None = None):
    """The patient's case from a prefetch, its warnings, and when its latest count was."""
    from engine.fhir import case_from_record, patients_from_resources

    patient_key = f"Patient/{context['patientId']}"
    resources = _located(prefetch, [k for k in prefetch if k != "user"]) + (extra or [])
    records = patients_from_resources(resources, name="prefetch", patient_key=patient_key,
                                      medications_asked="medications" in prefetch)
    record = next((r for r in records if r.key == patient_key), None)
    if record is None:
        return None, None
    others = [r.key for r in records if r.key != patient_key]
    if others:  # never mixed into this patient's case
        record.warnings.append(f"prefetch: resources of {', '.join(others[:3])} (not "
                               f"{patient_key}, the patient in context): not used")
    return case_from_record(record, "prefetch"), record


def handle(hook: str, body: bytes, base_url: str) -> tuple[int, object]:
    """One hook request, from its body to its answer, in an assessment process: (200,
    answer) or (status, (reason, code))."""
    try:
        data = parse_json(body)
        context = hook_request(data, hook)
        if hook == "order-sign" and not isinstance(context.get("draftOrders"), dict):
            raise RequestProblem(400, "context.draftOrders must be a Bundle of the orders "
                                 "being signed")
        prefetch = prefetched(data, REQUIRED_PREFETCH)
        if hook == "patient-view":
            return 200, assess_patient_view(context, prefetch, base_url)
        return 200, assess_order(context, prefetch)
    except RequestProblem as problem:
        return problem.status, (problem.reason, problem.code)
    except RecursionError:
        return 400, ("JSON nested too deeply", "invalid")


def assess_patient_view(context: dict, prefetch: dict, base_url: str) -> dict:
    """Cards for patient-view, and the explanation the info card links to."""
    from engine.errors import CaseFileError

    case, record = _case_from_prefetch(context, prefetch)
    if case is None:
        return {"cards": []}
    if isinstance(case, CaseFileError):
        return {"cards": [unreadable_card(case.message)]}
    result = _assessor.assess(case, with_trace=False)
    answer = cards_for(result, case, base_url)
    if "explanation" in answer:
        # the case goes back to the service pickled once, here, and is kept as those
        # bytes: the service's one process need not rebuild it for every answer, only
        # the worker that renders an explanation when a clinician opens one
        token, case = answer["explanation"]
        answer["explanation"] = (token, pickle.dumps(case, pickle.HIGHEST_PROTOCOL))
    return answer


def explain(case) -> str:
    """The full explanation of a case (rendered only when a clinician opens the link);
    ``case`` as kept for the link: the case pickled by ``assess_patient_view`` (bytes made
    by this program's own worker, never read from a request)."""
    from interview.render import DISCLAIMER as TEACHING

    if isinstance(case, bytes):
        case = pickle.loads(case)
    return explanation_text(_assessor.assess(case), case, TEACHING)


def assess_order(context: dict, prefetch: dict) -> dict:
    from engine.errors import CaseFileError
    from engine.fhir import find_drug_in_text
    from engine.orders import order_alerts
    from rules.catalogue import load_catalogue

    catalogue = load_catalogue()
    orders = _draft_medications(context.get("draftOrders"))
    if not orders:
        return {"cards": []}
    case, record = _case_from_prefetch(context, prefetch)
    result = None
    if case is not None and not isinstance(case, CaseFileError) and case.labs:
        result = _assessor.assess(case, with_trace=False)
    days = None
    if record is not None and record.index_time is not None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        days = max((now - record.index_time).total_seconds() / 86400, 0)
    cards = []
    seen = set()
    for order in orders:
        generic = _order_generic(order, catalogue, find_drug_in_text)
        if generic is None or generic in seen:
            continue
        seen.add(generic)
        for alert in order_alerts(generic, result, days, catalogue):
            cards.append(card(alert.indicator, alert.summary, alert.detail,
                              {"label": alert.source.label, "url": alert.source.url}))
    cards.sort(key=lambda c: INDICATOR_ORDER[c["indicator"]])
    return {"cards": cards}


def _draft_medications(draft: object) -> list[dict]:
    if not isinstance(draft, dict):
        return []
    from engine.fhir import bundle_resources

    resources = [item.resource for item in bundle_resources(draft, "context.draftOrders")] \
        if draft.get("resourceType") == "Bundle" else [draft]
    return [r for r in resources if r.get("resourceType") in ("MedicationRequest",
                                                              "MedicationOrder")]


def _order_generic(order: dict, catalogue, find_drug_in_text) -> str | None:
    from engine.fhir import code_tables

    concept = order.get("medicationCodeableConcept")
    if not isinstance(concept, dict):
        return None
    rxnorm = code_tables().rxnorm
    names = []
    for coding in concept.get("coding") or []:
        if not isinstance(coding, dict):
            continue
        if str(coding.get("code")) in rxnorm and "rxnorm" in str(coding.get("system")):
            return rxnorm[str(coding["code"])]
        if isinstance(coding.get("display"), str):
            names.append(coding["display"])
    if isinstance(concept.get("text"), str):
        names.insert(0, concept["text"])
    for name in names:
        generic = find_drug_in_text(catalogue, name)
        if generic:
            return generic
    return None


# ---- cards ------------------------------------------------------------------------------

INDICATOR_ORDER = {"critical": 0, "warning": 1, "info": 2}


def short(text: str, limit: int = SUMMARY_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def card(indicator: str, summary: str, detail: str, source: dict,
         links: list | None = None) -> dict:
    made = {"uuid": str(uuid.uuid4()), "summary": short(summary), "indicator": indicator,
            "detail": detail,
            "source": {k: v for k, v in source.items() if v}}
    if links:
        made["links"] = links
    return made


def unreadable_card(reason: str) -> dict:
    return card("info", "leukodx could not read this record's counts, so it gives no advice.",
                f"The prefetched data do not make a consistent case: {reason}\n\n"
                f"*{DISCLAIMER}*", {"label": "leukodx"})


def cards_for(result, case, base_url: str) -> dict:
    """One card per pitfall (critical first), then the leading causes; no cards when the
    engine finds nothing to say."""
    cards = [card(p.indicator, p.summary, f"{p.detail}\n\n*{DISCLAIMER}*",
                  {"label": p.source.label, "url": p.source.url}) for p in result.pitfalls]
    if result.ranking:
        top = result.ranking[:TOP_CAUSES]
        names = _leading(result.ranking)
        lines = ["| # | Cause | Score | Band |", "| --- | --- | --- | --- |"]
        for cause in top:
            flag = " **must not miss**" if cause.must_not_miss else ""
            # equal scores share a place ("=2"): equally likely, listed alphabetically
            at = f"={cause.shared_rank}" if cause.tied_with else cause.rank
            lines.append(f"| {at} | {_md(cause.name)}{flag} | {cause.score:+d} | "
                         f"{cause.band} |")
        from engine.result import tied_beyond
        more = tied_beyond(result.ranking, len(top))
        if more:
            lines.append(f"\nAnd {len(more)} more at the same score ({more[0].score:+d}); "
                         "'=' marks a place shared by equal scores.")
        elif any(cause.tied_with for cause in top):
            lines.append("\n'=' marks a place shared by equal scores.")
        lines.append("")
        for cause in top[:3]:
            strongest = max(cause.evidence, key=lambda e: e.weight, default=None)
            if strongest is not None:
                lines.append(f"- **{_md(cause.name)}**: {strongest.rationale}")
            for step in getattr(cause, "next_steps", ())[:2]:
                lines.append(f"  - Next: {getattr(step, 'text', step)}")
        questions = result.next_questions[:3]
        if questions:
            lines += ["", "**Would help most next:** "
                      + "; ".join(q.text for q in questions)]
        if result.warnings:
            lines += ["", f"{len(result.warnings)} item(s) of the record could not be used "
                      "(see the explanation)."]
        lines += ["", "Scores are log-odds in decibans (+10 = ten times likelier).",
                  f"*{DISCLAIMER}*"]
        token = uuid.uuid4().hex
        cards.append(card("info", names, "\n".join(lines),
                          {"label": "leukodx differential of leukopenia"},
                          [{"label": "How leukodx reasoned", "type": "absolute",
                            "url": f"{base_url}/explanations/{token}"}]))
        return {"cards": cards, "explanation": (token, case)}
    return {"cards": cards}


def _leading(ranking) -> str:
    """"Leading causes: A (likely), B (possible) and 6 more", in whole names, under 140."""
    shown: list[str] = []
    for cause in ranking:
        more = len(ranking) - len(shown) - 1
        candidate = ", ".join([*shown, f"{cause.name} ({cause.band})"])
        tail = f" and {more} more" if more else ""
        if len(f"Leading causes: {candidate}{tail}") > SUMMARY_LIMIT and shown:
            break
        shown.append(f"{cause.name} ({cause.band})")
    rest = len(ranking) - len(shown)
    label = "Leading cause" if len(shown) == 1 else "Leading causes"
    return f"{label}: {', '.join(shown)}" + (f" and {rest} more" if rest else "")


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def explanation_text(result, case, disclaimer: str) -> str:
    from rich.console import Console

    from interview import render

    buffer = io.StringIO()
    console = Console(file=buffer, width=100, color_system=None, highlight=False,
                      soft_wrap=False)
    render.render_explanation(console, result, case.title, TOP_CAUSES)
    for warning in result.warnings:
        console.print(f"Not used: {warning}")
    return buffer.getvalue()


# ---- authentication ---------------------------------------------------------------------

class TokenChecker:
    """Verifies the EHR's JWT as CDS Hooks asks: signed (asymmetric algorithms only) by a key
    in the EHR's JWK Set (kid), iss allowed, aud this service's URL, exp, iat and a jti not
    seen before (replay)."""

    ALGORITHMS = ["ES384", "RS384", "ES256", "RS256", "ES512", "RS512", "PS256", "PS384",
                  "PS512"]

    def __init__(self, config: ServiceConfig):
        import jwt

        self.jwt = jwt
        self.keys = jwt.PyJWKSet.from_dict(config.jwks)
        self.issuers = set(config.issuers)
        self.seen: OrderedDict[str, float] = OrderedDict()

    def check(self, header: str | None, audience: str) -> None:
        jwt = self.jwt
        if not header or not header.lower().startswith("bearer "):
            raise RequestProblem(401, "missing Authorization: Bearer <JWT>", "login")
        token = header[7:].strip()
        try:
            head = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise RequestProblem(401, f"not a JWT: {_first_line(error)}", "login") from None
        if head.get("alg") not in self.ALGORITHMS:
            raise RequestProblem(401, f"JWT algorithm {str(head.get('alg'))[:20]!r} is not "
                                 "accepted (asymmetric signatures only)", "login")
        kid = head.get("kid")
        key = next((k for k in self.keys.keys if k.key_id == kid), None)
        if key is None:
            raise RequestProblem(401, f"no trusted key with kid {str(kid)[:40]!r}", "login")
        try:
            claims = jwt.decode(token, key.key, algorithms=[head["alg"]], audience=audience,
                                options={"require": ["iss", "aud", "exp", "iat", "jti"]},
                                leeway=30)
        except jwt.PyJWTError as error:
            raise RequestProblem(401, f"JWT refused: {_first_line(error)}", "login") from None
        if self.issuers and claims["iss"] not in self.issuers:
            raise RequestProblem(401, f"issuer {str(claims['iss'])[:80]!r} is not trusted",
                                 "login")
        self.remember(str(claims["jti"]), float(claims["exp"]))

    def remember(self, jti: str, expires: float) -> None:
        now = time.time()
        while self.seen and next(iter(self.seen.values())) < now - 60:
            self.seen.popitem(last=False)
        if jti in self.seen:
            raise RequestProblem(401, "JWT already used (jti seen before)", "login")
        self.seen[jti] = expires
        if len(self.seen) > 100_000:
            self.seen.popitem(last=False)


# ---- the application --------------------------------------------------------------------

@dataclass
class _State:
    config: ServiceConfig
    pool: concurrent.futures.ProcessPoolExecutor | None = None
    checker: TokenChecker | None = None
    explanations: OrderedDict = field(default_factory=OrderedDict)


def discovery_document() -> dict:
    from engine.fhir import code_tables
    from rules.catalogue import load_catalogue

    catalogue = load_catalogue()
    tables = code_tables()
    from engine.fhir import _is_blood_count

    count_codes = [code for code, row in tables.observations.items()
                   if "lab" in row and _is_blood_count(catalogue.labs[row["lab"]])]
    count_codes += [code for code, row in tables.observations.items()
                    if row.get("finding") == "temperature_c"]
    prefetch = dict(PATIENT_VIEW_PREFETCH)
    prefetch["counts"] = ("Observation?patient={{context.patientId}}&code="
                          + ",".join(f"http://loinc.org|{c}" for c in count_codes)
                          + "&_sort=-date&_count=200")
    chemistry = [code for code, row in tables.observations.items()
                 if "lab" in row and not _is_blood_count(catalogue.labs[row["lab"]])]
    prefetch["chemistry"] = ("Observation?patient={{context.patientId}}&code="
                             + ",".join(f"http://loinc.org|{c}" for c in chemistry)
                             + "&_sort=-date&_count=50")
    order_prefetch = {"patient": prefetch["patient"], "counts": prefetch["counts"]}
    return {"services": [
        {"hook": "patient-view", "id": "leukodx", "title": "leukodx: leukopenia pitfalls "
         "and differential",
         "description": "When a chart with a low white or neutrophil count is opened: cards "
         "for the pitfalls that apply (neutropenic fever first) and one card with the leading "
         "causes and what would help next. Decision support for a clinician, not a diagnosis.",
         "prefetch": prefetch, "usageRequirements": "Prefetch patient and counts; "
         "medications and conditions improve the differential."},
        {"hook": "order-sign", "id": "leukodx-order", "title": "leukodx: drug order and a "
         "low neutrophil count",
         "description": "Warns when a drug known to lower the neutrophil count is signed for "
         "a patient whose latest ANC is low, or clozapine without a recent ANC.",
         "prefetch": order_prefetch},
    ]}


def build_app(config: ServiceConfig, pool=None) -> Starlette:
    """The ASGI application. ``pool`` (an executor) runs the assessments; by default a
    process pool of ``config.workers`` is started with the application."""
    state = _State(config=config)
    if not config.no_auth:
        state.checker = TokenChecker(config)
    discovery = discovery_document()
    base = config.url

    def authenticate(request: Request, path: str) -> None:
        if state.checker is not None:
            state.checker.check(request.headers.get("authorization"), f"{base}{path}")

    async def run(function, *args):
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(state.pool, function, *args)
        except concurrent.futures.process.BrokenProcessPool:
            state.pool = _new_pool(config.workers)
            raise RequestProblem(503, "an assessment worker stopped; try again",
                                 "transient") from None
        except RecursionError:  # a structure too deep to hand to the worker
            raise RequestProblem(400, "JSON nested too deeply") from None

    async def services(request: Request) -> Response:
        try:
            authenticate(request, "/cds-services")
        except RequestProblem as problem:
            return outcome(problem.status, problem.reason, problem.code)
        return JSONResponse(discovery)

    async def hook(request: Request, name: str, path: str) -> Response:
        try:
            authenticate(request, path)
            body = await read_body(request)
            status, answer = await run(handle, name, body, base)
        except RequestProblem as problem:
            return outcome(problem.status, problem.reason, problem.code)
        if status != 200:
            return outcome(status, *answer)
        explanation = answer.pop("explanation", None)
        if explanation is not None:
            keep(state.explanations, *explanation)
        return JSONResponse(answer)

    async def patient_view(request: Request) -> Response:
        return await hook(request, "patient-view", "/cds-services/leukodx")

    async def order_sign(request: Request) -> Response:
        return await hook(request, "order-sign", "/cds-services/leukodx-order")

    async def explanation(request: Request) -> Response:
        token = request.path_params["token"]
        entry = state.explanations.get(token)
        if entry is None or entry[0] < time.time() - EXPLANATION_SECONDS:
            return PlainTextResponse("This explanation has expired (they are kept for an "
                                     "hour). Open the chart again for a new one.\n", 404)
        try:
            text = await run(explain, entry[1])
        except RequestProblem as problem:
            return outcome(problem.status, problem.reason, problem.code)
        return PlainTextResponse(text)

    async def not_found(request: Request, exc) -> Response:
        return outcome(404, f"no such endpoint: {request.method} {request.url.path[:100]}",
                       "not-found")

    async def not_allowed(request: Request, exc) -> Response:
        return outcome(405, f"{request.method} is not allowed on {request.url.path[:100]}",
                       "not-supported")

    async def failure(request: Request, exc) -> Response:
        return outcome(500, "leukodx could not answer this request (an internal error, "
                       "logged by the service)", "exception")

    @contextlib.asynccontextmanager
    async def lifespan(app):
        if pool is not None:
            state.pool = pool
        else:
            state.pool = _new_pool(config.workers)
            # build every worker's engine before the first patient arrives
            await asyncio.gather(*(asyncio.get_running_loop().run_in_executor(
                state.pool, _warm) for _ in range(config.workers)))
        try:
            yield
        finally:
            if pool is None and state.pool is not None:
                state.pool.shutdown(cancel_futures=True)

    routes = [Route("/cds-services", services, methods=["GET"]),
              Route("/cds-services/leukodx", patient_view, methods=["POST"]),
              Route("/cds-services/leukodx-order", order_sign, methods=["POST"]),
              Route("/explanations/{token}", explanation, methods=["GET"])]
    middleware = [Middleware(CORSMiddleware, allow_origins=list(config.cors_origins),
                             allow_methods=["GET", "POST", "OPTIONS"],
                             allow_headers=["Authorization", "Content-Type"],
                             expose_headers=["Content-Location", "Location"], max_age=600)]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={404: not_found, 405: not_allowed, 500: failure,
                                        Exception: failure},
                    lifespan=lifespan)
    return app


def keep(store: OrderedDict, token: str, case) -> None:
    """Keep a case for its explanation link (the explanation is rendered when opened)."""
    store[token] = (time.time(), case)
    while len(store) > EXPLANATIONS_KEPT:
        store.popitem(last=False)


def _warm() -> int:
    """A task that makes a worker start (and build its engine)."""
    time.sleep(0.2)  # long enough that each worker of the pool takes one
    return os.getpid()


def _new_pool(workers: int) -> concurrent.futures.ProcessPoolExecutor:
    return concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker)


def serve(config: ServiceConfig) -> int:
    """Run the service until interrupted."""
    import uvicorn

    check_config(config)
    app = build_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level="warning",
                access_log=False, limit_concurrency=256, timeout_keep_alive=30,
                h11_max_incomplete_event_size=64 * 1024)
    return 0
