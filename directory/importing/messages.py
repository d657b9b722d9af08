"""What an import tells the person who ran it: a file it cannot read, the rows it rejected, a summary."""

from dataclasses import dataclass, field

from directory.models import SENTENCE, Institution


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, undecodable, missing columns)."""


class RowError(Exception):
    """One row cannot be saved; `messages` lists every reason, each a Chinese sentence without a full stop."""

    def __init__(self, messages):
        self.messages = messages if isinstance(messages, list) else [messages]
        super().__init__("；".join(self.messages))


@dataclass
class RowMessage:
    """Why a row was rejected, or what to check in a row that was imported."""

    line: int
    name: str
    reason: str

    def __str__(self):
        label = f"（{self.name}）" if self.name else ""
        return f"第 {self.line} 行{label}：{self.reason}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rejected: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    unknown_columns: list = field(default_factory=list)

    @property
    def total(self):
        return self.created + self.updated + len(self.rejected)

    @property
    def ok(self):
        return not self.rejected

    def summary(self):
        rejected = len(self.rejected)
        return f"共 {self.total} 行：新增 {self.created} 家，更新 {self.updated} 家，拒绝 {rejected} 行。"


def validation_messages(error):
    """The row's reasons from a model ValidationError.

    A message raised with code `SENTENCE` already names what it is about and is kept as is;
    any other (a field validator's "确保该值小于或等于 36") is prefixed with its field's label.
    """
    messages = []
    for field_name, errors in error.error_dict.items():
        for item in errors:
            message = " ".join(item.messages).rstrip("。")
            if field_name == "__all__" or item.code == SENTENCE:
                messages.append(message)
            else:
                messages.append(f"{Institution._meta.get_field(field_name).verbose_name}：{message}")
    return messages
