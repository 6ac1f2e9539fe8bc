"""A claimed outbox row stays cheap to hold while its batch is on the wire (eventkit.relay)."""

from __future__ import annotations

import gc

from eventkit.relay import _Row


def test_a_claimed_row_decodes_its_headers_when_sent() -> None:
    row = _Row(7, "things.v1", "thing-1", '{"a":1}', '{"ce_id":"e-1","ce_sequence":"3"}')
    assert row.kafka_headers() == [("ce_id", b"e-1"), ("ce_sequence", b"3")]


def test_a_claimed_row_holds_no_container_the_cyclic_collector_tracks() -> None:
    """The relay holds up to three claimed batches at once (one being marked, one on the
    wire, the next claimed). Every container a row holds is traversed by each collector pass
    until the batch is freed; a list of header pairs per row made that most of the relay's
    CPU."""
    row = _Row._make((7, "things.v1", "thing-1", '{"a":1}', '{"ce_id":"e-1"}'))
    assert [f for f in row if gc.is_tracked(f)] == []
