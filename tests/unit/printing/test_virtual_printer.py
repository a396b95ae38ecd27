"""The virtual printer: a real TCP server that keeps each job as a file."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from printing.transports import PrinterUnavailable, TcpTransport
from printing.virtual_printer import VirtualPrinter

ZPL = b"^XA^FO10,10^FDone^FS^XZ\n"
PDF = b"%PDF-1.4\n%%EOF\n"


def raw_send(address: tuple[str, int], *chunks: bytes) -> None:
    """Send as a plain client would: several writes, then close."""
    with socket.create_connection(address, timeout=5) as s:
        for chunk in chunks:
            s.sendall(chunk)
        s.shutdown(socket.SHUT_WR)
        while s.recv(1024):
            pass


def test_saves_each_job_numbered_with_its_type(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path / "labels") as printer:
        raw_send(printer.address, ZPL[:5], ZPL[5:])
        raw_send(printer.address, PDF)
        assert printer.wait_for(2, 10)
    assert printer.jobs == [ZPL, PDF]
    assert sorted(p.name for p in (tmp_path / "labels").iterdir()) == ["0001.zpl", "0002.pdf"]
    assert (tmp_path / "labels" / "0002.pdf").read_bytes() == PDF


def test_a_connection_without_data_is_not_a_job(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path) as printer:
        raw_send(printer.address)  # a port probe
        raw_send(printer.address, ZPL)
        assert printer.wait_for(1, 10)
    assert printer.jobs == [ZPL]
    assert [p.name for p in printer.files] == ["0001.zpl"]


def test_off_refuses_and_on_again_listens_on_the_same_port(tmp_path: Path) -> None:
    printer = VirtualPrinter(tmp_path).start()
    host, port = printer.address
    transport = TcpTransport(host, port, timeout_s=2)
    try:
        transport.send(ZPL, name="1.zpl")
        printer.stop()
        assert not printer.running
        with pytest.raises(PrinterUnavailable, match="connection refused"):
            transport.send(b"^XA^FDlost?^XZ", name="2.zpl")
        printer.start()
        assert printer.address == (host, port)
        transport.send(PDF, name="3.pdf")
    finally:
        printer.stop()
    assert printer.jobs == [ZPL, PDF]
    assert [p.name for p in printer.files] == ["0001.zpl", "0002.pdf"]


def test_numbering_continues_after_earlier_labels_in_the_folder(tmp_path: Path) -> None:
    (tmp_path / "0007.zpl").write_bytes(b"old")
    with VirtualPrinter(tmp_path) as printer:
        raw_send(printer.address, ZPL)
        assert printer.wait_for(1, 10)
    assert printer.files == [tmp_path / "0008.zpl"]
    assert (tmp_path / "0007.zpl").read_bytes() == b"old"


def test_a_job_cut_off_by_switching_off_is_not_kept(tmp_path: Path) -> None:
    printer = VirtualPrinter(tmp_path).start()
    conn = socket.create_connection(printer.address, timeout=5)
    try:
        conn.sendall(b"^XA^FDhalf a lab")
        printer.stop()  # power cut before the sender finished
    finally:
        conn.close()
    assert printer.jobs == []
    assert list(tmp_path.iterdir()) == []


def test_on_job_sees_each_saved_label_and_its_errors_do_not_stop_the_printer(
    tmp_path: Path,
) -> None:
    seen: list[tuple[int, bytes, str]] = []

    def viewer(number: int, document: bytes, path: Path) -> None:
        seen.append((number, document, path.name))
        if number == 1:
            raise RuntimeError("viewer bug")

    with VirtualPrinter(tmp_path, on_job=viewer) as printer:
        raw_send(printer.address, ZPL)
        raw_send(printer.address, PDF)
        assert printer.wait_for(2, 10)
    assert seen == [(1, ZPL, "0001.zpl"), (2, PDF, "0002.pdf")]


def test_wait_for_times_out_false(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path) as printer:
        assert printer.wait_for(1, 0.2) is False


def test_jobs_from_several_senders_are_all_kept(tmp_path: Path) -> None:
    with VirtualPrinter(tmp_path) as printer:
        docs = [f"^XA^FD{i}^FS^XZ".encode() for i in range(8)]
        threads = [threading.Thread(target=raw_send, args=(printer.address, d)) for d in docs]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert printer.wait_for(8, 10)
    assert sorted(printer.jobs) == sorted(docs)
    assert len(list(tmp_path.glob("*.zpl"))) == 8
