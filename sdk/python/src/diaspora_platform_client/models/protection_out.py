from __future__ import annotations

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

if TYPE_CHECKING:
    from ..models.protection_out_promise import ProtectionOutPromise


T = TypeVar("T", bound="ProtectionOut")


@_attrs_define
class ProtectionOut:
    """How a respondent's answers are protected, said in each language.

    Attributes:
        k (int):
        max_noise (int):
        method (Literal['cell_key']):
        promise (ProtectionOutPromise): language code -> the promise
    """

    k: int
    max_noise: int
    method: Literal["cell_key"]
    promise: ProtectionOutPromise
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        k = self.k

        max_noise = self.max_noise

        method = self.method

        promise = self.promise.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "k": k,
                "max_noise": max_noise,
                "method": method,
                "promise": promise,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.protection_out_promise import ProtectionOutPromise  # noqa: PLC0415

        d = dict(src_dict)
        k = d.pop("k")

        max_noise = d.pop("max_noise")

        method = cast(Literal["cell_key"], d.pop("method"))
        if method != "cell_key":
            raise ValueError(f"method must match const 'cell_key', got '{method}'")

        promise = ProtectionOutPromise.from_dict(d.pop("promise"))

        protection_out = cls(
            k=k,
            max_noise=max_noise,
            method=method,
            promise=promise,
        )

        protection_out.additional_properties = d
        return protection_out

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
