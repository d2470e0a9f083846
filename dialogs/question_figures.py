"""What happened to the questions applicants asked: the statistics' second half.

API (for the Telegram `/stats` and the web console's statistics page):
`StaffService.question_figures()` → `QuestionFigures` (asked; answered from the call; from the
Département's answers (FAQ); escalated to staff as tickets; answered by staff; still open;
the median time to a staff answer). Counted by the database (`Repository.question_figures`).

Each question asked is counted once, in one of four parts that add up to `asked` (an officer
tester saw « Posées 5 · appel 3 · FAQ 1 · transmises 3 », 7 of 5: two questions the call
answered were judged unhelpful, then passed on, and counted twice):
- `answered_from_call`: the knowledge base answered it confidently from the call, and it was
  not passed on to the team;
- `answered_from_faq`: the same, from one of the team's published answers;
- `escalated`: passed on to the team (a ticket), `escalated_after_answer` of them after an
  automatic answer the applicant judged insufficient;
- `unanswered`: no automatic answer, and not passed on. A ticket's wait is from its creation to the
first staff message in its thread. An open ticket whose latest message is a team answer
that never reached the applicant (blocked bot, refused send) is "not delivered", not
waiting; an applicant's follow-up makes an answered ticket wait again.

Each ticket is in exactly one state, so that the parts add up to `escalated` (a ticket the
applicant followed up after an answer was once counted both answered and waiting):
- `waiting`: open, for the team to answer: never answered, or followed up after an answer
  (`followed_up` of them);
- `answered`: the team's answer is its latest word (status answered, or open with the answer
  undelivered: `undelivered` of them), or it was closed after an answer;
- `closed_unanswered`: closed without any answer of the team.
`answered_by_staff` is another count, not a state: the tickets the team ever answered (the
median's sample), followed-up ones included.

The exchanges the team opened itself (`/ecrire N`, `ticket.opened_by == "staff"`) are no
applicants' questions: out of `escalated` and of the delays, they are counted apart
(`written`), with those whose applicant's reply waits for the team (`written_replied`, open
as any waiting ticket), so that every ticket `/tickets` lists is counted somewhere.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, replace

__all__ = ["FAQ_SOURCE_PREFIX", "QuestionFigures", "format_duration"]

#: How the knowledge base names an answer of the team (`knowledge.base.FAQ_SOURCE`, followed
#: by the entry's date); a test keeps the two equal.
FAQ_SOURCE_PREFIX = "Réponse de l’équipe du Département"


@dataclass(frozen=True)
class QuestionFigures:
    asked: int = 0
    answered_from_call: int = 0
    answered_from_faq: int = 0
    escalated: int = 0  # tickets opened = answered + waiting + closed_unanswered
    escalated_after_answer: int = 0  # of `escalated`: after an automatic answer judged unhelpful
    answered: int = 0  # state: the team's answer is the latest word, or closed after one
    undelivered: int = 0  # of `answered`: open, the latest answer never reached the applicant
    waiting: int = 0  # state: open, for the team (never answered, or followed up)
    followed_up: int = 0  # of `waiting`: the applicant wrote again after an answer
    closed_unanswered: int = 0  # state: closed by staff without any answer
    answered_by_staff: int = 0  # not a state: tickets with at least one staff message
    staff_answer_delays: tuple[dt.timedelta, ...] = ()  # one per ticket answered by staff
    written: int = 0  # exchanges the team opened (`/ecrire`): no question, apart from the above
    written_replied: int = 0  # of `written`: open, the applicant's reply waits for the team

    @property
    def unanswered(self) -> int:
        """Asked, answered neither from the call nor from the FAQ, and not passed on."""
        return self.asked - self.answered_from_call - self.answered_from_faq - self.escalated

    def with_erased(self, erased: QuestionFigures) -> QuestionFigures:
        """These figures and those of applicants who erased their data (`erased`: their
        tickets are settled, none waits): the counts never drop with an erasure."""
        return replace(
            self,
            asked=self.asked + erased.asked,
            answered_from_call=self.answered_from_call + erased.answered_from_call,
            answered_from_faq=self.answered_from_faq + erased.answered_from_faq,
            escalated=self.escalated + erased.escalated,
            escalated_after_answer=self.escalated_after_answer + erased.escalated_after_answer,
            answered=self.answered + erased.answered,
            closed_unanswered=self.closed_unanswered + erased.closed_unanswered,
            answered_by_staff=self.answered_by_staff + len(erased.staff_answer_delays),
            staff_answer_delays=self.staff_answer_delays + erased.staff_answer_delays,
            written=self.written + erased.written,
        )

    def as_erased(self) -> QuestionFigures:
        """What stays of one applicant's figures once they erase their data: their open
        tickets wait for no one any more, so each is settled as it stands (answered when
        the team had answered it, else closed unanswered)."""
        return QuestionFigures(
            asked=self.asked,
            answered_from_call=self.answered_from_call,
            answered_from_faq=self.answered_from_faq,
            escalated=self.escalated,
            escalated_after_answer=self.escalated_after_answer,
            answered=self.answered + self.followed_up,
            closed_unanswered=self.closed_unanswered + self.waiting - self.followed_up,
            answered_by_staff=len(self.staff_answer_delays),
            staff_answer_delays=self.staff_answer_delays,
            written=self.written,
        )

    @property
    def median_staff_answer(self) -> dt.timedelta | None:
        if not self.staff_answer_delays:
            return None
        seconds = statistics.median(d.total_seconds() for d in self.staff_answer_delays)
        return dt.timedelta(seconds=seconds)


def format_duration(delay: dt.timedelta | None) -> str:
    """A wait in French, to the minute: "45 min", "3 h 05", "2 j 4 h"; "—" when none."""
    if delay is None:
        return "—"
    minutes = max(0, int(delay.total_seconds() // 60))
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days} j {hours} h" if hours else f"{days} j"
    if hours:
        return f"{hours} h {minutes:02d}"
    return f"{minutes} min"
