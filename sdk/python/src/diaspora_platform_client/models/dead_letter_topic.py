from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DeadLetterTopic")


@_attrs_define
class DeadLetterTopic:
    """
    Attributes:
        held (int): records the dead-letter topic holds
        original_topic (str): where its records were published first
        topic (str):
        waiting (int): records not replayed yet
    """

    held: int
    original_topic: str
    topic: str
    waiting: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        held = self.held

        original_topic = self.original_topic

        topic = self.topic

        waiting = self.waiting

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "held": held,
                "original_topic": original_topic,
                "topic": topic,
                "waiting": waiting,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        held = d.pop("held")

        original_topic = d.pop("original_topic")

        topic = d.pop("topic")

        waiting = d.pop("waiting")

        dead_letter_topic = cls(
            held=held,
            original_topic=original_topic,
            topic=topic,
            waiting=waiting,
        )

        dead_letter_topic.additional_properties = d
        return dead_letter_topic

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
