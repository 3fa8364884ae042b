"""The phone benchmark's byte count: what the network delivered up to a moment, from CDP's Network events."""

from __future__ import annotations

import base64

import pytest

from benchmarks.phone_bench import PROFILES, Traffic, Visit, profile_results


def traffic(*events: tuple[str, dict]) -> Traffic:
    record = Traffic()
    for method, params in events:
        record.on_event(method, params)
    return record


def finished(request: str, at: float, size: int) -> tuple[str, dict]:
    return "Network.loadingFinished", {"requestId": request, "timestamp": at, "encodedDataLength": size}


def chunk(request: str, at: float, size: int) -> tuple[str, dict]:
    return "Network.dataReceived", {"requestId": request, "timestamp": at, "encodedDataLength": size,
                                    "dataLength": size * 3}


def frame(request: str, at: float, opcode: int, payload: str) -> tuple[str, dict]:
    return "Network.webSocketFrameReceived", {"requestId": request, "timestamp": at,
                                              "response": {"opcode": opcode, "mask": False, "payloadData": payload}}


@pytest.mark.parametrize(("moment", "expected"), [
    (0.5, 0),
    (1.0, 1_000),  # the page finished: its whole encoded length (headers included), not its chunks
    (2.5, 1_000 + 300),  # the script still coming: the chunks delivered so far
    (3.0, 1_000 + 5_000),
    (float("inf"), 1_000 + 5_000),
])
def test_bytes_count_whole_responses_finished_and_the_chunks_of_those_still_coming(moment, expected):
    record = traffic(chunk("page", 0.9, 700), finished("page", 1.0, 1_000),
                     chunk("script", 2.0, 100), chunk("script", 2.4, 200), chunk("script", 2.9, 4_500),
                     finished("script", 3.0, 5_000))
    assert record.received_by(moment) == expected


def test_websocket_frames_count_their_payload_binary_or_text():
    binary = base64.b64encode(bytes(300)).decode()
    record = traffic(frame("ws", 1.0, 2, binary), frame("ws", 2.0, 1, "é" * 10))
    assert record.received_by(1.5) == 300
    assert record.received_by(2.0) == 320  # text frames in UTF-8


def test_the_pages_clock_maps_onto_cdps_through_the_documents_request():
    record = traffic(("Network.responseReceived", {"type": "Document", "response": {
        "timing": {"requestTime": 100.0, "sendStart": 5.0}}}))
    # The page sent its request at 20 ms on its own clock: CDP's 100.005 s. Its mark at 520 ms is 0.5 s later.
    assert record.to_cdp_time(520.0, 20.0) == pytest.approx(100.505)


def test_only_the_first_document_sets_the_clock():
    record = traffic(*(("Network.responseReceived", {"type": kind, "response": {
        "timing": {"requestTime": start, "sendStart": 0.0}}}) for kind, start in
        (("Script", 1.0), ("Document", 2.0), ("Document", 3.0))))
    assert record.to_cdp_time(0.0, 0.0) == 2.0


def test_a_visit_without_a_document_cannot_be_timed():
    with pytest.raises(RuntimeError, match="no document response"):
        Traffic().to_cdp_time(1.0, 0.0)


def test_figures_are_medians_with_the_ratio_and_only_the_targets_given():
    visits = {"static site": [Visit(0.5, 20_000, 30_000), Visit(0.7, 20_000, 30_000), Visit(0.9, 22_000, 30_000)],
              "TimelineJS3": [Visit(2.0, 90_000, 110_000)] * 3,
              "Streamlit app.py": [Visit(20.0, 7_800_000, 7_800_000)] * 3}
    results = {r.name: r for r in profile_results(PROFILES[0], visits, {"static site": 150})}
    assert results["9 Mbit/s: static site, first view"].value == 0.7
    assert results["9 Mbit/s: static site, KB before it"].value == 20.0
    assert results["9 Mbit/s: static site, KB before it"].target == 150
    assert results["9 Mbit/s: Streamlit app.py, KB before it"].target is None
    ratio = results["9 Mbit/s: static site / TimelineJS3"]
    assert ratio.value == pytest.approx(0.35) and ratio.target == 0.4 and not ratio.missed


def test_a_page_whose_visits_failed_has_no_figures_and_no_ratio():
    visits = {"static site": [Visit(0.5, 20_000, 30_000)], "TimelineJS3": []}
    results = profile_results(PROFILES[1], visits, {})
    assert [(r.name, r.value) for r in results if r.value is None] == [("1.6 Mbit/s 4x CPU: TimelineJS3, first view",
                                                                        None)]
    assert not any("/ TimelineJS3" in r.name for r in results)
