"""`wavedesk totes`, `wavedesk labels` and `wavedesk scan-sheet` end to end."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from app.cli.main import main
from app.db.engine import Database
from app.db.models import Location, User, Warehouse
from app.domain.scan import classify

FIX = Path(__file__).parents[1] / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _missing(what: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is not installed")
    pytest.skip(f"{what} is not installed")


def scanned_pages(pdf: Path) -> list[list[str]]:
    """The codes on each page: ``pdftoppm -r 200 -png``, then zxing-cpp."""
    if shutil.which("pdftoppm") is None:
        _missing("pdftoppm (apt poppler-utils)")
    try:
        import zxingcpp
    except ImportError:
        _missing("zxing-cpp (pip install zxing-cpp)")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "200", "-png", str(pdf), str(Path(tmp) / "p")], check=True
        )
        return [
            sorted(r.text for r in zxingcpp.read_barcodes(Image.open(p)))
            for p in sorted(Path(tmp).glob("p-*.png"))
        ]


@pytest.fixture
def url(db_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Warehouses SH01 and SZ02 with the fixture catalog, locations and stock."""
    assert run(capsys, "db", "upgrade", "--db", db_url)[0] == 0
    for wh, name, province, city in (
        ("SH01", "上海仓", "上海", "上海市"),
        ("SZ02", "深圳仓", "广东省", "深圳市"),
    ):
        code, _, err = run(
            capsys,
            "warehouse",
            "add",
            wh,
            "--name",
            name,
            "--province",
            province,
            "--city",
            city,
            "--aisles",
            "12",
            "--db",
            db_url,
        )
        assert code == 0, err
    code, _, err = run(
        capsys, "import", "products", str(FIX / "shopify" / "products_export.csv"), "--db", db_url
    )
    assert code == 0, err
    for kind in ("products", "locations", "stock"):
        code, _, err = run(
            capsys, "import", kind, str(FIX / "generic" / f"{kind}.csv"), "--db", db_url
        )
        assert code == 0, err
    return db_url


def test_totes_add_and_list(capsys: pytest.CaptureFixture[str], url: str) -> None:
    code, out, err = run(capsys, "totes", "add", "--warehouse", "SH01", "--count", "5", "--db", url)
    assert (code, out.strip()) == (0, "added 5 totes to SH01: T-0001 … T-0005"), err
    code, out, _ = run(capsys, "totes", "add", "--warehouse", "SH01", "--count", "2", "--db", url)
    assert out.strip() == "added 2 totes to SH01: T-0006 … T-0007"
    code, out, err = run(capsys, "totes", "list", "--warehouse", "SH01", "--json", "--db", url)
    listed = json.loads(out)
    assert [t["code"] for t in listed] == [f"T-{n:04d}" for n in range(1, 8)]
    assert {t["status"] for t in listed} == {"free"} and {t["warehouse"] for t in listed} == {
        "SH01"
    }
    code, out, err = run(
        capsys, "totes", "list", "--warehouse", "SH01", "--status", "free", "--db", url
    )
    assert [line.split()[:2] for line in out.splitlines()] == [[t["code"], "free"] for t in listed]
    assert err.strip() == "7 totes"
    for t in listed:
        assert classify(t["code"]).kind == "tote"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--warehouse", "XX", "--count", "5"],
            "wavedesk: There is no warehouse 'XX'; the warehouses are SH01, SZ02.\n",
        ),
        (
            ["--warehouse", "SH01", "--count", "0"],
            "wavedesk: The number of totes to add must be between 1 and 10000, not 0.\n",
        ),
    ],
)
def test_totes_add_refusals(
    capsys: pytest.CaptureFixture[str], url: str, argv: list[str], message: str
) -> None:
    assert run(capsys, "totes", "add", *argv, "--db", url) == (1, "", message)
    code, out, _ = run(capsys, "totes", "list", "--warehouse", "SH01", "--db", url)
    assert (code, out) == (0, "")  # nothing was added


def test_label_files_in_both_formats(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    run(capsys, "totes", "add", "--warehouse", "SH01", "--count", "3", "--db", url)
    totes = tmp_path / "totes.zpl"
    code, out, err = run(
        capsys, "labels", "totes", "--warehouse", "SH01", "--out", str(totes), "--db", url
    )
    assert (code, out.strip()) == (0, f"3 tote labels (zpl, 100x50) written to {totes}"), err
    zpl = totes.read_text("ascii")
    assert zpl.count("^XA") == zpl.count("^XZ") == 3 and "^PW800" in zpl

    locations = tmp_path / "locations.lbl"
    code, out, err = run(
        capsys,
        "labels",
        "locations",
        "--warehouse",
        "sh01",
        "--format",
        "pdf",
        "--size",
        "100x150",
        "--out",
        str(locations),
        "--db",
        url,
    )
    assert code == 0, err
    db = Database(url)
    try:
        with db.read() as s:
            codes = sorted(
                s.scalars(
                    select(Location.barcode)
                    .join(Warehouse, Warehouse.id == Location.warehouse_id)
                    .where(Warehouse.code == "SH01")
                )
            )
    finally:
        db.dispose()
    assert out.strip() == f"{len(codes)} location labels (pdf, 100x150) written to {locations}"
    assert locations.read_bytes().startswith(b"%PDF-")
    pages = scanned_pages(locations)
    assert sorted(code for page in pages for code in page) == codes
    assert all(len(page) == 1 for page in pages)

    products = tmp_path / "products.pdf"
    code, out, err = run(
        capsys,
        "labels",
        "products",
        "--sku",
        "LL-DRIP-WHT",
        "--sku",
        "LL-FILT-100",
        "--out",
        str(products),
        "--db",
        url,
    )
    assert code == 0, err
    pages = scanned_pages(products)
    assert all(len(page) == 1 for page in pages)
    flat = [page[0] for page in pages]
    # LL-DRIP-WHT's unit barcodes, then its case barcode, then LL-FILT-100's.
    assert sorted(flat[:2]) == ["0850012345672", "6971234560208"]
    assert flat[2:] == ["16971234560205", "6971234560215"]


def test_badges_need_people_and_print_no_pins(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    out_file = tmp_path / "badges.pdf"
    code, out, err = run(capsys, "labels", "badges", "--out", str(out_file), "--db", url)
    assert (code, err) == (1, "wavedesk: there are no badges to print labels for\n")
    assert not out_file.exists()
    db = Database(url)
    try:
        with db.unit_of_work() as s:
            s.add(User(badge="U-0001", name="王芳", role="picker"))
            s.add(
                User(badge="U-0002", name="李伟", role="supervisor", pin_hash="scrypt$not-printed")
            )
    finally:
        db.dispose()
    code, out, err = run(capsys, "labels", "badges", "--out", str(out_file), "--db", url)
    assert (code, out.strip()) == (0, f"2 badge labels (pdf, 100x50) written to {out_file}"), err
    assert scanned_pages(out_file) == [["U-0001"], ["U-0002"]]
    assert b"scrypt" not in out_file.read_bytes()


def test_scan_sheet(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> None:
    run(capsys, "totes", "add", "--warehouse", "SH01", "--count", "4", "--db", url)
    sheet = tmp_path / "sheet.pdf"
    code, out, err = run(
        capsys, "scan-sheet", "--warehouse", "SH01", "--out", str(sheet), "--db", url
    )
    assert (code, out.strip()) == (0, f"scan sheet for SH01 written to {sheet}"), err
    found = [code for page in scanned_pages(sheet) for code in page]
    for expected in (
        "CMD:CONFIRM",
        "CMD:CANCEL",
        "CMD:SHORT",
        "CMD:REPRINT",
        "CMD:NEXT",
        "CMD:LOGOUT",
        "T-0001",
        "T-0002",
        "T-0003",
        "SH01-A-01-01-1",
        "6971234560215",
        "16971234560205",
    ):
        assert found.count(expected) == 1, (expected, found)


@pytest.mark.parametrize(
    "argv",
    [
        ["labels", "locations", "--warehouse", "SH01"],
        ["labels", "totes", "--warehouse", "SH01", "--format", "zpl"],
        ["scan-sheet", "--warehouse", "SH01"],
    ],
)
def test_an_output_folder_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path, argv: list[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.pdf"
    code, out, err = run(capsys, *argv, "--out", str(target), "--db", url)
    assert (code, out) == (1, "")
    assert (
        err
        == f"wavedesk: the folder {target.parent} does not exist; create it first or choose another --out\n"
    )
    assert not (tmp_path / "no").exists()


def test_other_bad_input(capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out_file = folder / "x.pdf"
    cases = [
        (
            ["labels", "locations", "--out", str(out_file)],
            "wavedesk: locations labels belong to a warehouse: pass --warehouse CODE\n",
        ),
        (
            ["labels", "locations", "--warehouse", "XX", "--out", str(out_file)],
            "wavedesk: There is no warehouse 'XX'; the warehouses are SH01, SZ02.\n",
        ),
        (
            ["scan-sheet", "--warehouse", "XX", "--out", str(out_file)],
            "wavedesk: There is no warehouse 'XX'; the warehouses are SH01, SZ02.\n",
        ),
        (
            ["labels", "totes", "--warehouse", "SH01", "--out", str(out_file)],
            "wavedesk: there are no totes in SH01 to print labels for (add some with 'wavedesk totes add')\n",
        ),
        (
            ["labels", "locations", "--warehouse", "SH01", "--aisle", "13", "--out", str(out_file)],
            "wavedesk: Warehouse SH01 has aisles 1 to 12; there is no aisle 13.\n",
        ),
        (
            ["labels", "products", "--sku", "NOPE", "--out", str(out_file)],
            "wavedesk: No product has the SKU NOPE.\n",
        ),
        (
            ["labels", "locations", "--warehouse", "SH01", "--size", "9x9", "--out", str(out_file)],
            "wavedesk: unknown label size '9x9' (known: 4x6, 100x150, 76x130, 100x180, 60x40, 100x50).\n",
        ),
        (
            ["labels", "products", "--out", str(folder)],
            f"wavedesk: --out {folder} is a folder; give a file name such as {folder / 'labels.pdf'}\n",
        ),
    ]
    for argv, message in cases:
        assert run(capsys, *argv, "--db", url) == (1, "", message), argv
    assert not out_file.exists()
    assert list(folder.iterdir()) == []  # no partial files either


def test_an_existing_file_is_replaced_whole(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "locations.zpl"
    target.write_text("old contents that are longer than nothing " * 1000)
    code, _, err = run(
        capsys,
        "labels",
        "locations",
        "--warehouse",
        "SH01",
        "--aisle",
        "1",
        "--out",
        str(target),
        "--db",
        url,
    )
    assert code == 0, err
    text = target.read_text("ascii")
    assert text.startswith("^XA") and "old contents" not in text
    db = Database(url)
    try:
        with db.read() as s:
            n = s.scalar(
                select(func.count())
                .select_from(Location)
                .join(Warehouse, Warehouse.id == Location.warehouse_id)
                .where(Location.aisle == 1, Warehouse.code == "SH01")
            )
    finally:
        db.dispose()
    assert text.count("^XZ") == n
    assert [p.name for p in target.parent.iterdir()] == ["locations.zpl"]  # no temporary left
