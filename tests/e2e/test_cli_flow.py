"""The `wavedesk` command end to end, on the real-format fixture files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main

FIX = Path(__file__).parents[1] / "fixtures"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(db_url: str) -> str:
    return db_url


def setup_floor(capsys: pytest.CaptureFixture[str], url: str) -> None:
    assert run(capsys, "db", "upgrade", "--db", url)[0] == 0
    for code_, province, city in (("SH01", "上海", "上海市"), ("SZ02", "广东省", "深圳市")):
        code, out, err = run(
            capsys,
            "warehouse",
            "add",
            code_,
            "--province",
            province,
            "--city",
            city,
            "--aisles",
            "12",
            "--db",
            url,
        )
        assert code == 0, err
    code, out, err = run(
        capsys, "import", "products", str(FIX / "shopify" / "products_export.csv"), "--db", url
    )
    assert (code, out.strip()) == (0, "products: created 7, updated 0, unchanged 0, rejected 0"), (
        err
    )
    for kind in ("products", "locations", "stock"):
        code, out, err = run(
            capsys, "import", kind, str(FIX / "generic" / f"{kind}.csv"), "--db", url
        )
        assert code == 0, err
        assert out.startswith(f"{kind}: created")


def test_import_review_allocate_show(capsys: pytest.CaptureFixture[str], url: str) -> None:
    setup_floor(capsys, url)
    shopify = str(FIX / "shopify" / "orders_export.csv")
    code, out, err = run(
        capsys, "import", "orders", shopify, "--store", "Lumen & Loom US", "--db", url
    )
    assert (code, out.strip()) == (
        0,
        "imported 6, updated 0, unchanged 0, intercepted 0, rejected 0",
    )
    code, out, _ = run(
        capsys, "import", "orders", shopify, "--store", "Lumen & Loom US", "--db", url
    )
    assert (code, out.strip()) == (
        0,
        "imported 0, updated 0, unchanged 6, intercepted 0, rejected 0",
    )

    code, out, _ = run(capsys, "review", "--db", url)
    assert code == 0 and out.startswith("approved ")
    code, out, _ = run(capsys, "allocate", "--db", url)
    assert code == 0 and out.startswith("allocated ")

    code, out, _ = run(capsys, "orders", "show", "#1002", "--json", "--db", url)
    detail = json.loads(out)
    assert set(detail) >= {
        "order_no",
        "store",
        "platform",
        "status",
        "payment_status",
        "hold_reasons",
        "recipient",
        "warehouse",
        "lines",
        "shipments",
    }
    assert set(detail["recipient"]) == {
        "name",
        "phone",
        "country",
        "province",
        "city",
        "district",
        "address",
        "postcode",
    }
    assert detail["order_no"] == "#1002" and detail["platform"] == "shopify"
    assert [ln["sku"] for ln in detail["lines"]] == ["LL-DRIP-WHT", "LL-FILT-100", "LL-TEE-NVY-S"]
    assert all(set(ln) >= {"sku", "qty", "unit_price"} for ln in detail["lines"])

    code, out, _ = run(capsys, "orders", "list", "--json", "--db", url)
    listed = json.loads(out)
    assert sorted(o["order_no"] for o in listed) == [f"#100{i}" for i in range(1, 7)]
    code, _, err = run(capsys, "orders", "list", "--status", "nonsense", "--db", url)
    assert code == 1 and "unknown status nonsense" in err


def test_taobao_pair_keeps_19_digit_numbers(capsys: pytest.CaptureFixture[str], url: str) -> None:
    setup_floor(capsys, url)
    files = [
        str(FIX / "taobao" / "happy_ExportOrderDetailList.csv"),
        str(FIX / "taobao" / "happy_ExportOrderList.csv"),
    ]
    code, out, err = run(capsys, "import", "orders", *files, "--db", url)
    assert code == 0, err
    code, out, _ = run(capsys, "orders", "show", "3712166003451278812", "--json", "--db", url)
    detail = json.loads(out)
    assert detail["order_no"] == "3712166003451278812" and detail["store"] == "青木生活家居"
    assert detail["recipient"]["country"] == "CN"


@pytest.mark.parametrize(
    "files",
    [
        ["shopify/orders_export_bad.csv"],
        ["generic/orders_bad.csv"],
        ["generic/orders_bad.jsonl"],
        ["taobao/unhappy_ExportOrderList.csv", "taobao/unhappy_ExportOrderDetailList.csv"],
    ],
)
def test_unhappy_files_report_each_reject_and_exit_1(
    capsys: pytest.CaptureFixture[str], url: str, files: list[str]
) -> None:
    setup_floor(capsys, url)
    code, out, err = run(
        capsys, "import", "orders", *[str(FIX / f) for f in files], "--store", "S", "--db", url
    )
    assert code == 1
    rejects = [line for line in err.splitlines() if line.startswith("rejected ")]
    summary = out.strip().splitlines()[-1]
    assert rejects and summary.endswith(f"rejected {len(rejects)}")
    assert all(":" in r.split(" ", 2)[1] for r in rejects)  # file:row


def test_release_needs_a_supervisor(capsys: pytest.CaptureFixture[str], url: str) -> None:
    setup_floor(capsys, url)
    run(capsys, "import", "orders", str(FIX / "generic" / "orders.jsonl"), "--db", url)
    run(capsys, "review", "--db", url)
    code, out, _ = run(capsys, "orders", "list", "--status", "on_hold", "--json", "--db", url)
    held = json.loads(out)
    assert held, "the fixture has orders that fail review"
    code, _, err = run(
        capsys, "orders", "release", held[0]["order_no"], "--user", "NOBODY", "--db", url
    )
    assert code == 1 and "no active user with badge NOBODY" in err


def test_missing_database_and_file_are_clear(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "orders", "list", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 1 and "no database at" in err and not (tmp_path / "none.sqlite3").exists()
    db = str(tmp_path / "w.sqlite3")
    run(capsys, "db", "upgrade", "--db", db)
    code, _, err = run(capsys, "import", "orders", str(tmp_path / "nope.csv"), "--db", db)
    assert code == 1 and "no such file" in err


def test_console_entry_point_runs(tmp_path: Path) -> None:
    db = str(tmp_path / "e.sqlite3")
    done = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "db", "upgrade", "--db", db],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "is up to date" in done.stdout


def test_catalog_files_are_idempotent_and_bad_rows_reported(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    setup_floor(capsys, url)
    for kind in ("products", "locations", "stock"):
        code, out, _ = run(
            capsys, "import", kind, str(FIX / "generic" / f"{kind}.csv"), "--db", url
        )
        assert code == 0 and " created 0, updated 0," in out, out
        code, out, err = run(
            capsys, "import", kind, str(FIX / "generic" / f"{kind}_bad.csv"), "--db", url
        )
        rejects = [line for line in err.splitlines() if line.startswith("rejected ")]
        assert code == 1 and rejects and out.strip().endswith(f"rejected {len(rejects)}"), (
            out,
            err,
        )


def test_demo_seeds_once_then_reuses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    code, out, err = run(capsys, "demo", "--no-window", "--orders", "120", "--db", db)
    assert code == 0 and "seeding the demo database" in err
    assert "demo data ready: 120 orders" in out and "allocated" in out
    sheet = tmp_path / "demo-scan-sheet.pdf"
    assert f"scan sheet to print (badges, locations, totes, products, commands): {sheet}" in out
    assert sheet.read_bytes().startswith(b"%PDF")
    code, out, err = run(capsys, "demo", "--no-window", "--db", db)
    assert code == 0 and "seeding" not in err and out.startswith("orders by status:")
    code, out, err = run(capsys, "seed", "--demo", "--db", db)
    assert code == 1 and "already" in err
