"""How a finished document reaches a printer.

A :class:`Transport` takes bytes (ZPL or PDF) and hands them to one printer; it
raises :class:`PrinterUnavailable` with a sentence an operator understands when it
cannot. Printer addresses are the URIs of :mod:`app.services.station.config`, turned into a
transport by :func:`open_transport`:

* ``tcp://HOST:PORT`` — raw socket, ZPL printers listen on 9100
* ``serial:///dev/ttyUSB1?baudrate=9600`` — a printer on a serial line (pyserial)
* ``dir:///ABS/PATH`` — each document a file in a folder (a spool another program
  picks up, or a shared folder)
* ``system:NAME`` — a printer of the operating system, through CUPS ``lp``

Opening a transport makes no connection; only :meth:`Transport.send` touches the
printer, so a station can be configured for a printer that is off.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import parse_qsl, unquote, urlsplit

__all__ = [
    "DirTransport",
    "PrinterAddressError",
    "PrinterUnavailable",
    "SerialTransport",
    "SystemTransport",
    "TcpTransport",
    "Transport",
    "open_transport",
]

ADDRESS_FORMS = "tcp://HOST:9100, serial:///dev/ttyUSB1?baudrate=9600, dir:///PATH or system:NAME"


class PrinterUnavailable(Exception):
    """The document did not reach the printer; nothing was printed (as far as we know).

    ``code`` is stable for the UI, ``printer`` names the printer as the transport
    describes it, ``reason`` is the short cause; ``str()`` is the whole sentence.
    """

    code = "printer_unavailable"

    def __init__(self, printer: str, reason: str, *, message: str | None = None) -> None:
        self.printer = printer
        self.reason = reason
        self.message = message or f"printer {printer} does not answer: {reason}"
        super().__init__(self.message)


class PrinterAddressError(ValueError):
    """A printer address that is not one of :data:`ADDRESS_FORMS`."""

    code = "printer_address_invalid"

    def __init__(self, uri: str, why: str) -> None:
        self.uri = uri
        self.message = f"printer address {uri!r} is not usable: {why}; use {ADDRESS_FORMS}"
        super().__init__(self.message)


@runtime_checkable
class Transport(Protocol):
    def describe(self) -> str:
        """The printer in a few words, for messages and logs."""
        ...

    def send(self, document: bytes, *, name: str) -> None:
        """Hand ``document`` to the printer; ``name`` is the job's file or title name.

        Returns only after the bytes are handed over; raises PrinterUnavailable."""
        ...


def _why(exc: BaseException) -> str:
    """``connection refused`` rather than ``[Errno 111] Connection refused``."""
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror[0].lower() + exc.strerror[1:]
    text = str(exc) or type(exc).__name__
    return text[0].lower() + text[1:]


# ------------------------------------------------------------------------ TCP 9100


class TcpTransport:
    """Raw TCP, the way ZPL printers take jobs on port 9100.

    After the last byte the write side is shut down and the printer's own close is
    awaited for up to ``drain_s``: a printer closes once it has read the whole job,
    so a reset seen here means the job did not arrive. A printer that keeps the
    connection open past ``drain_s`` is taken to have the job (the bytes left this
    machine).
    """

    def __init__(
        self,
        host: str,
        port: int = 9100,
        timeout_s: float = 5,
        *,
        send_timeout_s: float = 30,
        drain_s: float = 2,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout_s = timeout_s  # to connect
        # A printer with a full buffer takes bytes only as it prints; allow for that.
        self.send_timeout_s = send_timeout_s
        self.drain_s = drain_s

    def describe(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    def send(self, document: bytes, *, name: str) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=self.timeout_s)
        except OSError as exc:
            raise PrinterUnavailable(self.describe(), _why(exc)) from exc
        try:
            sock.settimeout(self.send_timeout_s)
            sock.sendall(document)
            sock.shutdown(socket.SHUT_WR)
            self._drain(sock)
        except OSError as exc:
            raise PrinterUnavailable(
                self.describe(), f"the connection broke while sending {name}: {_why(exc)}"
            ) from exc
        finally:
            sock.close()

    def _drain(self, sock: socket.socket) -> None:
        sock.settimeout(self.drain_s)
        try:
            while sock.recv(4096):
                pass  # status bytes some printers send back; not needed
        except TimeoutError:
            pass


# ------------------------------------------------------------------------ serial


class SerialTransport:
    """A printer on a serial line; ``url`` is a device path or any pyserial URL."""

    def __init__(self, url: str, baudrate: int = 9600, timeout_s: float = 10) -> None:
        self.url = url
        self.baudrate = baudrate
        self.timeout_s = timeout_s

    def describe(self) -> str:
        return f"{self.url} ({self.baudrate} baud)"

    def send(self, document: bytes, *, name: str) -> None:
        import serial  # noqa: PLC0415 - pyserial is only needed by stations with a serial printer

        try:
            port = serial.serial_for_url(
                self.url,
                baudrate=self.baudrate,
                timeout=self.timeout_s,
                write_timeout=self.timeout_s,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise PrinterUnavailable(self.describe(), _serial_why(exc)) from exc
        try:
            port.write(document)
            port.flush()
        except serial.SerialTimeoutException as exc:
            raise PrinterUnavailable(
                self.describe(), f"it took no data for {self.timeout_s:g} s while sending {name}"
            ) from exc
        except (serial.SerialException, OSError) as exc:
            raise PrinterUnavailable(self.describe(), _serial_why(exc)) from exc
        finally:
            port.close()


def _serial_why(exc: BaseException) -> str:
    inner = exc.args[1] if len(exc.args) == 2 and isinstance(exc.args[1], str) else None
    if isinstance(exc, OSError) and exc.errno == errno.ENOENT:
        return "no such serial port"
    return inner.lower() if inner else _why(exc)


# ------------------------------------------------------------------------ folder

_FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}")


class DirTransport:
    """Each document a file in ``path``: written under a temporary name and renamed,
    so a program watching the folder never picks up half a label."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def describe(self) -> str:
        return f"folder {self.path}"

    def send(self, document: bytes, *, name: str) -> None:
        if not _FILE_NAME.fullmatch(name):
            raise ValueError(f"not a plain file name for a print job: {name!r}")
        self._ensure_folder()
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=self.path)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(document)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path / name)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise self._unavailable(f"{name} could not be written: {_why(exc)}") from exc

    def _ensure_folder(self) -> None:
        parent = self.path.parent
        if self.path.is_dir():
            pass
        elif self.path.exists():
            raise self._unavailable("it is a file, not a folder")
        elif not parent.is_dir():
            raise self._unavailable(f"its parent folder {parent} does not exist")
        else:
            try:
                self.path.mkdir()
            except FileExistsError:
                pass  # another station made it meanwhile
            except OSError as exc:
                raise self._unavailable(f"it cannot be created: {_why(exc)}") from exc
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise self._unavailable("this station may not write to it")

    def _unavailable(self, reason: str) -> PrinterUnavailable:
        return PrinterUnavailable(
            self.describe(), reason, message=f"print folder {self.path} is not usable: {reason}"
        )


# ------------------------------------------------------------------------ CUPS


class SystemTransport:
    """A printer of the operating system, through the CUPS ``lp`` command.

    PDF goes through the printer's driver; anything else (ZPL to a raw queue) is
    sent with ``-o raw`` so CUPS does not try to convert it."""

    def __init__(self, name: str, *, lp: str = "lp", timeout_s: float = 30) -> None:
        self.name = name
        self.lp = lp
        self.timeout_s = timeout_s

    def describe(self) -> str:
        return f"system printer {self.name}"

    def send(self, document: bytes, *, name: str) -> None:
        command = shutil.which(self.lp)
        if command is None:
            raise PrinterUnavailable(
                self.describe(),
                "the lp command of CUPS is not installed",
                message=(
                    f"cannot print to {self.describe()}: the lp command of CUPS is not "
                    "installed on this station (install cups-client, or choose a tcp:// "
                    "or dir:// printer)"
                ),
            )
        args = [command, "-d", self.name, "-t", name]
        if not document.startswith(b"%PDF"):
            args += ["-o", "raw"]
        try:
            done = subprocess.run(
                [*args, "-"], input=document, capture_output=True, timeout=self.timeout_s
            )
        except subprocess.TimeoutExpired as exc:
            raise PrinterUnavailable(
                self.describe(), f"lp did not finish within {self.timeout_s:g} s"
            ) from exc
        except OSError as exc:
            raise PrinterUnavailable(
                self.describe(), f"lp could not be started: {_why(exc)}"
            ) from exc
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            detail = said[0] if said else f"exit status {done.returncode}"
            raise PrinterUnavailable(
                self.describe(),
                f"lp refused the job: {detail}",
                message=f"{self.describe()} refused the job: {detail}",
            )


# ------------------------------------------------------------------------ addresses


def open_transport(uri: str) -> Transport:
    """The transport for a printer address (see the module doc); makes no connection.

    Raises PrinterAddressError (a ValueError) with a sentence for anything else."""
    text = uri.strip()
    scheme, sep, rest = text.partition(":")
    scheme = scheme.lower()
    if not sep:
        raise PrinterAddressError(uri, "it has no scheme like tcp:// or dir://")
    if scheme == "system":
        name = rest.removeprefix("//")
        if not name or any(c.isspace() or c in "/\\" for c in name):
            raise PrinterAddressError(uri, "the system printer name is missing or has spaces")
        return SystemTransport(name)
    parts = urlsplit(text)
    if scheme == "tcp":
        return _tcp(uri, parts.netloc, parts.path or parts.query)
    if scheme == "serial":
        return _serial(uri, parts.netloc, unquote(parts.path), parts.query)
    if scheme == "dir":
        if parts.netloc or not parts.path.startswith("/") or parts.query:
            raise PrinterAddressError(
                uri, "a folder must be an absolute path as in dir:///var/spool/labels"
            )
        return DirTransport(unquote(parts.path))
    raise PrinterAddressError(uri, f"{scheme}: is not a known kind of printer")


def _tcp(uri: str, netloc: str, extra: str) -> TcpTransport:
    if not netloc or extra.strip("/"):
        raise PrinterAddressError(uri, "a network printer is written tcp://HOST:PORT")
    parts = urlsplit(f"//{netloc}")
    try:
        port = parts.port
    except ValueError:
        raise PrinterAddressError(uri, "the port must be a number from 1 to 65535") from None
    if not parts.hostname:
        raise PrinterAddressError(uri, "the printer's host name or IP address is missing")
    if port == 0:
        raise PrinterAddressError(uri, "the port must be a number from 1 to 65535")
    return TcpTransport(parts.hostname, port or 9100)


def _serial(uri: str, netloc: str, path: str, query: str) -> SerialTransport:
    if netloc or not path.startswith("/"):
        raise PrinterAddressError(uri, "a serial printer is written serial:///dev/ttyUSB1")
    options = dict(parse_qsl(query, keep_blank_values=True))
    unknown = set(options) - {"baudrate"}
    if unknown:
        raise PrinterAddressError(uri, f"unknown option {sorted(unknown)[0]!r} (only baudrate)")
    raw = options.get("baudrate", "9600")
    if not raw.isdigit() or int(raw) <= 0:
        raise PrinterAddressError(uri, f"baudrate must be a positive number, not {raw!r}")
    return SerialTransport(path, baudrate=int(raw))
