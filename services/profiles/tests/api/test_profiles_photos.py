"""Profile photo upload through HTTP: real decoding with Pillow, limits, thumbnails, EXIF
stripped, and the photo's own visibility."""

from __future__ import annotations

import io

import httpx
from PIL import Image
from profiles_testkit import bearer, member


def image_bytes(fmt: str, size: tuple[int, int] = (800, 600), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 120, 40))
    if exif:
        tags = Image.Exif()
        tags[0x010F] = "PhoneMaker"  # Make
        tags[0x8825] = {1: "N", 2: (14.0, 41.0, 0.0)}  # GPS info (Dakar-ish)
        image.save(out, fmt, exif=tags)
    else:
        image.save(out, fmt)
    return out.getvalue()


async def upload(
    client: httpx.AsyncClient, token: str, data: bytes, content_type: str
) -> httpx.Response:
    return await client.put(
        "/v1/me/profile/photo",
        content=data,
        headers={**bearer(token), "Content-Type": content_type},
    )


async def test_photo_upload_thumbnail_and_visibility(client: httpx.AsyncClient) -> None:
    person_id, token = await member(client)
    jpeg = image_bytes("JPEG", exif=True)
    assert b"PhoneMaker" in jpeg
    no_profile = await upload(client, token, jpeg, "image/jpeg")
    assert no_profile.status_code == 404
    await client.put("/v1/me/profile", json={"display_name": "Awa"}, headers=bearer(token))

    r = await upload(client, token, jpeg, "image/jpeg")
    assert r.status_code == 200, r.text
    assert (r.json()["width"], r.json()["height"]) == (800, 600)

    _, viewer = await member(client)
    full = await client.get(f"/v1/people/{person_id}/photo", headers=bearer(viewer))
    assert full.status_code == 200 and full.headers["content-type"] == "image/jpeg"
    assert b"PhoneMaker" not in full.content  # metadata (and its GPS position) dropped
    thumb = await client.get(
        f"/v1/people/{person_id}/photo", params={"size": "thumbnail"}, headers=bearer(viewer)
    )
    assert Image.open(io.BytesIO(thumb.content)).size == (256, 256)
    cached = await client.get(
        f"/v1/people/{person_id}/photo",
        headers={**bearer(viewer), "If-None-Match": full.headers["etag"]},
    )
    assert cached.status_code == 304
    # members by default: not for anonymous visitors
    assert (await client.get(f"/v1/people/{person_id}/photo")).status_code == 404

    etag = (await client.get("/v1/me/profile", headers=bearer(token))).headers["etag"]
    private = await client.patch(
        "/v1/me/profile",
        content='{"visibility": {"photo": "private"}}',
        headers={
            **bearer(token),
            "Content-Type": "application/merge-patch+json",
            "If-Match": etag,
        },
    )
    assert private.status_code == 200
    hidden = await client.get(f"/v1/people/{person_id}/photo", headers=bearer(viewer))
    assert hidden.status_code == 404
    own = await client.get(f"/v1/people/{person_id}/photo", headers=bearer(token))
    assert own.status_code == 200

    assert (await client.delete("/v1/me/profile/photo", headers=bearer(token))).status_code == 204
    assert (
        await client.get(f"/v1/people/{person_id}/photo", headers=bearer(token))
    ).status_code == 404


async def test_photo_upload_rejects_bad_images(client: httpx.AsyncClient) -> None:
    _, token = await member(client)
    await client.put("/v1/me/profile", json={"display_name": "Awa"}, headers=bearer(token))
    png = image_bytes("PNG", (64, 64))
    cases = [
        (b"definitely not an image", "image/png", 422),
        (png, "image/jpeg", 422),  # declared type does not match the bytes
        (png[: len(png) // 2], "image/png", 422),  # truncated
        (image_bytes("PNG", (5000, 10)), "image/png", 422),  # too wide
        (png, "text/plain", 415),
        (b"\0" * (5 * 1024 * 1024 + 1), "image/png", 413),
    ]
    for data, content_type, expected in cases:
        r = await upload(client, token, data, content_type)
        assert r.status_code == expected, (content_type, expected, r.text)
        assert r.headers["content-type"] == "application/problem+json"
    ok = await upload(client, token, image_bytes("WEBP", (300, 200)), "image/webp")
    assert ok.status_code == 200
