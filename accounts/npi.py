"""The US National Provider Identifier: ten digits, the last a Luhn check digit.

The check digit is computed over the first nine digits prefixed with the
card-issuer prefix 80840 (CMS, "NPI check digit" standard).
"""

from __future__ import annotations

NPI_PREFIX = "80840"


def _luhn_checksum_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalize_npi(raw: str) -> str:
    return "".join(raw.split())


def npi_error(raw: str) -> str | None:
    """Why `raw` is not a valid NPI, or None when it is."""
    npi = normalize_npi(raw)
    if not npi.isascii() or not npi.isdigit():
        return "An NPI has only digits."
    if len(npi) != 10:
        return f"An NPI has 10 digits; this one has {len(npi)}."
    if not _luhn_checksum_ok(NPI_PREFIX + npi):
        return "This NPI's check digit does not match: check the number for a typo."
    return None


def is_valid_npi(raw: str) -> bool:
    return npi_error(raw) is None
