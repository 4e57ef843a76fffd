"""Phone numbers as the API takes them: E.164 digits without the `+` (`14155553434`).

The rule is strict, so that a number comes out as the one a person meant or as a `ValueError`
saying why, never as someone else's number:

- Formatting is dropped: spaces (no-break and thin ones too), `-` and other dashes, `.`, `/` and
  parentheses. Any other character is refused.
- International form: `+` or `00`, or `011` in a North American region, then the country
  calling code (ITU-T E.164 assignments). A `0` right after the country code is the national
  trunk prefix (`+44 (0)20 7946 0018`, `+49 030 ...`): dropped for the countries whose trunk
  prefix is 0, kept where the 0 belongs to the number (Italy, ...), refused elsewhere.
- Digits without a prefix are the API's own form, country code first (`442079460018`), except
  the national forms of `default_phone_region`: 10 digits in a North American region
  (`(415) 555-3434`), a leading trunk prefix 0 elsewhere (`020 7946 0018` in GB). With no region,
  a number written with a trunk prefix is refused.
- 8 to 15 digits in all (E.164); exactly 11 for calling code 1, the area code not starting
  with 0 or 1.

Google's libphonenumber (`phonenumbers`) knows more numbering plans, but its metadata changes
every month and it guesses where this rule refuses; the API only needs the digits.
"""

from __future__ import annotations

import re

DEFAULT_PHONE_REGION = "US"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ITU-T E.164 country calling codes. The set is prefix-free, which is what finds the code's end.
_ONE_DIGIT = _words("1 7")
_TWO_DIGITS = _words(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
    "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98"
)
_THREE_DIGITS = _words(
    " ".join(f"{block}{d}" for block in _words("22 23 24 26 35 37 50 59 96") for d in "0123456789")
    + " 250 251 252 253 254 255 256 257 258 970 971 972 973 974 975 976 977 "
    "211 212 213 216 218 290 291 297 298 299 380 381 382 383 385 386 387 389 420 421 423 "
    "670 672 673 674 675 676 677 678 679 680 681 682 683 685 686 687 688 689 690 691 692 "
    "800 808 850 852 853 855 856 870 880 881 882 883 886 888 979 "
    "992 993 994 995 996 998"
)

# Countries whose trunk prefix is 0 (dialled at home, dropped after the country code).
_TRUNK_ZERO = _words(
    "20 27 31 32 33 41 43 44 46 49 60 61 62 63 64 66 81 82 84 90 92 94 "
    "212 213 233 234 251 254 255 256 263 353 358 359 380 381 385 386 387 389 "
    "880 961 962 964 966 971 972"
)
# Countries where a leading 0 is part of the number itself.
_ZERO_IN_NUMBER = _words("39 225 242 378 379")

# Regions whose national numbers this rule can read: North American ones (10 digits) ...
_NANP_REGIONS = _words("US CA PR VI GU AS MP DO JM TT BS BB BM AG AI DM GD KN KY LC MS SX TC VC VG")
# ... and ones where a national number is written with its trunk prefix 0.
_TRUNK_ZERO_REGIONS = {
    "GB": "44", "GG": "44", "JE": "44", "IM": "44", "DE": "49", "FR": "33", "NL": "31",
    "BE": "32", "CH": "41", "AT": "43", "SE": "46", "FI": "358", "IE": "353", "AU": "61",
    "NZ": "64", "JP": "81", "KR": "82", "ZA": "27", "IL": "972", "TR": "90", "PH": "63",
    "NG": "234", "EG": "20", "PK": "92", "ID": "62", "TH": "66", "MY": "60", "VN": "84",
    "UA": "380",
}  # fmt: skip
PHONE_REGIONS = _NANP_REGIONS | _TRUNK_ZERO_REGIONS.keys()

_ALLOWED = re.compile(r"\+?[0-9 ().\-/]+", re.ASCII)
# Separators people and phone apps write: spaces (no-break, thin, narrow no-break, figure),
# dots, slashes and dashes (hyphen, non-breaking hyphen, figure, en and em dashes, minus).
_FORMATTING = re.compile("[ .\\-/\u00a0\u2007\u2009\u202f\u2010-\u2014\u2212]")
_NANP_NATIONAL = re.compile(r"[2-9][0-9]{9}", re.ASCII)


def phone_region(value: object, argument: str = "default_phone_region") -> str | None:
    """A region code from `PHONE_REGIONS` (ISO 3166 alpha-2, any case), or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a region code such as 'US', or None, not {value!r}")
    region = value.upper()
    if region not in PHONE_REGIONS:
        raise ValueError(
            f"{argument} {value!r} is not a region whose national numbers this SDK can read "
            f"({', '.join(sorted(PHONE_REGIONS))}); use None and give numbers with their "
            "country code"
        )
    return region


def normalise(value: object, argument: str, region: str | None) -> str:
    """`+44 (0)20 7946 0018` → `442079460018`; see the module docstring for the rule.

    Raises:
        TypeError: `value` is not a string.
        ValueError: `value` is not a number this rule can read as one person's number.
    """
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a phone number string, not {type(value).__name__}")
    text = _FORMATTING.sub("", value.strip())
    if not _ALLOWED.fullmatch(text):
        raise ValueError(f"{argument} is not a phone number: {value!r}")
    international = _international_part(text, region)
    if international is None:
        digits = _national(text, value, argument, region)
    else:
        digits = _drop_trunk_zero(international, value, argument)
    _check_length(digits, value, argument)
    return digits


def _international_part(text: str, region: str | None) -> str | None:
    """What follows the international prefix, or None when there is none."""
    if text.startswith("+"):
        return text[1:]
    if text.startswith("00"):
        return text[2:]
    if region in _NANP_REGIONS and text.startswith("011"):
        return text[3:]
    return None


def _national(text: str, value: str, argument: str, region: str | None) -> str:
    """Digits without an international prefix: a national number of `region`, or the API's form.

    Parentheses there (`(415) 555-3434`, `(020) 7946 0018`) mark an area code: a national number.
    """
    digits = text.replace("(", "").replace(")", "")
    area_code = "(" in text
    if region in _NANP_REGIONS and len(digits) == 10:
        if not _NANP_NATIONAL.fullmatch(digits):
            raise ValueError(f"{argument}: {value!r} is not a North American number")
        return "1" + digits
    if digits.startswith("0") or (area_code and region is None):
        if region is None:
            raise ValueError(
                f"{argument}: {value!r} is written for national callers and no "
                "default_phone_region is set: give it with its country code, e.g. +44 20 ..."
            )
        if region not in _TRUNK_ZERO_REGIONS:
            raise ValueError(
                f"{argument}: {value!r} starts with 0, which a number of {region} never does"
            )
        return _TRUNK_ZERO_REGIONS[region] + digits[1:]
    if area_code and not (region in _NANP_REGIONS and len(digits) == 11):
        raise ValueError(
            f"{argument}: {value!r} has an area code in parentheses, so it is written for "
            f"national callers, but it is not a national number of {region} "
            "(default_phone_region): give it with its country code, e.g. +44 20 ..."
        )
    return _drop_trunk_zero(digits, value, argument)


def _drop_trunk_zero(text: str, value: str, argument: str) -> str:
    """Country code first; a trunk prefix 0 (bare or as `(0)`) after it dropped or refused."""
    digits = text.replace("(", "").replace(")", "")
    code = _country_code(digits, value, argument)
    trunk_at = text.find("(0)")
    written_as_trunk = trunk_at >= 0
    if written_as_trunk and (
        text.count("(0)") > 1 or sum(c.isdigit() for c in text[:trunk_at]) != len(code)
    ):
        raise ValueError(
            f"{argument}: {value!r} has a (0) that is not right after the country code"
        )
    if written_as_trunk:
        if code in _ZERO_IN_NUMBER:
            raise ValueError(
                f"{argument}: {value!r} writes the 0 after +{code} as a trunk prefix, but in "
                f"+{code} numbers the 0 is always dialled: write it without parentheses"
            )
        digits = code + digits[len(code) + 1 :]
    if digits[len(code) :].startswith("0"):
        if code in _TRUNK_ZERO and not written_as_trunk:
            return code + digits[len(code) + 1 :]
        if code in _ZERO_IN_NUMBER:
            return digits
        raise ValueError(
            f"{argument}: {value!r} has a 0 after the country code +{code}"
            + (" and its trunk prefix" if written_as_trunk else "")
            + f", which numbers of +{code} do not have: give the number as dialled from abroad"
        )
    return digits


def _country_code(digits: str, value: str, argument: str) -> str:
    for length, codes in ((1, _ONE_DIGIT), (2, _TWO_DIGITS), (3, _THREE_DIGITS)):
        if digits[:length] in codes:
            return digits[:length]
    raise ValueError(
        f"{argument}: {value!r} does not start with a country calling code (+{digits[:3]} is "
        "not one)" + ("" if digits else "; it has no digits")
    )


def _check_length(digits: str, value: str, argument: str) -> None:
    if not 8 <= len(digits) <= 15:
        raise ValueError(f"{argument} must have 8 to 15 digits (E.164), got {value!r}")
    if digits.startswith("1") and not (len(digits) == 11 and _NANP_NATIONAL.fullmatch(digits[1:])):
        raise ValueError(
            f"{argument}: {value!r} is not a North American number (+1 and 10 digits, the "
            "area code not starting with 0 or 1)"
        )
