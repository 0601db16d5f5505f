"""A client for the NPPES NPI registry (https://npiregistry.cms.hhs.gov/api/).

`lookup_npi` fetches one record; `evaluate` decides whether it verifies a
declared license. Network failures are `RegistryUnavailable` (transient: the
task retries); answers that cannot be read are `RegistryInvalidAnswer` (not
transient: a moderator reviews the license).
"""

from __future__ import annotations

import json
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

# Behavioural-health taxonomy codes (NUCC): counselors, psychologists, social
# workers, marriage and family therapists, behaviour analysts, psychiatry,
# psychiatric nurse practitioners and clinical nurse specialists.
BEHAVIOURAL_TAXONOMY_PREFIXES = (
    "101Y",  # counselors
    "102L",  # psychoanalyst
    "102X",  # poetry therapist
    "103G",  # clinical neuropsychologist
    "103K",  # behavior analyst
    "103T",  # psychologist
    "1041",  # social worker
    "106E",  # assistant behavior analyst
    "106H",  # marriage and family therapist
    "106S",  # behavior technician
    "2084A0401X",  # addiction medicine (psychiatry and neurology)
    "2084F0202X",  # forensic psychiatry
    "2084P08",  # psychiatry, child and adolescent, geriatric, addiction
    "2084P0015X",  # psychosomatic medicine
    "363LP0808X",  # psychiatric/mental health nurse practitioner
    "364SP08",  # psychiatric/mental health clinical nurse specialist
)

MAX_RESPONSE_BYTES = 1_000_000


class RegistryError(Exception):
    pass


class RegistryUnavailable(RegistryError):
    """Timeout, refused connection, or a server error: worth retrying."""


class RegistryInvalidAnswer(RegistryError):
    """The registry answered something we cannot read."""


@dataclass(frozen=True)
class Taxonomy:
    code: str
    description: str
    state: str
    license: str
    primary: bool


@dataclass(frozen=True)
class RegistryRecord:
    npi: str
    first_name: str
    last_name: str
    organization_name: str
    status: str
    taxonomies: tuple[Taxonomy, ...]
    raw: dict[str, Any] = field(compare=False, repr=False)

    @property
    def is_active(self) -> bool:
        return self.status.upper() == "A"


@dataclass(frozen=True)
class RegistryResult:
    """What a lookup found: a record, or None when the registry has no such NPI."""

    record: RegistryRecord | None
    raw: dict[str, Any]


@dataclass(frozen=True)
class Evaluation:
    verified: bool
    reasons: list[str]


def _base_url() -> str:
    return str(getattr(settings, "NPPES_API_URL", "https://npiregistry.cms.hhs.gov/api/"))


def _timeout() -> float:
    return float(getattr(settings, "NPPES_TIMEOUT_SECONDS", 5.0))


def lookup_npi(
    npi: str, *, base_url: str | None = None, timeout: float | None = None
) -> RegistryResult:
    query = urllib.parse.urlencode({"version": "2.1", "number": npi})
    base = base_url or _base_url()
    # Only http(s): a file:// or custom scheme from a bad setting must not be opened.
    if urllib.parse.urlparse(base).scheme not in ("http", "https"):
        raise RegistryUnavailable(f"NPPES_API_URL must be http(s), not {base!r}")
    url = f"{base}?{query}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout or _timeout()) as response:  # noqa: S310 -- URL from settings
            body = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise RegistryUnavailable(f"registry answered HTTP {exc.code}") from exc
        raise RegistryInvalidAnswer(f"registry answered HTTP {exc.code}") from exc
    except TimeoutError as exc:
        raise RegistryUnavailable("registry timed out") from exc
    except (urllib.error.URLError, ConnectionError, OSError) as exc:
        raise RegistryUnavailable(f"registry unreachable: {exc}") from exc
    if len(body) > MAX_RESPONSE_BYTES:
        raise RegistryInvalidAnswer("registry answer is too large")
    return parse_response(body, npi=npi)


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def parse_response(body: bytes, *, npi: str) -> RegistryResult:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegistryInvalidAnswer("registry answer is not JSON") from exc
    if not isinstance(payload, dict):
        raise RegistryInvalidAnswer("registry answer is not a JSON object")
    if "Errors" in payload:
        raise RegistryInvalidAnswer(f"registry reported errors: {payload['Errors']!r}"[:300])
    results = payload.get("results")
    if results is None and payload.get("result_count") == 0:
        return RegistryResult(record=None, raw=payload)
    if not isinstance(results, list):
        raise RegistryInvalidAnswer("registry answer has no results list")
    for item in results:
        if not isinstance(item, dict) or str(item.get("number", "")) != npi:
            continue
        basic = item.get("basic")
        taxonomies = item.get("taxonomies", [])
        if not isinstance(basic, dict) or not isinstance(taxonomies, list):
            raise RegistryInvalidAnswer("registry record is missing its basic or taxonomy data")
        return RegistryResult(
            record=RegistryRecord(
                npi=npi,
                first_name=_text(basic.get("first_name")),
                last_name=_text(basic.get("last_name")),
                organization_name=_text(basic.get("organization_name")),
                status=_text(basic.get("status")),
                taxonomies=tuple(
                    Taxonomy(
                        code=_text(t.get("code")),
                        description=_text(t.get("desc")),
                        state=_text(t.get("state")).upper(),
                        license=_text(t.get("license")),
                        primary=bool(t.get("primary")),
                    )
                    for t in taxonomies
                    if isinstance(t, dict)
                ),
                raw=item,
            ),
            raw=payload,
        )
    return RegistryResult(record=None, raw=payload)


def is_behavioural(code: str) -> bool:
    return code.startswith(BEHAVIOURAL_TAXONOMY_PREFIXES)


def _name_tokens(name: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    cleaned = "".join(c if c.isalnum() else " " for c in folded)
    return set(cleaned.split())


def normalize_license_number(raw: str) -> str:
    return "".join(c for c in raw.upper() if c.isalnum())


def evaluate(
    record: RegistryRecord | None, *, holder_name: str, jurisdiction: str, number: str
) -> Evaluation:
    """Does this record verify the declared license? Every check must pass."""
    if record is None:
        return Evaluation(False, ["The registry has no record for this NPI."])
    reasons: list[str] = []
    holder = _name_tokens(holder_name)
    if not record.last_name or not (
        _name_tokens(record.last_name) <= holder and _name_tokens(record.first_name) <= holder
    ):
        reasons.append(
            f"The registry name ({record.first_name} {record.last_name}) does not match "
            f"the name on the license ({holder_name})."
        )
    if not record.is_active:
        reasons.append("The registry record is not active.")
    behavioural = [t for t in record.taxonomies if is_behavioural(t.code)]
    if not behavioural:
        reasons.append("The registry lists no behavioural-health taxonomy for this NPI.")
    state = jurisdiction.removeprefix("US-")
    wanted = normalize_license_number(number)
    if not any(
        t.state == state and normalize_license_number(t.license) == wanted for t in behavioural
    ):
        reasons.append(
            f"The registry does not list license {number} in {state} "
            "for a behavioural-health taxonomy."
        )
    if reasons:
        return Evaluation(False, reasons)
    return Evaluation(True, ["The registry record matches name, status, taxonomy and license."])
