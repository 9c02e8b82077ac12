"""Scoring a legal-education quiz: a pure function of the questions and the submitted answers."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QuestionResult:
    number: int
    question: str
    choices: list[str]
    right: int
    chosen: int | None
    explanation: str

    @property
    def is_right(self) -> bool:
        return self.chosen == self.right

    @property
    def answered(self) -> bool:
        return self.chosen is not None


@dataclass(frozen=True)
class QuizResult:
    questions: list[QuestionResult]
    tampered: bool  # an answer named a question or a choice that does not exist

    @property
    def score(self) -> int:
        return sum(1 for q in self.questions if q.is_right)

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.questions if not q.answered)


# A hidden field of the quiz form: a submission with no answer chosen still has a query string to be scored by.
SUBMITTED_FIELD = "submitted"


def field_name(number: int) -> str:
    return f"q{number}"


def score_quiz(questions: Sequence[Mapping[str, Any]], answers: Mapping[str, str]) -> QuizResult:
    """Score answers (field q1, q2, ... → choice index from 0) against questions (question, choices, explanation).

    An unanswered question scores nothing. An answer that is not one of the offered choices, or a field for a
    question that does not exist, is ignored and flags the submission as tampered."""
    results: list[QuestionResult] = []
    tampered = False
    for number, question in enumerate(questions, start=1):
        choices = [choice["text"] for choice in question["choices"]]
        right = next((i for i, choice in enumerate(question["choices"]) if choice["correct"]), -1)
        raw = answers.get(field_name(number), "")
        chosen: int | None = None
        if raw != "":
            # The length check first: int() refuses strings of more than 4300 digits (ValueError, was a 500).
            if raw.isascii() and raw.isdigit() and len(raw) <= 3 and int(raw) < len(choices):
                chosen = int(raw)
            else:
                tampered = True
        results.append(QuestionResult(number, question["question"], choices, right, chosen, question["explanation"]))
    known = {field_name(n) for n in range(1, len(questions) + 1)} | {"csrfmiddlewaretoken", SUBMITTED_FIELD}
    if any(key not in known for key in answers):
        tampered = True
    return QuizResult(results, tampered)
