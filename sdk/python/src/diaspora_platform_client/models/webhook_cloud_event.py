from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_cloud_event_data import WebhookCloudEventData


T = TypeVar("T", bound="WebhookCloudEvent")


@_attrs_define
class WebhookCloudEvent:
    """A CloudEvents 1.0 event in structured JSON mode, as webhooks deliver it.

    Attributes:
        data (WebhookCloudEventData):
        id (str): the event's id; `webhook-id` is derived from it
        source (str): the publishing service, e.g. /alliance
        specversion (Literal['1.0']):
        subject (str): the aggregate the event is about
        time (datetime.datetime):
        type_ (str): the event type: which `data` this is
        correlationid (str | Unset):
        datacontenttype (Literal['application/json'] | Unset):
        sequence (int | Unset): the aggregate's version after it
        traceparent (str | Unset):
    """

    data: WebhookCloudEventData
    id: str
    source: str
    specversion: Literal["1.0"]
    subject: str
    time: datetime.datetime
    type_: str
    correlationid: str | Unset = UNSET
    datacontenttype: Literal["application/json"] | Unset = UNSET
    sequence: int | Unset = UNSET
    traceparent: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        id = self.id

        source = self.source

        specversion = self.specversion

        subject = self.subject

        time = self.time.isoformat()

        type_ = self.type_

        correlationid = self.correlationid

        datacontenttype = self.datacontenttype

        sequence = self.sequence

        traceparent = self.traceparent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "id": id,
                "source": source,
                "specversion": specversion,
                "subject": subject,
                "time": time,
                "type": type_,
            }
        )
        if correlationid is not UNSET:
            field_dict["correlationid"] = correlationid
        if datacontenttype is not UNSET:
            field_dict["datacontenttype"] = datacontenttype
        if sequence is not UNSET:
            field_dict["sequence"] = sequence
        if traceparent is not UNSET:
            field_dict["traceparent"] = traceparent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_cloud_event_data import WebhookCloudEventData  # noqa: PLC0415

        d = dict(src_dict)
        data = WebhookCloudEventData.from_dict(d.pop("data"))

        id = d.pop("id")

        source = d.pop("source")

        specversion = cast(Literal["1.0"], d.pop("specversion"))
        if specversion != "1.0":
            raise ValueError(f"specversion must match const '1.0', got '{specversion}'")

        subject = d.pop("subject")

        time = datetime.datetime.fromisoformat(d.pop("time"))

        type_ = d.pop("type")

        correlationid = d.pop("correlationid", UNSET)

        datacontenttype = cast(
            Literal["application/json"] | Unset, d.pop("datacontenttype", UNSET)
        )
        if datacontenttype != "application/json" and not isinstance(
            datacontenttype, Unset
        ):
            raise ValueError(
                f"datacontenttype must match const 'application/json', got '{datacontenttype}'"
            )

        sequence = d.pop("sequence", UNSET)

        traceparent = d.pop("traceparent", UNSET)

        webhook_cloud_event = cls(
            data=data,
            id=id,
            source=source,
            specversion=specversion,
            subject=subject,
            time=time,
            type_=type_,
            correlationid=correlationid,
            datacontenttype=datacontenttype,
            sequence=sequence,
            traceparent=traceparent,
        )

        webhook_cloud_event.additional_properties = d
        return webhook_cloud_event

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
