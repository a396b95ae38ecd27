"""`wavedesk label` and `wavedesk pools` end to end: a packed order's label as a file
whose barcode scans back to the tracking number; ranges added and listed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import zxingcpp
from packfloor import PackFloor, build_pack_floor, case_barcode, unit_barcode  # noqa: E402
from PIL import Image

from app.cli.main import main  # noqa: E402
from app.db.engine import Database  # noqa: E402
from app.domain.scan import classify  # noqa: E402
from app.services.packing import PackResult
from app.services.packing.bench import complete, open_order, verify  # noqa: E402
from app.services.printing import label_document  # noqa: E402

ROOT = Path(__file__).parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def pf(db: Database, tmp_path: Path) -> PackFloor:
    return build_pack_floor(db, tmp_path / "spool")


def pack_m1(pf: PackFloor) -> PackResult:
    view = open_order(pf.db, pf.here, classify("T-0001"), str(uuid.uuid4()))
    for code in (case_barcode("SKU-A"), unit_barcode("SKU-B")):
        assert verify(pf.db, pf.here, view.order_id, classify(code), str(uuid.uuid4())).accepted
    return complete(
        pf.db,
        pf.here,
        view.order_id,
        weight_g=460,
        carton=None,
        printer=pf.printer,
        fmt="zpl",
        size="100x150",
    )


def barcodes_in_pdf(pdf: Path) -> list[str]:
    prefix = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(pdf), str(prefix)], check=True)
    found: list[str] = []
    for png in sorted(pdf.parent.glob(f"{prefix.name}*.png")):
        found += [
            b.text
            for b in zxingcpp.read_barcodes(Image.open(png).convert("L"))
            if b.format == zxingcpp.BarcodeFormat.Code128
        ]
    return found


def test_label_pdf_scans_back_to_the_tracking_number(pf: PackFloor, tmp_path: Path) -> None:
    packed = pack_m1(pf)
    out = tmp_path / "m1.pdf"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli.main",
            "label",
            "m1",
            "--format",
            "pdf",
            "--size",
            "4x6",
            "--out",
            str(out),
            "--db",
            pf.db.url,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"label of order m1 (pdf, 4x6) written to {out}"
    assert out.read_bytes().startswith(b"%PDF")
    assert barcodes_in_pdf(out) == [packed.tracking_no]


def test_label_zpl_by_file_name_and_store(
    pf: PackFloor, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack_m1(pf)
    out = tmp_path / "m1.zpl"
    code, stdout, err = run(
        capsys,
        "label",
        "m1",
        "--store",
        "淘宝小店",
        "--size",
        "76x130",
        "--out",
        str(out),
        "--db",
        pf.db.url,
    )
    assert code == 0, err
    assert "(zpl, 76x130)" in stdout
    assert out.read_bytes() == label_document(pf.db, "m1", "zpl", "76x130")
    assert not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["label", "m2", "--out", "{tmp}/m2.pdf"],
            "order m2 has no shipping label: it is picked, not packed",
        ),
        (["label", "nope", "--out", "{tmp}/x.pdf"], "there is no order nope"),
        (["label", "m1", "--out", "{tmp}/missing/x.pdf"], "give a file in a folder that exists"),
        (["label", "m1", "--out", "{tmp}"], "give a file in a folder that exists"),
    ],
)
def test_label_refusals_are_one_sentence(
    pf: PackFloor, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    pack_m1(pf)
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = run(capsys, *args, "--db", pf.db.url)
    assert code == 1 and out == ""
    assert err.startswith("wavedesk: ") and message in err
    assert len(err.strip().splitlines()) == 1


def test_label_size_outside_the_waybill_sizes_is_a_usage_error(
    pf: PackFloor, tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(
            ["label", "m1", "--size", "60x40", "--out", str(tmp_path / "x.pdf"), "--db", pf.db.url]
        )
    assert exc.value.code == 2


def test_pools_add_and_list(pf: PackFloor, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "pools",
        "add",
        "--carrier",
        "sf",
        "--prefix",
        "SF",
        "--start",
        "900000000000",
        "--end",
        "900000000009",
        "--digits",
        "12",
        "--rule",
        "none",
        "--db",
        pf.db.url,
    )
    assert code == 0, err
    assert out.strip().endswith("SF900000000000 … SF900000000009 (10 numbers)")
    code, out, err = run(capsys, "pools", "list", "--json", "--db", pf.db.url)
    assert code == 0
    rows = json.loads(out)
    mine = [r for r in rows if r["first"] == "SF900000000000"]
    assert mine and mine[0]["remaining"] == 10 and mine[0]["next"] == "SF900000000000"
    code, out, err = run(capsys, "pools", "list", "--db", pf.db.url)
    assert code == 0 and "SF900000000000 … SF900000000009" in out
    assert err.strip() == f"{len(rows)} pools"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            [
                "--carrier",
                "SF",
                "--prefix",
                "SF",
                "--start",
                "900000000005",
                "--end",
                "900000000020",
                "--digits",
                "12",
            ],
            "already covers numbers of this range",
        ),
        (
            ["--carrier", "SF", "--prefix", "XX", "--start", "1", "--end", "2", "--digits", "12"],
            "does not look like a SF tracking number",
        ),
        (
            [
                "--carrier",
                "EMS",
                "--prefix",
                "EA",
                "--suffix",
                "CN",
                "--start",
                "1",
                "--end",
                "2",
                "--digits",
                "8",
                "--rule",
                "luhn",
            ],
            "'luhn' is not a check-digit rule",
        ),
        (
            ["--carrier", "NOPE", "--start", "1", "--end", "2", "--digits", "8"],
            "'NOPE' is not a known carrier",
        ),
    ],
)
def test_pools_add_refusals(
    pf: PackFloor, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert (
        run(
            capsys,
            "pools",
            "add",
            "--carrier",
            "SF",
            "--prefix",
            "SF",
            "--start",
            "900000000000",
            "--end",
            "900000000009",
            "--digits",
            "12",
            "--db",
            pf.db.url,
        )[0]
        == 0
    )
    code, out, err = run(capsys, "pools", "add", *extra, "--db", pf.db.url)
    assert code == 1 and out == "" and message in err
