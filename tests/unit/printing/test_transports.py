"""Printer transports on real sockets, a real pseudo-terminal and real folders."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from printing.transports import (
    DirTransport,
    PrinterAddressError,
    PrinterUnavailable,
    SerialTransport,
    SystemTransport,
    TcpTransport,
    Transport,
    open_transport,
)
from printing.virtual_printer import VirtualPrinter

ZPL = b"^XA\n^FO50,50^FH^FDhello _5E world^FS\n^XZ\n"


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------ TCP


def test_tcp_delivers_the_exact_bytes(tmp_path: Path) -> None:
    big = ZPL + bytes(range(256)) * 4000  # ~1 MB, more than one socket buffer
    with VirtualPrinter(tmp_path / "out") as printer:
        host, port = printer.address
        transport = TcpTransport(host, port)
        transport.send(ZPL, name="a.zpl")
        transport.send(big, name="b.zpl")
        # send returns after the printer closed, and it saves before it closes
        assert printer.jobs == [ZPL, big]
    assert [p.name for p in printer.files] == ["0001.zpl", "0002.zpl"]
    assert printer.files[1].read_bytes() == big


def test_tcp_refused_says_which_printer_and_why() -> None:
    port = free_port()
    with pytest.raises(PrinterUnavailable) as caught:
        TcpTransport("127.0.0.1", port, timeout_s=2).send(ZPL, name="x.zpl")
    assert str(caught.value) == f"printer 127.0.0.1:{port} does not answer: connection refused"
    assert caught.value.code == "printer_unavailable"
    assert caught.value.printer == f"127.0.0.1:{port}"


def test_tcp_unknown_host_is_unavailable_not_a_crash() -> None:
    with pytest.raises(
        PrinterUnavailable, match=r"printer no-such-printer\.invalid:9100 does not answer"
    ):
        TcpTransport("no-such-printer.invalid", 9100, timeout_s=2).send(ZPL, name="x.zpl")


def test_tcp_printer_that_resets_mid_job_is_a_failure(tmp_path: Path) -> None:
    """A printer that hangs up before reading the job must not count as printed."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]

        def slam() -> None:
            conn, _ = server.accept()
            conn.recv(65536)  # the job has started
            conn.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            conn.close()  # linger 0: RST, unread data discarded

        t = threading.Thread(target=slam)
        t.start()
        with pytest.raises(PrinterUnavailable, match="connection broke while sending big.zpl"):
            TcpTransport("127.0.0.1", port, timeout_s=5).send(b"x" * 20_000_000, name="big.zpl")
        t.join()


# ------------------------------------------------------------------------ serial


def test_serial_through_a_pty_pair_delivers_the_exact_bytes() -> None:
    master, slave = os.openpty()
    device = os.ttyname(slave)
    received = bytearray()
    document = ZPL + "收件人 张三\r\n".encode() + bytes(range(256))

    def read_master() -> None:
        while len(received) < len(document):
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            received.extend(chunk)

    reader = threading.Thread(target=read_master, daemon=True)
    reader.start()
    try:
        SerialTransport(device, baudrate=9600).send(document, name="a.zpl")
        reader.join(10)
    finally:
        os.close(slave)
        os.close(master)
    assert bytes(received) == document


def test_serial_missing_port_is_unavailable() -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        SerialTransport("/dev/ttyNOPRINTER9").send(ZPL, name="a.zpl")
    assert (
        str(caught.value)
        == "printer /dev/ttyNOPRINTER9 (9600 baud) does not answer: no such serial port"
    )


# ------------------------------------------------------------------------ folder


def test_dir_writes_whole_files_and_creates_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    transport = DirTransport(folder)
    transport.send(ZPL, name="000001-shipping.zpl")
    transport.send(b"%PDF-1.4 second", name="000002-shipping.pdf")
    transport.send(b"replaced", name="000001-shipping.zpl")
    assert sorted(p.name for p in folder.iterdir()) == [
        "000001-shipping.zpl",
        "000002-shipping.pdf",
    ]
    assert (folder / "000001-shipping.zpl").read_bytes() == b"replaced"
    assert (folder / "000002-shipping.pdf").read_bytes() == b"%PDF-1.4 second"


def test_dir_never_shows_a_partial_file(tmp_path: Path) -> None:
    """A watcher sees either no file or the whole one: written aside, then renamed."""
    folder = tmp_path / "spool"
    folder.mkdir()
    document = b"A" * 5_000_000
    seen: list[int] = []
    done = threading.Event()

    def watch() -> None:
        target = folder / "job.zpl"
        while not done.is_set():
            try:
                seen.append(len(target.read_bytes()))
            except FileNotFoundError:
                pass

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for _ in range(5):
            (folder / "job.zpl").unlink(missing_ok=True)
            DirTransport(folder).send(document, name="job.zpl")
    finally:
        done.set()
        watcher.join()
    assert set(seen) <= {len(document)}
    assert [p.name for p in folder.iterdir()] == ["job.zpl"]  # no temporary file left


def test_dir_refuses_a_missing_parent(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere" / "spool"
    with pytest.raises(PrinterUnavailable) as caught:
        DirTransport(folder).send(ZPL, name="a.zpl")
    assert str(caught.value) == (
        f"print folder {folder} is not usable: its parent folder {folder.parent} does not exist"
    )
    assert not folder.parent.exists()


def test_dir_refuses_a_file_in_place_of_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    folder.write_text("not a folder")
    with pytest.raises(PrinterUnavailable, match="it is a file, not a folder"):
        DirTransport(folder).send(ZPL, name="a.zpl")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_dir_refuses_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "spool"
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PrinterUnavailable, match="this station may not write to it"):
            DirTransport(folder).send(ZPL, name="a.zpl")
    finally:
        folder.chmod(stat.S_IRWXU)


@pytest.mark.parametrize("name", ["../escape.zpl", "a/b.zpl", "", ".hidden"])
def test_dir_refuses_names_that_are_not_plain_files(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="not a plain file name"):
        DirTransport(tmp_path).send(ZPL, name=name)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------ CUPS


def test_system_printer_without_lp_says_so(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # a station without CUPS
    with pytest.raises(PrinterUnavailable) as caught:
        SystemTransport("Office").send(b"%PDF-1.4", name="a.pdf")
    assert "the lp command of CUPS is not installed" in str(caught.value)
    assert str(caught.value).startswith("cannot print to system printer Office")


def _fake_lp(folder: Path, script: str) -> Path:
    """An ``lp`` that behaves as CUPS' does at its edges: reads stdin, exits with a status."""
    lp = folder / "lp"
    lp.write_text("#!/bin/sh\n" + script)
    lp.chmod(0o755)
    return lp


def test_system_printer_hands_the_pdf_to_lp(tmp_path: Path) -> None:
    out = tmp_path / "got"
    lp = _fake_lp(tmp_path, f'echo "$@" > {out}.args\ncat > {out}\necho "request id is Office-1"\n')
    SystemTransport("Office", lp=str(lp)).send(b"%PDF-1.4 body", name="000003-sheet.pdf")
    assert out.read_bytes() == b"%PDF-1.4 body"
    assert Path(f"{out}.args").read_text().split() == [
        "-d",
        "Office",
        "-t",
        "000003-sheet.pdf",
        "-",
    ]


def test_system_printer_sends_zpl_raw(tmp_path: Path) -> None:
    out = tmp_path / "got"
    lp = _fake_lp(tmp_path, f'echo "$@" > {out}.args\ncat > {out}\n')
    SystemTransport("Zebra", lp=str(lp)).send(ZPL, name="a.zpl")
    assert out.read_bytes() == ZPL
    assert "-o raw" in Path(f"{out}.args").read_text()


def test_system_printer_refusal_carries_lp_message(tmp_path: Path) -> None:
    lp = _fake_lp(
        tmp_path, 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n'
    )
    with pytest.raises(PrinterUnavailable) as caught:
        SystemTransport("Nope", lp=str(lp)).send(b"%PDF", name="a.pdf")
    assert (
        str(caught.value)
        == "system printer Nope refused the job: lp: The printer or class does not exist."
    )


# ------------------------------------------------------------------------ addresses


def test_open_transport_reads_every_address_form() -> None:
    tcp = open_transport("tcp://10.0.0.7:9100")
    assert isinstance(tcp, TcpTransport) and (tcp.host, tcp.port) == ("10.0.0.7", 9100)
    assert tcp.describe() == "10.0.0.7:9100"
    default_port = open_transport("tcp://printer-3")
    assert isinstance(default_port, TcpTransport) and default_port.port == 9100
    v6 = open_transport("tcp://[::1]:9101")
    assert isinstance(v6, TcpTransport) and (v6.host, v6.port) == ("::1", 9101)
    assert v6.describe() == "[::1]:9101"
    serial = open_transport("serial:///dev/ttyUSB1?baudrate=19200")
    assert isinstance(serial, SerialTransport) and (serial.url, serial.baudrate) == (
        "/dev/ttyUSB1",
        19200,
    )
    plain = open_transport("serial:///dev/ttyS0")
    assert isinstance(plain, SerialTransport) and plain.baudrate == 9600
    folder = open_transport("dir:///var/spool/labels")
    assert isinstance(folder, DirTransport) and folder.path == Path("/var/spool/labels")
    system = open_transport("system:Office_Laser")
    assert isinstance(system, SystemTransport) and system.name == "Office_Laser"
    for t in (tcp, serial, folder, system):
        assert isinstance(t, Transport)


@pytest.mark.parametrize(
    ("uri", "why"),
    [
        ("", "has no scheme"),
        ("10.0.0.7:9100", "10.0.0.7: is not a known kind of printer"),
        ("printer", "has no scheme"),
        ("http://10.0.0.7", "http: is not a known kind of printer"),
        ("tcp://", "tcp://HOST:PORT"),
        ("tcp://10.0.0.7:port", "port must be a number"),
        ("tcp://10.0.0.7:70000", "port must be a number"),
        ("tcp://10.0.0.7:0", "port must be a number"),
        ("tcp://10.0.0.7:9100/queue", "tcp://HOST:PORT"),
        ("serial://dev/ttyUSB1", "serial:///dev/ttyUSB1"),
        ("serial:///dev/ttyUSB1?baudrate=fast", "baudrate must be a positive number"),
        ("serial:///dev/ttyUSB1?parity=N", "unknown option 'parity'"),
        ("dir://relative/path", "absolute path"),
        ("dir:spool", "absolute path"),
        ("system:", "name is missing"),
        ("system:Office Laser", "name is missing or has spaces"),
    ],
)
def test_bad_addresses_are_refused_with_a_sentence(uri: str, why: str) -> None:
    with pytest.raises(PrinterAddressError) as caught:
        open_transport(uri)
    message = str(caught.value)
    assert why in message
    assert message.startswith(f"printer address {uri!r} is not usable: ")
    assert "tcp://HOST:9100" in message  # says what would work
    assert isinstance(caught.value, ValueError)
