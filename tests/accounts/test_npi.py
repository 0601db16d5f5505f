import pytest

from accounts.npi import is_valid_npi, npi_error


@pytest.mark.parametrize(
    "npi",
    ["1234567893", "1245319599", "1003000126", "1679576722", " 1234567893 "],
)
def test_known_valid_npis_pass_the_check_digit(npi: str) -> None:
    assert is_valid_npi(npi)


@pytest.mark.parametrize(
    ("npi", "message"),
    [
        ("1234567890", "check digit"),
        ("1245319590", "check digit"),
        ("123456789", "10 digits"),
        ("12345678931", "10 digits"),
        ("12345A7893", "only digits"),
        ("１２３４５６７８９３", "only digits"),
    ],
)
def test_invalid_npis_say_what_is_wrong(npi: str, message: str) -> None:
    error = npi_error(npi)
    assert error is not None
    assert message in error
