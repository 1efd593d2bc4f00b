"""`quiet_gc`: no cyclic garbage collection while large long-lived structures are made;
`RARE_YOUNG_COLLECTIONS`: the collector's thresholds for a long-running process."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large long-lived structure is read, built or
    imported: the collector would otherwise walk the growing heap again and again (it doubles
    the time taken to read a catalogue's gazetteer or the country context). Re-enabled after, if
    it was enabled."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


RARE_YOUNG_COLLECTIONS = (10_000, 20, 20)
"""`gc.set_threshold` for the server and the import command, after freezing what start-up built:
a request or a linked batch makes thousands (tens of thousands) of short-lived objects, which the
default first threshold (700) would walk in a young collection every few hundred allocations."""
