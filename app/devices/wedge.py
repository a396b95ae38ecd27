"""Keyboard-wedge scanners told from typing, by timing. Pure logic: no Qt here.

A wedge scanner "types" a whole code in a burst, a few milliseconds per key,
and ends it with Enter or Tab (or a suffix programmed into it); a person types
tens to hundreds of milliseconds apart. The UI's event filter feeds every key
press to a :class:`WedgeDetector` with its timestamp and **holds** the key; the
detector answers with a completed scan, and hands back through
:meth:`WedgeDetector.take_typed` the keys that turned out to be typing, in
order, for the filter to deliver to the focused widget. Every key fed comes out
exactly once: in a scan, in ``take_typed()``, or (terminators, prefix and suffix
of a scan) consumed. Keys are held no longer than ``max_interval_ms`` after the
last one: call :meth:`WedgeDetector.flush` at :meth:`WedgeDetector.deadline`
(a single-shot timer in the UI).

Keys are single characters (the text the key produced) or key names:
``"Enter"``/``"Return"``, ``"Tab"``, ``"Backspace"``, ``"Escape"``, … Modifier
keys (``"Shift"``, ``"Control"``, …) are ignored, since scanners press Shift
for capitals; any other named key ends a burst and passes through as typed.

A scanner that sends no terminator is configured with ``terminators=()``: a
burst of at least ``min_length`` keys followed by silence is then a scan. With
terminators configured, an unterminated burst is typing (a held-down key
auto-repeats at about 30 ms, like a scanner).

A ``prefix`` (e.g. STX ``"\\x02"`` or a rarely typed character) marks a scan
whatever the timing, within ``marked_interval_ms`` between keys (slow links:
Bluetooth, remote desktop); it ends at a terminator or the ``suffix``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

ENTER: Final = "Enter"
TAB: Final = "Tab"
MODIFIERS: Final = frozenset(
    {"Shift", "Control", "Ctrl", "Alt", "AltGr", "Meta", "Super", "CapsLock", "NumLock"}
)
_SLACK_MS: Final = 1e-6
_ALIASES: Final = {"\r": ENTER, "\n": ENTER, "Return": ENTER, "\t": TAB, "Backtab": TAB}


def normalize_key(key: str) -> str:
    """``"\\r"``, ``"\\n"`` and ``"Return"`` → ``"Enter"``; ``"\\t"`` → ``"Tab"``; others as they are."""
    return _ALIASES.get(key, key)


class WedgeDetector:
    """Tell wedge-scanner bursts from typing; see the module doc for the contract."""

    def __init__(
        self,
        max_interval_ms: float = 35,
        min_length: int = 4,
        terminators: Iterable[str] = frozenset({ENTER, TAB}),
        prefix: str | None = None,
        suffix: str | None = None,
        *,
        marked_interval_ms: float = 500,
    ) -> None:
        if max_interval_ms <= 0 or marked_interval_ms < max_interval_ms:
            raise ValueError("need 0 < max_interval_ms <= marked_interval_ms")
        if min_length < 1:
            raise ValueError("min_length must be at least 1")
        self.max_interval_ms = float(max_interval_ms)
        self.marked_interval_ms = float(marked_interval_ms)
        self.min_length = min_length
        self.terminators = frozenset(normalize_key(k) for k in terminators)
        self.prefix = prefix or None
        self.suffix = suffix or None
        self._held: list[str] = []
        self._last_t: float | None = None
        self._typed: list[str] = []
        # After a scan ended by its suffix, a terminator the scanner also sends is swallowed.
        self._swallow_until: float | None = None

    # ------------------------------------------------------------------ state

    @property
    def pending(self) -> str:
        """The characters held right now (a scan may be in progress)."""
        return "".join(self._held)

    def take_typed(self) -> list[str]:
        """Keys that were typing, oldest first, to deliver to the focused widget; clears them."""
        typed, self._typed = self._typed, []
        return typed

    def deadline(self) -> float | None:
        """When :meth:`flush` should be called (ms, same clock as ``feed``), None if nothing is held."""
        if not self._held or self._last_t is None:
            return None
        return self._last_t + self._interval()

    def reset(self) -> None:
        """Give up what is held (focus moved, window closed): it becomes typing."""
        self._release()
        self._swallow_until = None

    # ------------------------------------------------------------------ feeding

    def feed(self, char_or_key: str, t_ms: float) -> str | None:
        """Take one key press at ``t_ms``; return a scan completed by it (or by the silence before it)."""
        key = normalize_key(char_or_key)
        if key in MODIFIERS or not key:
            return None
        scan = None
        if self._held and self._too_late(t_ms):
            scan = self._timeout()
        swallow, self._swallow_until = self._swallow_until, None
        if key in self.terminators:
            if not self._held and swallow is not None and t_ms <= swallow:
                return scan  # the Enter after a suffix-ended scan
            done = self._complete(t_ms) if self._held else None
            if done is None:
                self._release()
                self._typed.append(key)
            return self._one(scan, done)
        if len(key) > 1:  # a named key: not part of any scan
            self._release()
            self._typed.append(key)
            return scan
        self._held.append(key)
        self._last_t = t_ms
        self._align_prefix()
        if self.suffix and self.pending.endswith(self.suffix):
            done = self._complete(t_ms, by_suffix=True)
            if done is not None:
                self._swallow_until = t_ms + self.max_interval_ms
                return self._one(scan, done)
        return scan

    def flush(self, t_ms: float) -> str | None:
        """Time passed with no key: resolve what is held once ``deadline()`` is reached.

        Returns the scan of a terminator-less scanner; otherwise the held keys
        become typing (see :meth:`take_typed`) and None is returned.
        """
        if self._held and self._last_t is not None and t_ms - self._last_t >= self._interval():
            return self._timeout()
        return None

    # ------------------------------------------------------------------ internals

    def _too_late(self, t_ms: float) -> bool:
        # Timestamps are float milliseconds, often sums: a gap of exactly the limit can
        # come out a hair above it, and must still count as within it.
        return self._last_t is not None and t_ms - self._last_t > self._interval() + _SLACK_MS

    def _marked(self) -> bool:
        return self.prefix is not None and self.pending.startswith(self.prefix)

    def _interval(self) -> float:
        expects_end = bool(self.terminators) or self.suffix is not None
        return self.marked_interval_ms if self._marked() and expects_end else self.max_interval_ms

    def _align_prefix(self) -> None:
        # Typing just before a prefixed burst: release it, keep the prefix and what follows.
        if self.prefix is None or self._marked():
            return
        text = self.pending
        at = text.find(self.prefix)
        if at > 0:
            self._typed.extend(self._held[:at])
            del self._held[:at]

    def _content(self, by_suffix: bool) -> str:
        text = self.pending
        if self._marked():
            text = text[len(self.prefix or "") :]
        if by_suffix and self.suffix:
            text = text[: -len(self.suffix)]
        return text

    def _complete(self, t_ms: float, by_suffix: bool = False) -> str | None:
        """The held burst is a scan if it is long enough (timing was checked on the way in)."""
        if self._too_late(t_ms):
            return None
        content = self._content(by_suffix)
        if len(content) < self.min_length:
            return None
        self._held.clear()
        self._last_t = None
        return content

    def _timeout(self) -> str | None:
        """Silence after the held keys: a scan for a terminator-less scanner, else typing."""
        if not self.terminators and self.suffix is None:
            content = self._content(by_suffix=False)
            if len(content) >= self.min_length:
                self._held.clear()
                self._last_t = None
                return content
        self._release()
        return None

    def _release(self) -> None:
        self._typed.extend(self._held)
        self._held.clear()
        self._last_t = None

    @staticmethod
    def _one(first: str | None, second: str | None) -> str | None:
        # By construction at most one scan completes per key: a timed-out scan
        # (terminator-less mode) leaves nothing held for a terminator to complete.
        return second if second is not None else first
