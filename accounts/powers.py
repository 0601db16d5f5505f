"""Powers: whether a User object may use its role's powers now.

Product brief: "Powers need a fresh second factor". A moderator's or staff member's
powers need a session that passed TOTP in this login: allauth's authentication records
(the sign-in's MFA stage, or a later step-up through mfa_reauthenticate) are read by
accounts.middleware, which hands the request's user a PowersProof. Any other User object
(loaded by a task, a command, or as another row's author) carries none, so the power checks
of accounts/access.py answer False for it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.models import User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PowersProof:
    """Why this User object may use the powers of its role."""

    method: str  # "totp": this session passed TOTP; "operator": a command on the server
    at: float  # when (Unix time)
    detail: str = ""

    def __reduce__(self) -> tuple[Callable[[], None], tuple[()]]:
        # A pickled or deep-copied user (a cache entry, say) never carries powers along.
        return (_no_proof, ())


def _no_proof() -> None:
    return None


_PROOF_ATTRIBUTE = "_access_powers_proof"
# Recovery codes do not count: they are long-lived, written-down secrets kept next to the
# password; they prove a backup list, not the authenticator. A recovery-code sign-in gives a
# member's view, enough to replace a lost authenticator and then step up with it.
POWER_GRANTING_MFA_TYPES = frozenset({"totp"})


def totp_proof_from_session(request: HttpRequest, user: Any) -> PowersProof | None:
    """The proof that this session passed TOTP in this login (allauth's authentication
    records: the sign-in's MFA stage, or a later step-up through mfa_reauthenticate), no
    older than ACCESS_TOTP_MAX_AGE_SECONDS; None otherwise. Reads the session only."""
    from allauth.account.authentication import get_authentication_records

    if not user.is_authenticated:
        return None
    oldest = time.time() - settings.ACCESS_TOTP_MAX_AGE_SECONDS
    passes = [
        record
        for record in get_authentication_records(request, user)
        if isinstance(record, dict)
        and record.get("method") == "mfa"
        and record.get("type") in POWER_GRANTING_MFA_TYPES
        and isinstance(record.get("at"), int | float)
        and record["at"] >= oldest
    ]
    if not passes:
        return None
    latest = max(passes, key=lambda record: record["at"])
    return PowersProof(method="totp", at=latest["at"], detail=str(latest.get("id", "")))


def give_session_powers(request: HttpRequest, user: Any) -> Any:
    """The request's user, holding the proof its session earned (accounts.middleware).
    Only moderators and staff get one; members' requests read nothing more."""
    if user.is_authenticated and (user.is_staff or user.is_superuser or user.is_moderator):
        proof = totp_proof_from_session(request, user)
        if proof is not None:
            setattr(user, _PROOF_ATTRIBUTE, proof)
    return user


def grant_powers_outside_a_session(user: User, *, reason: str) -> User:
    """Powers for a user acting outside any request: a management command run by an
    operator on the server (who holds the database already), or a test. Never for a task
    or a view. Logged; returns the same object."""
    logger.info("powers granted to user %s outside a session: %s", user.pk, reason)
    setattr(user, _PROOF_ATTRIBUTE, PowersProof(method="operator", at=time.time(), detail=reason))
    return user


def powers_proof(user: Any) -> PowersProof | None:
    proof = getattr(user, _PROOF_ATTRIBUTE, None)
    return proof if isinstance(proof, PowersProof) else None


def has_session_powers(user: Any) -> bool:
    """Whether this User object may use its role's powers now (see PowersProof)."""
    return bool(user.is_authenticated and powers_proof(user) is not None)
