"""This machine's station settings: kept as JSON, merged with the command line, checked.

The file is ``station.json`` in ``platformdirs.user_config_dir("wavedesk")``, or in
``$WAVEDESK_CONFIG_DIR`` when that is set (tests, several stations on one PC). It
holds every field of :class:`StationConfig`, the database URL included, so it is
written readable by its owner only.

:func:`check` (and :func:`validate`, its sentences) says what is wrong with a
configuration in words an operator can act on; :func:`open_scale` turns the
scale address into a :class:`app.devices.scale.Scale`. No Qt here.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final
from urllib.parse import parse_qsl, unquote, urlsplit

from platformdirs import user_config_dir

from app.devices.scale import ContinuousScale, FakeScale, MtSicsScale, Scale
from app.domain.floor_errors import FloorError
from app.services.station.config import LABEL_FORMATS, LABEL_SIZES, LANGUAGES, StationConfig
from app.services.station.registry import check_name
from printing.transports import PrinterAddressError, open_transport

ENV_CONFIG_DIR: Final = "WAVEDESK_CONFIG_DIR"
FILE_NAME: Final = "station.json"
ZPL_CJK_MODES: Final = ("graphic", "font")
SCANNER_FORMS: Final = "wedge or serial:///dev/ttyUSB0?baudrate=9600"
SCALE_FORMS: Final = "none, fake, mtsics:///dev/ttyS1?baudrate=9600 or continuous:///dev/ttyS2"

_FIELDS: Final = {f.name: f for f in dataclasses.fields(StationConfig)}


class SettingsError(ValueError):
    """The saved settings file cannot be used; the text says which file and what to do."""

    code = "settings_unreadable"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a configuration: the field, a stable code for the UI,
    the English sentence, and the values the sentence names."""

    field: str
    code: str
    message: str
    # dataclasses.field by its module: the attribute above is named ``field``.
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


# --------------------------------------------------------------------------- the file


def config_dir() -> Path:
    env = os.environ.get(ENV_CONFIG_DIR)
    return Path(env) if env else Path(user_config_dir("wavedesk", appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def load(path: Path | None = None) -> StationConfig:
    """The saved settings, or the defaults when nothing was saved yet.

    Raises SettingsError for a file that is not JSON or holds a value of the wrong
    type; keys this version does not know are ignored (a newer version wrote them)."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return StationConfig()
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"cannot read the station settings in {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsError(
            f"the station settings in {path} are not valid JSON (line {exc.lineno}: {exc.msg})"
            " — fix or delete the file"
        ) from None
    if not isinstance(data, dict):
        raise SettingsError(
            f"the station settings in {path} are not a JSON object — fix or delete the file"
        )
    values = {}
    for name, value in data.items():
        if name in _FIELDS:
            values[name] = _typed(path, name, value)
    return StationConfig(**values)


def _typed(path: Path, name: str, value: Any) -> Any:
    kind = type(getattr(StationConfig(), name))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, kind) and not isinstance(value, bool):
        return value
    words = {str: "text", int: "a whole number", float: "a number"}.get(kind, kind.__name__)
    raise SettingsError(
        f"the station settings in {path} are not usable: {name} should be {words}, "
        f"not {value!r} — fix or delete the file"
    )


def save(config: StationConfig, path: Path | None = None) -> Path:
    """Write ``config`` (atomically: a crash leaves the old file or the new one)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(dataclasses.asdict(config), ensure_ascii=False, indent=2, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".station-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        with contextlib.suppress(OSError):  # not every file system has modes
            os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def merge(saved: StationConfig, cli_overrides: Mapping[str, Any]) -> StationConfig:
    """``saved`` with every override that is not None; an unknown key is a ValueError."""
    unknown = set(cli_overrides) - set(_FIELDS)
    if unknown:
        raise ValueError(f"not a station setting: {', '.join(sorted(unknown))}")
    changes = {k: v for k, v in cli_overrides.items() if v is not None}
    return dataclasses.replace(saved, **changes)


# --------------------------------------------------------------------------- checking


def check(config: StationConfig) -> list[Problem]:
    """Everything wrong with ``config``, in field order; empty when it is usable."""
    problems: list[Problem] = []
    try:
        check_name(config.station)
    except FloorError as exc:
        problems.append(Problem("station", exc.code, exc.message, {"name": config.station}))
    try:
        scanner_port(config.scanner)
    except ValueError as exc:
        problems.append(Problem("scanner", "bad_scanner", str(exc), {"uri": config.scanner}))
    try:
        _scale_address(config.scale)
    except ValueError as exc:
        problems.append(Problem("scale", "bad_scale", str(exc), {"uri": config.scale}))
    if config.printer.strip():
        try:
            open_transport(config.printer)
        except PrinterAddressError as exc:
            problems.append(Problem("printer", "bad_printer", exc.message, {"uri": config.printer}))
    if config.label_format not in LABEL_FORMATS:
        problems.append(_choice("label_format", "label format", config.label_format, LABEL_FORMATS))
    if config.label_size not in LABEL_SIZES:
        problems.append(_choice("label_size", "label size", config.label_size, LABEL_SIZES))
    if config.lang not in LANGUAGES:
        problems.append(_choice("lang", "language", config.lang, LANGUAGES))
    if config.zpl_cjk not in ZPL_CJK_MODES:
        problems.append(
            _choice("zpl_cjk", "way to print Chinese in ZPL", config.zpl_cjk, ZPL_CJK_MODES)
        )
    pct = config.weight_tolerance_pct
    if not (0 <= pct <= 100):  # also catches NaN
        problems.append(
            Problem(
                "weight_tolerance_pct",
                "bad_tolerance",
                f"the weight tolerance must be between 0 and 100 percent, not {pct:g}",
                {"value": pct},
            )
        )
    grams = config.weight_tolerance_g
    if not (0 <= grams <= 100_000):
        problems.append(
            Problem(
                "weight_tolerance_g",
                "bad_tolerance",
                f"the weight tolerance must be between 0 and 100000 grams, not {grams}",
                {"value": grams},
            )
        )
    return problems


def validate(config: StationConfig) -> list[str]:
    """The sentences of :func:`check`."""
    return [p.message for p in check(config)]


def _choice(name: str, what: str, value: str, allowed: tuple[str, ...]) -> Problem:
    return Problem(
        name,
        f"unknown_{name}",
        f"unknown {what} {value!r}: choose one of {', '.join(allowed)}",
        {"value": value, "allowed": ", ".join(allowed)},
    )


# --------------------------------------------------------------------------- devices


def serial_address(uri: str, schemes: tuple[str, ...], forms: str) -> tuple[str, str, int]:
    """``mtsics:///dev/ttyS1?baudrate=9600`` → ("mtsics", "/dev/ttyS1", 9600).

    The device is an absolute path, or a Windows port (``serial://COM3``)."""
    parts = urlsplit(uri.strip())
    scheme = parts.scheme.lower()
    if scheme not in schemes or "://" not in uri:
        raise ValueError(f"{uri!r} is not a device address: use {forms}")
    netloc, path = unquote(parts.netloc), unquote(parts.path)
    if netloc and not path and netloc.upper().startswith("COM") and netloc[3:].isdigit():
        device = netloc.upper()
    elif not netloc and path.startswith("/") and len(path) > 1:
        device = path
    else:
        raise ValueError(
            f"{uri!r} names no device: write the port as an absolute path like {scheme}:///dev/ttyS1"
        )
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - {"baudrate"})
    if unknown:
        raise ValueError(f"{uri!r} has an unknown option {unknown[0]!r} (only baudrate)")
    raw = options.get("baudrate", "9600")
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= 4_000_000:
        raise ValueError(f"{uri!r}: the baud rate must be a positive number, not {raw!r}")
    return scheme, device, int(raw)


def scanner_port(uri: str) -> tuple[str, int] | None:
    """(device, baud rate) of a serial scanner; None for the keyboard wedge.
    Raises ValueError for anything else."""
    if uri.strip().lower() == "wedge":
        return None
    try:
        _, device, baudrate = serial_address(uri, ("serial",), SCANNER_FORMS)
    except ValueError as exc:
        raise ValueError(f"scanner address is not usable: {exc}") from None
    return device, baudrate


def _scale_address(uri: str) -> tuple[str, str, int]:
    word = uri.strip().lower()
    if word in ("none", "fake"):
        return word, "", 0
    try:
        return serial_address(uri, ("mtsics", "continuous"), SCALE_FORMS)
    except ValueError as exc:
        raise ValueError(f"scale address is not usable: {exc}") from None


def open_scale(uri: str) -> Scale | None:
    """The scale at ``uri`` (see :data:`SCALE_FORMS`); None for ``none``. Opening
    makes no connection: the port is opened at the first weighing. Raises
    ValueError for an address that is not one of the forms."""
    kind, device, baudrate = _scale_address(uri)
    if kind == "none":
        return None
    if kind == "fake":
        return FakeScale()
    if kind == "mtsics":
        return MtSicsScale(device, baudrate)
    return ContinuousScale(device, baudrate)
