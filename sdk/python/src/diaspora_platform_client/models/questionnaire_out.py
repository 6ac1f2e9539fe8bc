from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.protection_out import ProtectionOut
    from ..models.public_campaign import PublicCampaign
    from ..models.survey_out import SurveyOut


T = TypeVar("T", bound="QuestionnaireOut")


@_attrs_define
class QuestionnaireOut:
    """
    Attributes:
        campaign (PublicCampaign): What anyone may know of a campaign.
        protection (ProtectionOut): How a respondent's answers are protected, said in each language.
        survey (SurveyOut):
    """

    campaign: PublicCampaign
    protection: ProtectionOut
    survey: SurveyOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        campaign = self.campaign.to_dict()

        protection = self.protection.to_dict()

        survey = self.survey.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "campaign": campaign,
                "protection": protection,
                "survey": survey,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.protection_out import ProtectionOut  # noqa: PLC0415
        from ..models.public_campaign import PublicCampaign  # noqa: PLC0415
        from ..models.survey_out import SurveyOut  # noqa: PLC0415

        d = dict(src_dict)
        campaign = PublicCampaign.from_dict(d.pop("campaign"))

        protection = ProtectionOut.from_dict(d.pop("protection"))

        survey = SurveyOut.from_dict(d.pop("survey"))

        questionnaire_out = cls(
            campaign=campaign,
            protection=protection,
            survey=survey,
        )

        questionnaire_out.additional_properties = d
        return questionnaire_out

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
