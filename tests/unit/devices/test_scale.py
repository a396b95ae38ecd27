from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.devices.scale import (
    ContinuousScale,
    FakeScale,
    MtSicsScale,
    Scale,
    ScaleCommandError,
    ScaleError,
    ScaleGarbage,
    ScaleOverload,
    ScalePortError,
    ScaleSilent,
    ScaleUnderload,
    ScaleUnstable,
    Weight,
    parse_continuous,
    parse_sics,
    to_grams,
)

Answer = Callable[[str], bytes | None]


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("value", "unit", "grams"),
    [
        ("1.250", "kg", 1250),
        ("+0001.250", "kg", 1250),
        ("-0.005", "kg", -5),
        ("0.0005", "kg", 1),  # half up
        ("100.4", "g", 100),
        ("2.5", "lb", 1134),
        ("16", "oz", 454),
        ("1 250", "g", 1250),
    ],
)
def test_to_grams(value: str, unit: str, grams: int) -> None:
    assert to_grams(value, unit) == grams


@pytest.mark.parametrize(("value", "unit"), [("1", "ct"), ("abc", "kg"), ("NaN", "g")])
def test_to_grams_rejects(value: str, unit: str) -> None:
    with pytest.raises(ValueError):
        to_grams(value, unit)


@pytest.mark.parametrize(
    ("line", "weight"),
    [
        ("S S      1.250 kg", Weight(1250, True)),
        ("S S     -0.005 kg", Weight(-5, True)),
        ("S D      1.248 kg", Weight(1248, False)),
        ("S S    100.00 g", Weight(100, True)),
        ("S S 2.20 lb\r\n", Weight(998, True)),
        ("S I", None),
    ],
)
def test_parse_sics(line: str, weight: Weight | None) -> None:
    got = parse_sics(line, "COM1")
    assert (got if got is None else Weight(got.weight_g, got.stable)) == weight


@pytest.mark.parametrize(
    ("line", "error", "text"),
    [
        ("S +", ScaleOverload, "the scale on COM1 is overloaded"),
        ("S -", ScaleUnderload, "reads below zero (underload)"),
        ("ES", ScaleCommandError, "did not understand the command (ES)"),
        ("ET", ScaleCommandError, "transmission error"),
        ("EL", ScaleCommandError, "cannot carry out the command now (EL)"),
        ("S L", ScaleCommandError, "cannot carry out S"),
        ("ST,GS,+0001.250kg", ScaleGarbage, "streams continuous output"),
        ("\x8f\x1a?q", ScaleGarbage, "check the baud rate"),
        ("S S 1.0 ct", ScaleGarbage, "unit 'ct'"),
    ],
)
def test_parse_sics_errors(line: str, error: type[ScaleError], text: str) -> None:
    with pytest.raises(error, match=re.escape(text)):
        parse_sics(line, "COM1")


@pytest.mark.parametrize(
    ("line", "weight"),
    [
        ("ST,GS,+0001.250kg", Weight(1250, True, False)),
        ("US,GS,+0001.240kg", Weight(1240, False, False)),
        ("ST,NT,+0000.500kg", Weight(500, True, True)),
        ("ST,GS,-0000.005kg", Weight(-5, True, False)),
        ("ST,GS,   1250 g", Weight(1250, True, False)),
        ("ST,+00123.45  g", Weight(123, True, False)),  # A&D style, no GS/NT field
    ],
)
def test_parse_continuous(line: str, weight: Weight) -> None:
    got = parse_continuous(line)
    assert Weight(got.weight_g, got.stable, got.net) == weight
    assert got.text == line.strip()


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("OL,GS,+9999.999kg", ScaleOverload),
        ("OL", ScaleOverload),
        ("UL,GS,-0000.100kg", ScaleUnderload),
        ("ST,GS,+0001.250", ScaleGarbage),
        ("S S      1.250 kg", ScaleGarbage),
        ("\x8f\x1a?q", ScaleGarbage),
    ],
)
def test_parse_continuous_errors(line: str, error: type[ScaleError]) -> None:
    with pytest.raises(error):
        parse_continuous(line)


# ----------------------------------------------------------------------------- MT-SICS


@pytest.fixture
def sics(pty_pair: Any) -> Iterator[MtSicsScale]:
    scale = MtSicsScale(pty_pair.path, retry_s=0.02)
    yield scale
    scale.close()


def script(*answers: str) -> Answer:
    """Answer each ``S``/``SI`` with the next line; the last one repeats."""
    queue = list(answers)

    def respond(command: str) -> bytes | None:
        line = queue.pop(0) if len(queue) > 1 else queue[0]
        return (line + "\r\n").encode("latin-1")

    return respond


def test_sics_stable_weight(sics: MtSicsScale, answering: Callable[[Answer], Any]) -> None:
    device = answering(script("S S      1.250 kg"))
    weight = sics.read_stable(timeout_s=5)
    assert weight.weight_g == 1250 and weight.stable
    assert str(weight) == "1.250 kg"
    assert device.received == ["S"]
    assert isinstance(sics, Scale)


def test_sics_busy_and_moving_then_stable(
    sics: MtSicsScale, answering: Callable[[Answer], Any]
) -> None:
    device = answering(script("S I", "S D      1.248 kg", "S S      1.250 kg"))
    assert sics.read_stable(timeout_s=5).weight_g == 1250
    assert device.received == ["S", "S", "S"]


def test_sics_never_stable(sics: MtSicsScale, answering: Callable[[Answer], Any]) -> None:
    answering(script("S D      1.248 kg"))
    with pytest.raises(ScaleUnstable, match="did not settle within 0.5 s") as caught:
        sics.read_stable(timeout_s=0.5)
    assert caught.value.last is not None and caught.value.last.weight_g == 1248


def test_sics_silent_scale(sics: MtSicsScale, pty_pair: Any) -> None:
    with pytest.raises(ScaleSilent) as caught:
        sics.read_stable(timeout_s=1)
    assert str(caught.value) == (
        f"no answer from the scale on {pty_pair.path} within 1 s — is it on and connected?"
    )


def test_sics_scale_waiting_for_a_moving_load_answers_the_si_probe(
    sics: MtSicsScale, answering: Callable[[Answer], Any]
) -> None:
    # S stays unanswered while the load moves; SI shows there is a scale and it moves.
    device = answering(lambda cmd: b"S D      0.731 kg\r\n" if cmd == "SI" else None)
    with pytest.raises(ScaleUnstable, match=r"last reading 0.731 kg \(moving\)"):
        sics.read_stable(timeout_s=0.5)
    assert device.received == ["S", "SI"]


@pytest.mark.parametrize(
    ("answer", "error", "text"),
    [
        ("S +", ScaleOverload, "overloaded"),
        ("S -", ScaleUnderload, "underload"),
        ("ES", ScaleCommandError, "ES"),
        ("\x8f\x1a?q\x00", ScaleGarbage, "unexpected answer from the scale"),
        ("ST,GS,+0001.250kg", ScaleGarbage, "continuous output"),
    ],
)
def test_sics_errors_are_distinct(
    sics: MtSicsScale,
    answering: Callable[[Answer], Any],
    answer: str,
    error: type[ScaleError],
    text: str,
) -> None:
    answering(script(answer))
    with pytest.raises(error, match=text):
        sics.read_stable(timeout_s=5)


def test_sics_bytes_without_line_end_are_garbage(
    sics: MtSicsScale, answering: Callable[[Answer], Any]
) -> None:
    answering(lambda cmd: b"\xff\xfe\x80")
    with pytest.raises(ScaleGarbage, match="without a line end"):
        sics.read_stable(timeout_s=0.5)


def test_sics_read_now_and_zero(sics: MtSicsScale, answering: Callable[[Answer], Any]) -> None:
    answers = {"SI": b"S D      0.420 kg\r\n", "Z": b"Z A\r\n"}
    device = answering(lambda cmd: answers.get(cmd))
    reading = sics.read_now(timeout_s=5)
    assert reading.weight_g == 420 and not reading.stable
    sics.zero(timeout_s=5)
    assert device.received == ["SI", "Z"]


def test_sics_zero_refused(sics: MtSicsScale, answering: Callable[[Answer], Any]) -> None:
    answering(lambda cmd: b"Z +\r\n")
    with pytest.raises(ScaleCommandError, match="outside its zero range"):
        sics.zero(timeout_s=5)


def test_stale_answers_are_not_taken_for_the_new_weight(
    sics: MtSicsScale, pty_pair: Any, answering: Callable[[Answer], Any]
) -> None:
    sics.close()
    answering(script("S S      1.250 kg"))
    sics.read_stable(timeout_s=5)  # opens the port
    pty_pair.write(b"S S      9.999 kg\r\n")  # a late line nobody asked for
    answering_weight = sics.read_stable(timeout_s=5)
    assert answering_weight.weight_g == 1250


def test_missing_port(tmp_path: Path) -> None:
    scale = MtSicsScale(str(tmp_path / "ttyS9"))
    with pytest.raises(ScalePortError, match="cannot open the scale port .*ttyS9"):
        scale.read_stable(timeout_s=1)


def test_loop_url_opens_and_its_echo_is_not_an_answer() -> None:
    # loop:// echoes the command back: "S" is not an MT-SICS answer.
    scale = MtSicsScale("loop://")
    with pytest.raises(ScaleGarbage):
        scale.read_stable(timeout_s=2)
    scale.close()


# ----------------------------------------------------------------------------- continuous


@pytest.fixture
def continuous(pty_pair: Any) -> Iterator[ContinuousScale]:
    scale = ContinuousScale(pty_pair.path, stable_count=3, tolerance_g=2)
    yield scale
    scale.close()


def lines(*texts: str) -> list[bytes]:
    return [t.encode("latin-1") + b"\r\n" for t in texts]


def test_continuous_unstable_then_stable(
    continuous: ContinuousScale, streaming: Callable[..., Any]
) -> None:
    streaming(
        lines(
            "US,GS,+0000.800kg",
            "US,GS,+0001.300kg",
            "ST,GS,+0001.180kg",  # one stable reading is not enough
            "US,GS,+0001.260kg",
            "ST,GS,+0001.249kg",
            "ST,GS,+0001.251kg",
            "ST,GS,+0001.250kg",
        )
    )
    weight = continuous.read_stable(timeout_s=5)
    assert weight.stable and not weight.net
    assert 1249 <= weight.weight_g <= 1251


def test_continuous_net_weight(continuous: ContinuousScale, streaming: Callable[..., Any]) -> None:
    streaming(lines("ST,NT,+0000.500kg"))
    weight = continuous.read_stable(timeout_s=5)
    assert (weight.weight_g, weight.net) == (500, True)
    assert continuous.read_now(timeout_s=5).weight_g == 500


def test_continuous_drifting_is_unstable(
    continuous: ContinuousScale, streaming: Callable[..., Any]
) -> None:
    drifting = [f"ST,GS,{1200 + 5 * i:+d}g" for i in range(1000)]
    streaming(lines(*drifting))
    with pytest.raises(ScaleUnstable, match="did not settle within 0.5 s"):
        continuous.read_stable(timeout_s=0.5)


def test_continuous_overload(continuous: ContinuousScale, streaming: Callable[..., Any]) -> None:
    streaming(lines("OL,GS,+9999.999kg"))
    with pytest.raises(ScaleOverload, match="overloaded"):
        continuous.read_stable(timeout_s=5)


def test_continuous_garbage(continuous: ContinuousScale, streaming: Callable[..., Any]) -> None:
    streaming([b"\x8f\x1a?q\xfe\r\n"])
    with pytest.raises(ScaleGarbage, match="unexpected data from the scale"):
        continuous.read_stable(timeout_s=5)


def test_continuous_silent(continuous: ContinuousScale, pty_pair: Any) -> None:
    with pytest.raises(ScaleSilent, match=r"no answer from the scale on .* within 1 s"):
        continuous.read_stable(timeout_s=1)


def test_continuous_an_odd_bad_line_is_tolerated(
    continuous: ContinuousScale, streaming: Callable[..., Any]
) -> None:
    # A line cut by noise now and then (or the fragment read first) is skipped.
    streaming([b"0.250kg\r\n", *lines("ST,GS,+0000.250kg")] * 100)
    assert continuous.read_stable(timeout_s=5).weight_g == 250


# ----------------------------------------------------------------------------- fake


def test_fake_scale() -> None:
    scale = FakeScale(1250)
    assert isinstance(scale, Scale)
    assert scale.read_stable().weight_g == 1250
    scale.put(300, stable=False)
    with pytest.raises(ScaleUnstable):
        scale.read_stable(timeout_s=1)
    assert scale.read_now().weight_g == 300
    scale.fail(ScaleSilent("no answer"))
    with pytest.raises(ScaleSilent):
        scale.read_now()
    scale.fail(None)
    scale.put(80, net=True)
    assert scale.read_stable() == Weight(80, True, True, "fake")
    assert scale.reads == 5
    scale.close()
