from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="NewsletterProgress")


@_attrs_define
class NewsletterProgress:
    """Where the sending stands: the audience's deliveries recorded so far (``queued``;
    complete once the status is ``sent``) and how many of them are waiting, were sent, or
    failed for good.

        Attributes:
            failed (int):
            pending (int):
            queued (int):
            sent (int):
    """

    failed: int
    pending: int
    queued: int
    sent: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        failed = self.failed

        pending = self.pending

        queued = self.queued

        sent = self.sent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "failed": failed,
                "pending": pending,
                "queued": queued,
                "sent": sent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        failed = d.pop("failed")

        pending = d.pop("pending")

        queued = d.pop("queued")

        sent = d.pop("sent")

        newsletter_progress = cls(
            failed=failed,
            pending=pending,
            queued=queued,
            sent=sent,
        )

        newsletter_progress.additional_properties = d
        return newsletter_progress

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
