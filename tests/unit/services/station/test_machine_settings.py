"""Per-machine station settings: file round trip, merging, sentences for bad values,
scale addresses, and ``wavedesk station`` refusing bad values before any window."""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import asdict, replace
from pathlib import Path

import pytest

from app.cli.main import main
from app.devices.scale import ContinuousScale, FakeScale, MtSicsScale
from app.services.station import machine_settings as ss
from app.services.station.config import StationConfig

GOOD = StationConfig(
    db="sqlite:////tmp/x.sqlite3",
    station="HZ1-PACK-01",
    scanner="serial:///dev/ttyUSB0?baudrate=115200",
    scale="mtsics:///dev/ttyS1?baudrate=9600",
    printer="tcp://192.168.1.50:9100",
    label_format="pdf",
    label_size="76x130",
    lang="en",
    weight_tolerance_pct=7.5,
    weight_tolerance_g=30,
    zpl_cjk="font",
)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(ss.ENV_CONFIG_DIR, str(folder))
    return folder


def test_nothing_saved_gives_the_defaults(config_dir):
    assert ss.settings_path() == config_dir / "station.json"
    assert ss.load() == StationConfig()


def test_round_trip_keeps_every_field_and_the_file_is_private(config_dir):
    path = ss.save(GOOD)
    assert path == config_dir / "station.json"
    assert ss.load() == GOOD
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in config_dir.iterdir()] == ["station.json"]  # no temp file left


def test_saving_again_replaces_the_file(config_dir):
    ss.save(GOOD)
    ss.save(replace(GOOD, lang="zh_CN"))
    assert ss.load().lang == "zh_CN"


def test_unknown_keys_are_ignored_and_whole_numbers_are_numbers(config_dir):
    config_dir.mkdir()
    (config_dir / "station.json").write_text(
        json.dumps({"station": "GZ1-PICK-01", "weight_tolerance_pct": 5, "from_the_future": 1})
    )
    loaded = ss.load()
    assert loaded.station == "GZ1-PICK-01"
    assert loaded.weight_tolerance_pct == 5.0 and isinstance(loaded.weight_tolerance_pct, float)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "not a JSON object"),
        ('{"label_size": 4}', "label_size should be text, not 4"),
        ('{"weight_tolerance_g": "50"}', "weight_tolerance_g should be a whole number"),
        ('{"weight_tolerance_g": true}', "weight_tolerance_g should be a whole number"),
    ],
)
def test_a_broken_file_is_a_sentence_naming_it(config_dir, content, words):
    config_dir.mkdir()
    path = config_dir / "station.json"
    path.write_text(content)
    with pytest.raises(ss.SettingsError) as err:
        ss.load()
    assert words in str(err.value)
    assert str(path) in str(err.value) and "fix or delete the file" in str(err.value)
    assert path.read_text() == content  # nothing lost


def test_merge_takes_the_overrides_that_were_given():
    merged = ss.merge(GOOD, {"station": "HZ1-PICK-02", "scale": None, "lang": "zh_CN"})
    assert merged == replace(GOOD, station="HZ1-PICK-02", lang="zh_CN")
    assert GOOD.station == "HZ1-PACK-01"  # the saved one is untouched
    with pytest.raises(ValueError, match="not a station setting: colour"):
        ss.merge(GOOD, {"colour": "red"})


def test_a_good_config_has_no_problems():
    assert ss.validate(GOOD) == []
    for printer in ("", "serial:///dev/ttyUSB1", "dir:///var/spool/labels", "system:Zebra_GK420d"):
        assert ss.validate(replace(GOOD, printer=printer)) == [], printer
    for scale in ("none", "fake", "continuous:///dev/ttyS2", "mtsics://COM3"):
        assert ss.validate(replace(GOOD, scale=scale)) == [], scale
    assert ss.validate(replace(GOOD, scanner="wedge")) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            {"label_size": "5x7"},
            "label_size",
            "unknown label size '5x7': choose one of 4x6, 100x150, 76x130, 100x180",
        ),
        (
            {"label_format": "epl"},
            "label_format",
            "unknown label format 'epl': choose one of zpl, pdf",
        ),
        ({"lang": "fr"}, "lang", "unknown language 'fr': choose one of zh_CN, en"),
        ({"printer": "lpt1"}, "printer", "printer address 'lpt1' is not usable"),
        ({"printer": "tcp://:9100"}, "printer", "host name or IP address is missing"),
        ({"printer": "dir://spool"}, "printer", "absolute path"),
        (
            {"scanner": "usb"},
            "scanner",
            "scanner address is not usable: 'usb' is not a device address",
        ),
        ({"scanner": "serial://"}, "scanner", "names no device"),
        (
            {"scanner": "serial:///dev/ttyUSB0?baudrate=fast"},
            "scanner",
            "baud rate must be a positive number, not 'fast'",
        ),
        ({"scanner": "serial:///dev/ttyUSB0?parity=E"}, "scanner", "unknown option 'parity'"),
        ({"scale": "toledo:///dev/ttyS1"}, "scale", "scale address is not usable"),
        ({"scale": "mtsics://"}, "scale", "names no device"),
        ({"station": ""}, "station", "the station has no name"),
        (
            {"weight_tolerance_pct": 150.0},
            "weight_tolerance_pct",
            "between 0 and 100 percent, not 150",
        ),
        ({"weight_tolerance_pct": math.nan}, "weight_tolerance_pct", "between 0 and 100 percent"),
        ({"weight_tolerance_g": -5}, "weight_tolerance_g", "between 0 and 100000 grams, not -5"),
        ({"zpl_cjk": "bitmap"}, "zpl_cjk", "choose one of graphic, font"),
    ],
)
def test_each_bad_value_is_one_clear_sentence(change, field, words):
    problems = ss.check(replace(GOOD, **change))
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message
    assert ss.validate(replace(GOOD, **change)) == [problems[0].message]


def test_several_problems_are_all_reported():
    problems = ss.validate(replace(GOOD, label_size="A4", lang="de", scale="heavy"))
    assert len(problems) == 3


@pytest.mark.parametrize(
    ("uri", "kind", "port", "baudrate"),
    [
        ("mtsics:///dev/ttyS1?baudrate=4800", MtSicsScale, "/dev/ttyS1", 4800),
        ("mtsics:///dev/ttyS1", MtSicsScale, "/dev/ttyS1", 9600),
        ("continuous:///dev/ttyS2?baudrate=2400", ContinuousScale, "/dev/ttyS2", 2400),
        ("continuous://com4", ContinuousScale, "COM4", 9600),
    ],
)
def test_open_scale_makes_the_serial_scales(uri, kind, port, baudrate):
    scale = ss.open_scale(uri)
    assert isinstance(scale, kind)
    assert (scale.url, scale.baudrate) == (port, baudrate)


def test_open_scale_fake_and_none():
    assert isinstance(ss.open_scale("fake"), FakeScale)
    assert ss.open_scale("none") is None
    with pytest.raises(ValueError, match="scale address is not usable"):
        ss.open_scale("usb-scale")


def test_scanner_port():
    assert ss.scanner_port("wedge") is None
    assert ss.scanner_port("serial:///dev/ttyACM0?baudrate=115200") == ("/dev/ttyACM0", 115200)


# --------------------------------------------------------------------------- the command


def test_station_command_refuses_bad_values_with_exit_2(config_dir, capsys):
    code = main(
        ["station", "--station", "HZ1-PACK-01", "--label-size", "5x7", "--lang", "fr", "--save"]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "wavedesk: unknown label size '5x7'" in err
    assert "wavedesk: unknown language 'fr'" in err
    assert not (config_dir / "station.json").exists(), "bad values are not saved"


def test_station_command_saves_merged_settings_and_checks(config_dir, capsys, tmp_path):
    ss.save(replace(StationConfig(), station="HZ1-PACK-01", label_size="4x6"))
    code = main(
        [
            "station",
            "--db",
            "postgresql://wms:secret@db.example/wms",
            "--printer",
            "tcp://10.0.0.9:9100",
            "--scale",
            "fake",
            "--label",
            "pdf",
            "--save",
            "--check",
        ]
    )
    assert code == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["station"] == "HZ1-PACK-01" and shown["label_size"] == "4x6"
    assert shown["label_format"] == "pdf" and shown["scale"] == "fake"
    assert "secret" not in shown["db"]
    saved = ss.load()
    assert asdict(saved) | {"db": ""} == shown | {"db": ""}
    assert saved.db == "postgresql://wms:secret@db.example/wms"


def test_station_command_names_a_broken_settings_file(config_dir, capsys):
    config_dir.mkdir()
    (config_dir / "station.json").write_text("{")
    assert main(["station", "--station", "HZ1-PACK-01", "--check"]) == 2
    assert "not valid JSON" in capsys.readouterr().err


def test_station_command_needs_a_database_before_any_window(config_dir, capsys, tmp_path):
    missing = tmp_path / "nowhere.sqlite3"
    assert main(["station", "--station", "HZ1-PACK-01", "--db", f"sqlite:///{missing}"]) == 1
    assert "no database at" in capsys.readouterr().err
