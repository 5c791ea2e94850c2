"""The span: a view [start, end) of an article's text, with a label and free attributes.

Every layer of an Article (rasad.model) is a list of spans. The class has a module of its own
because the tokenizer (rasad.analyse.tokens) makes spans and the model uses the tokenizer
(`Article.tokens`): both import it from here. `rasad.model.Span` is the same class.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Span:
    """A view of the article text: [start, end) with a label and free attributes."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def text_of(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end
