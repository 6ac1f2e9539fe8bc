from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.reason_label import ReasonLabel


T = TypeVar("T", bound="ReasonOut")


@_attrs_define
class ReasonOut:
    """
    Attributes:
        kind (str): the criterion: occupations, skills, sectors, languages, contribution_modes, country_of_origin,
            country_of_residence
        labels (list[ReasonLabel]): those codes' labels in the reader's language
        lang (str): the language of text
        text (str): the reason in the reader's language: Speaks French
        values (list[str]): the person's vocabulary codes that meet it
    """

    kind: str
    labels: list[ReasonLabel]
    lang: str
    text: str
    values: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        labels = []
        for labels_item_data in self.labels:
            labels_item = labels_item_data.to_dict()
            labels.append(labels_item)

        lang = self.lang

        text = self.text

        values = self.values

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "labels": labels,
                "lang": lang,
                "text": text,
                "values": values,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reason_label import ReasonLabel  # noqa: PLC0415

        d = dict(src_dict)
        kind = d.pop("kind")

        labels = []
        _labels = d.pop("labels")
        for labels_item_data in _labels:
            labels_item = ReasonLabel.from_dict(labels_item_data)

            labels.append(labels_item)

        lang = d.pop("lang")

        text = d.pop("text")

        values = cast(list[str], d.pop("values"))

        reason_out = cls(
            kind=kind,
            labels=labels,
            lang=lang,
            text=text,
            values=values,
        )

        reason_out.additional_properties = d
        return reason_out

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
