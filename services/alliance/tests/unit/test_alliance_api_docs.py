"""The HTTP contract documents itself (``python -m alliance openapi``) without infrastructure."""

from __future__ import annotations

from alliance.bootstrap import bootstrap


def test_openapi_lists_the_alliance_routes_under_the_gateway_prefix() -> None:
    doc = bootstrap().create_app().openapi()
    paths = [p for p in doc["paths"] if p.startswith("/v1/")]
    assert paths and all(p.startswith("/v1/alliance") for p in paths)
    assert "/v1/alliance/motions/{motion_id}/ballots" in paths
    assert "/v1/alliance/commitments/export.csv" in paths
