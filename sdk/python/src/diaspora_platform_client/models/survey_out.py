from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.statistics_out import StatisticsOut
    from ..models.survey_out_questions_item import SurveyOutQuestionsItem
    from ..models.survey_out_title import SurveyOutTitle


T = TypeVar("T", bound="SurveyOut")


@_attrs_define
class SurveyOut:
    """
    Attributes:
        default_language (str):
        form_id (str):
        form_version (str):
        id (UUID):
        key (str):
        languages (list[str]):
        questions (list[SurveyOutQuestionsItem]):
        statistics (StatisticsOut): Which answers feed which statistic (``domain.mapping.statistics_map``).
        title (SurveyOutTitle):
        version (int):
    """

    default_language: str
    form_id: str
    form_version: str
    id: UUID
    key: str
    languages: list[str]
    questions: list[SurveyOutQuestionsItem]
    statistics: StatisticsOut
    title: SurveyOutTitle
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        default_language = self.default_language

        form_id = self.form_id

        form_version = self.form_version

        id = str(self.id)

        key = self.key

        languages = self.languages

        questions = []
        for questions_item_data in self.questions:
            questions_item = questions_item_data.to_dict()
            questions.append(questions_item)

        statistics = self.statistics.to_dict()

        title = self.title.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "default_language": default_language,
                "form_id": form_id,
                "form_version": form_version,
                "id": id,
                "key": key,
                "languages": languages,
                "questions": questions,
                "statistics": statistics,
                "title": title,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.statistics_out import StatisticsOut  # noqa: PLC0415
        from ..models.survey_out_questions_item import SurveyOutQuestionsItem  # noqa: PLC0415
        from ..models.survey_out_title import SurveyOutTitle  # noqa: PLC0415

        d = dict(src_dict)
        default_language = d.pop("default_language")

        form_id = d.pop("form_id")

        form_version = d.pop("form_version")

        id = UUID(d.pop("id"))

        key = d.pop("key")

        languages = cast(list[str], d.pop("languages"))

        questions = []
        _questions = d.pop("questions")
        for questions_item_data in _questions:
            questions_item = SurveyOutQuestionsItem.from_dict(questions_item_data)

            questions.append(questions_item)

        statistics = StatisticsOut.from_dict(d.pop("statistics"))

        title = SurveyOutTitle.from_dict(d.pop("title"))

        version = d.pop("version")

        survey_out = cls(
            default_language=default_language,
            form_id=form_id,
            form_version=form_version,
            id=id,
            key=key,
            languages=languages,
            questions=questions,
            statistics=statistics,
            title=title,
            version=version,
        )

        survey_out.additional_properties = d
        return survey_out

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
