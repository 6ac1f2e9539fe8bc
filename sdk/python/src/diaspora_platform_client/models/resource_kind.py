from enum import StrEnum


class ResourceKind(StrEnum):
    LAW_POLICY = "law_policy"
    NEWSLETTER = "newsletter"
    PODCAST_EPISODE = "podcast_episode"
    PROJECT_RECORD = "project_record"
    PUBLIC_INFORMATION = "public_information"
    RESEARCH = "research"
    TOOLKIT = "toolkit"
    TRAINING = "training"
    VIDEO = "video"

    def __str__(self) -> str:
        return str(self.value)
