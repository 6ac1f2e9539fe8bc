from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.newsletter_status import NewsletterStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.newsletter_progress import NewsletterProgress
    from ..models.newsletter_view_content import NewsletterViewContent
    from ..models.segment_body import SegmentBody


T = TypeVar("T", bound="NewsletterView")


@_attrs_define
class NewsletterView:
    """
    Attributes:
        content (NewsletterViewContent): per language (en, fr, es, ar): subject and introduction
        id (UUID):
        progress (NewsletterProgress): Where the sending stands: the audience's deliveries recorded so far (``queued``;
            complete once the status is ``sent``) and how many of them are waiting, were sent, or
            failed for good.
        recipients (int | None):
        send_at (datetime.datetime | None):
        status (NewsletterStatus):
        event_ids (list[UUID] | Unset): public calendar entries to announce; cancelled ones are left out
        per_minute (int | Unset): sending rate Default: 60.
        resource_ids (list[UUID] | Unset):
        segment (SegmentBody | Unset):
    """

    content: NewsletterViewContent
    id: UUID
    progress: NewsletterProgress
    recipients: int | None
    send_at: datetime.datetime | None
    status: NewsletterStatus
    event_ids: list[UUID] | Unset = UNSET
    per_minute: int | Unset = 60
    resource_ids: list[UUID] | Unset = UNSET
    segment: SegmentBody | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content.to_dict()

        id = str(self.id)

        progress = self.progress.to_dict()

        recipients: int | None
        recipients = self.recipients

        send_at: None | str
        if isinstance(self.send_at, datetime.datetime):
            send_at = self.send_at.isoformat()
        else:
            send_at = self.send_at

        status = self.status.value

        event_ids: list[str] | Unset = UNSET
        if not isinstance(self.event_ids, Unset):
            event_ids = []
            for event_ids_item_data in self.event_ids:
                event_ids_item = str(event_ids_item_data)
                event_ids.append(event_ids_item)

        per_minute = self.per_minute

        resource_ids: list[str] | Unset = UNSET
        if not isinstance(self.resource_ids, Unset):
            resource_ids = []
            for resource_ids_item_data in self.resource_ids:
                resource_ids_item = str(resource_ids_item_data)
                resource_ids.append(resource_ids_item)

        segment: dict[str, Any] | Unset = UNSET
        if not isinstance(self.segment, Unset):
            segment = self.segment.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "id": id,
                "progress": progress,
                "recipients": recipients,
                "send_at": send_at,
                "status": status,
            }
        )
        if event_ids is not UNSET:
            field_dict["event_ids"] = event_ids
        if per_minute is not UNSET:
            field_dict["per_minute"] = per_minute
        if resource_ids is not UNSET:
            field_dict["resource_ids"] = resource_ids
        if segment is not UNSET:
            field_dict["segment"] = segment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.newsletter_progress import NewsletterProgress  # noqa: PLC0415
        from ..models.newsletter_view_content import NewsletterViewContent  # noqa: PLC0415
        from ..models.segment_body import SegmentBody  # noqa: PLC0415

        d = dict(src_dict)
        content = NewsletterViewContent.from_dict(d.pop("content"))

        id = UUID(d.pop("id"))

        progress = NewsletterProgress.from_dict(d.pop("progress"))

        def _parse_recipients(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        recipients = _parse_recipients(d.pop("recipients"))

        def _parse_send_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                send_at_type_0 = datetime.datetime.fromisoformat(data)

                return send_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        send_at = _parse_send_at(d.pop("send_at"))

        status = NewsletterStatus(d.pop("status"))

        _event_ids = d.pop("event_ids", UNSET)
        event_ids: list[UUID] | Unset = UNSET
        if _event_ids is not UNSET:
            event_ids = []
            for event_ids_item_data in _event_ids:
                event_ids_item = UUID(event_ids_item_data)

                event_ids.append(event_ids_item)

        per_minute = d.pop("per_minute", UNSET)

        _resource_ids = d.pop("resource_ids", UNSET)
        resource_ids: list[UUID] | Unset = UNSET
        if _resource_ids is not UNSET:
            resource_ids = []
            for resource_ids_item_data in _resource_ids:
                resource_ids_item = UUID(resource_ids_item_data)

                resource_ids.append(resource_ids_item)

        _segment = d.pop("segment", UNSET)
        segment: SegmentBody | Unset
        if isinstance(_segment, Unset):
            segment = UNSET
        else:
            segment = SegmentBody.from_dict(_segment)

        newsletter_view = cls(
            content=content,
            id=id,
            progress=progress,
            recipients=recipients,
            send_at=send_at,
            status=status,
            event_ids=event_ids,
            per_minute=per_minute,
            resource_ids=resource_ids,
            segment=segment,
        )

        newsletter_view.additional_properties = d
        return newsletter_view

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
