"""The form interpreter: the questions a dossier is asked now, in order.

`plan_questions(spec, dossier)` walks the call's form (`spec.form`): `for_each` items repeat
over the call's lists, `list` groups expand with the dossier's items (or ask their flag or
first field when empty), `when` conditions select fields, and a field's `stop` rule ends
the plan on the stop screen. The engine moves a cursor over this list; completeness and the
review's "what is missing" come from the same list, so a question cannot be asked without
being counted, or counted without being asked. `store` writes an answer through its path.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, TypeVar, cast

from dialogs.dossier import Dossier, Salary, StaffLine
from dialogs.field_rules import STOP_RULES
from dialogs.form import Condition, FieldCommon, FieldItem, ForEach, GroupField, ListGroup, Section
from dialogs.form_refs import CompiledForm, fill, resolve
from dialogs.paths import DossierPath
from dialogs.question import ChoiceOption, ListInfo, Question
from dialogs.spec import CallSpec, Quote

#: Questions kept across plans, per compiled form (see `_Planner._kept`): enough for every
#: question of a few hundred dossiers' lists; past it the memo starts again.
BUILT_LIMIT = 20_000
_T = TypeVar("_T")
#: The key of `_Planner._readers` among the questions kept per compiled form.
_READERS = ("when readers",)
#: The key of the scope keys (`_ScopeKey`) among the questions kept per compiled form.
_SCOPE_KEYS = ("scope keys",)
_PLAIN = (str, int, float, bool, type(None))


def _signature(variables: Mapping[str, Any]) -> tuple[Hashable, ...]:
    """A hashable stand-in for a scope's variables: plain values with their type (1, 1.0 and
    True fill a text differently), other objects (the call's orientations, criteria…) by
    identity; the memo entry keeps them alive, so an identity is never reused while it
    stands for them."""
    return tuple(
        (name, (type(value), value) if isinstance(value, _PLAIN) else ("id", id(value)))
        for name, value in sorted(variables.items())
    )


class _ScopeKey:
    """What a scope's kept questions depend on (its section's id, its variables'
    `_signature`, detail, help and rules), hashed once: every item of a scope looks its
    question up by it, and hashing the variables at each lookup was a tenth of a plan.
    Equal by those parts; one object per parts while kept (`_Planner._scope`), so that a
    lookup usually compares it by identity."""

    __slots__ = ("_hash", "parts")

    def __init__(self, parts: tuple[Hashable, ...]) -> None:
        self.parts = parts
        self._hash = hash(parts)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, _ScopeKey) and self._hash == other._hash and self.parts == other.parts
        )


@dataclass(frozen=True)
class _Scope:
    section: Section
    variables: Mapping[str, Any]
    detail: str
    help: tuple[str, ...]
    rules: tuple[str, ...]
    key: _ScopeKey


class _Planner:
    def __init__(self, spec: CallSpec, dossier: Dossier) -> None:
        self.spec = spec
        self.form: CompiledForm = spec.compiled_form
        self.dossier = dossier
        self.questions: list[Question] = []
        self.stopped = False
        # The same help references recur for every field of a section: resolved once a plan.
        self._help_cache: dict[tuple[tuple[str, ...], tuple[tuple[str, Any], ...]], Any] = {}
        keys = self.form.built.get(_SCOPE_KEYS)
        if keys is None:
            keys = self.form.built[_SCOPE_KEYS] = ({}, None)
        #: Each scope key once, with the variables it stands for (kept alive: an identity in
        #: a signature is never reused while its key is kept).
        self._keys: dict[_ScopeKey, tuple[_ScopeKey, Mapping[str, Any]]] = keys[0]

    def _scope(
        self,
        section: Section,
        variables: Mapping[str, Any],
        *,
        detail: str = "",
        help: tuple[str, ...] = (),
        rules: tuple[str, ...] = (),
        signature: tuple[Hashable, ...] | None = None,
    ) -> _Scope:
        """A scope, with its key (`signature`: `variables`' own, when the caller has it)."""
        if signature is None:
            signature = _signature(variables) if variables else ()
        key = _ScopeKey((section.id, signature, detail, help, rules))
        if len(self._keys) >= BUILT_LIMIT:  # as the kept questions: past it, start again
            self._keys.clear()
        key = self._keys.setdefault(key, (key, variables))[0]
        return _Scope(section, variables, detail, help, rules, key)

    def _section_scope(self, section: Section) -> _Scope:
        return self._scope(section, {}, help=section.help, rules=section.rules)

    def run(self) -> list[Question]:
        for section in self.form.form.sections:
            scope = self._section_scope(section)
            self._items(section.items, scope)
            if self.stopped:
                break
        return self.questions

    def _items(self, items: tuple[FieldItem | ForEach | ListGroup, ...], scope: _Scope) -> None:
        for item in items:
            if self.stopped:
                return
            if isinstance(item, ForEach):
                self._for_each(item, scope)
            elif isinstance(item, ListGroup):
                self._list(item, scope)
            else:
                self._field(item, scope)

    def _for_each(self, item: ForEach, scope: _Scope) -> None:
        def build() -> tuple[_Scope, ...]:
            elements = resolve(item.for_each, self.spec, scope.variables)
            total = len(elements)
            scopes = []
            for number, element in enumerate(elements, start=1):
                variables = {**scope.variables, item.as_: element, "number": number, "total": total}
                detail = fill(item.detail, variables) if item.detail is not None else scope.detail
                scopes.append(
                    self._scope(
                        scope.section,
                        variables,
                        detail=detail,
                        help=scope.help,
                        rules=scope.rules,
                    )
                )
            return tuple(scopes)

        for inner in self._kept(("for_each", id(item)), scope, build):
            self._items(item.items, inner)

    def _kept(self, what: Hashable, scope: _Scope, build: Callable[[], _T]) -> _T:
        """What `build` makes from the call and `scope`, made once per compiled form for the
        same form item in the same scope: questions, scopes and paths depend on the call and
        the scope's variables only (the dossier decides which questions are asked, never
        what one says). Re-making the plan's hundred questions for every answer was most of
        an answer's cost (issue 14)."""
        memo = self.form.built
        key = (what, scope.key)
        found = memo.get(key)
        if found is None:
            if len(memo) >= BUILT_LIMIT:
                memo.clear()
            found = memo[key] = (build(), scope.variables)
        kept: _T = found[0]  # (not `cast`: a function call, and this runs for every item)
        return kept

    def _field(self, item: FieldItem, scope: _Scope) -> None:
        if item.when is not None and not self._holds(item.when, scope.variables, None):
            return
        question = self._built(item, scope)
        self.questions.append(question)
        if item.stop is not None:
            reason = STOP_RULES[item.stop](self.spec, self.dossier, question)
            if reason is not None:
                self._stop(scope.section, reason)

    def _built(self, item: FieldItem, scope: _Scope) -> Question:
        """The question `item` asks in `scope`, whether its `when` holds or not."""

        def build() -> Question:
            path = None
            if item.path is not None:
                path = self.form.path(item.path).bind(lambda text: fill(text, scope.variables))
            return self._question(
                item, scope, key=fill(item.key, scope.variables), path=path, context={}
            )

        return self._kept(("field", id(item)), scope, build)

    def ruled_out_by(self, answered: DossierPath) -> list[Question]:
        """The questions of the sections' own fields (outside repeated groups) whose `when`
        reads `answered` and no longer holds, asked or not in the plan (a stop cuts it
        short without ruling anything out)."""
        found = []
        for section, item in self._readers().get(str(answered), ()):
            assert item.when is not None
            scope = self._section_scope(section)
            if not self._holds(item.when, scope.variables, None):
                found.append(self._built(item, scope))
        return found

    def _readers(self) -> dict[str, list[tuple[Section, FieldItem]]]:
        """The sections' own fields with a `when`, in the form's order, by each dossier path
        their condition reads: made once per compiled form (kept with its questions), as
        every answer asks what it rules out (issue 14: the conditions' paths were worked
        out again for every field at every answer)."""
        memo = self.form.built
        found = memo.get(_READERS)
        if found is None:
            readers: dict[str, list[tuple[Section, FieldItem]]] = {}
            for section in self.form.form.sections:
                for item in section.items:
                    if isinstance(item, FieldItem) and item.when is not None:
                        for path in sorted(self._read(item.when)):
                            readers.setdefault(path, []).append((section, item))
            found = memo[_READERS] = (readers, None)
        return cast(dict[str, list[tuple[Section, FieldItem]]], found[0])

    def _read(self, condition: Condition) -> set[str]:
        """The dossier paths a section field's `condition` reads."""
        inner = [*(condition.all or ()), *(condition.any or ())]
        if condition.not_ is not None:
            inner.append(condition.not_)
        read = set().union(*(self._read(c) for c in inner)) if inner else set()
        if condition.path is not None:
            read.add(str(self.form.path(condition.path).bind(lambda text: fill(text, {}))))
        return read

    def _list(self, item: ListGroup, scope: _Scope) -> None:
        variables = scope.variables

        def build() -> tuple[str, ListInfo, _Scope]:
            path = self.form.path(item.list_).bind(lambda text: fill(text, variables))
            key = fill(item.key, variables)
            info = ListInfo(path, self.form.item_type(item.list_), key, item.fields[0].name)
            inner = self._scope(
                scope.section,
                variables,
                detail=fill(item.detail, variables) if item.detail is not None else scope.detail,
                help=item.help or scope.help,
                rules=scope.rules,
                signature=cast(tuple[Hashable, ...], scope.key.parts[1]),
            )
            return key, info, inner

        key, info, scope = self._kept(("list", id(item)), scope, build)
        entries = info.path.get(self.dossier) or []
        if not entries and item.flag is not None:
            flag = item.flag
            self.questions.append(
                self._kept(
                    ("flag", id(item)),
                    scope,
                    lambda: Question(
                        key=key,
                        section=scope.section.id,
                        kind="yesno",
                        label=fill(flag.label, variables),
                        prompt=flag.prompt,
                        role="flag",
                        path=self.form.path(flag.path).bind(lambda text: fill(text, variables)),
                        context=dict(variables),
                        required=flag.required,
                        detail=scope.detail,
                        help=self._help(scope.help, variables),
                        rules=(*scope.rules, *flag.rules),
                        list=info,
                    ),
                )
            )
            return
        for index in range(max(1, len(entries))):
            self._entry(item, scope, info, index, first_only=not entries)
        if not entries:
            return
        more = item.more
        count = len(entries)
        self.questions.append(
            self._kept(
                ("more", id(item), count),
                scope,
                lambda: Question(
                    key=f"{key}.more",
                    section=scope.section.id,
                    kind="yesno",
                    label=fill(more.label, variables),
                    prompt=more.prompt,
                    role="more",
                    add_label=fill(more.add, variables) if more.add is not None else "",
                    context={**variables, "count": count},
                    required=False,
                    detail=scope.detail,
                    help=self._help(scope.help, variables),
                    rules=scope.rules,
                    list=info,
                ),
            )
        )

    def _entry(
        self, item: ListGroup, scope: _Scope, info: ListInfo, index: int, *, first_only: bool
    ) -> None:
        def locate() -> tuple[DossierPath, DossierPath | None, str, ListInfo]:
            entry_path = info.path.child(index, info.item_type)
            title_path = None if item.title_field is None else entry_path.attr(item.title_field)
            numbered = fill(item.group, {**scope.variables, "index": index + 1})
            return entry_path, title_path, numbered, replace(info, item=index)

        entry_path, title_path, numbered, entry_info = self._kept(
            ("entry", id(item), index), scope, locate
        )
        title = ""
        if title_path is not None and not first_only:
            title = str(title_path.get(self.dossier) or "")
        group = numbered + (f" « {title} »" if title else "")
        variables = {**scope.variables, "index": index + 1, "title": title, "group": group}
        # The signature of these variables from the list scope's (worked out once): the
        # three added plain values after it. It stands for them as `_signature` does (the
        # same signature, the same variables), in a shape no `_signature` has (a tuple
        # first, not a name and a value).
        signature = (
            cast(tuple[Hashable, ...], scope.key.parts[1]),
            ("index", index + 1),
            ("title", title),
            ("group", group),
        )
        inner = self._scope(
            scope.section,
            variables,
            detail=scope.detail,
            help=scope.help,
            rules=scope.rules,
            signature=signature,
        )
        for position, group_field in enumerate(item.fields):
            if first_only and position > 0:
                return
            if group_field.when is not None and not self._holds(
                group_field.when, variables, entry_path
            ):
                continue

            def build(group_field: GroupField = group_field) -> Question:
                question = self._question(
                    group_field,
                    inner,
                    key=f"{info.key}.{index}.{group_field.name}",
                    path=entry_path.attr(group_field.name),
                    context={},
                    label=f"{fill(group_field.label, variables)} ({group})",
                    group=group,
                    skippable=group_field.skippable is True
                    or (group_field.skippable == "first_item" and index == 0),
                )
                return replace(question, list=entry_info)

            self.questions.append(self._kept(("entry", id(group_field), info.key), inner, build))

    def _question(
        self,
        item: FieldCommon,
        scope: _Scope,
        *,
        key: str,
        path: DossierPath | None,
        context: dict[str, Any],
        label: str | None = None,
        group: str = "",
        skippable: bool | None = None,
    ) -> Question:
        variables = scope.variables
        for name, ref in item.context.items():
            context[name] = resolve(ref, self.spec, variables)
        return Question(
            key=key,
            section=scope.section.id,
            kind=item.kind,
            label=label if label is not None else fill(item.label, variables),
            prompt=item.prompt,
            role="screen" if item.kind in ("info", "review", "stop") else "field",
            path=path,
            context={**variables, **context},
            required=item.required,
            skippable=bool(item.skippable) if skippable is None else skippable,
            choices=self._choices(item, variables),
            detail=fill(item.detail, variables) if item.detail is not None else scope.detail,
            group=group,
            help=self._help(item.help or scope.help, variables),
            limits=self._limits(item, variables),
            content=item.content,
            per=item.per,
            loaded_cost=item.loaded_cost,
            unknown_is_zero=item.unknown_is_zero,
            part_of=fill(item.part_of, variables) if item.part_of is not None else None,
            example=item.example,
            rules=(*scope.rules, *item.rules),
            stop=item.stop,
            short=fill(item.short, variables) if item.short is not None else "",
            also_named=item.also_named,
        )

    def _stop(self, section: Section, reason_id: str) -> None:
        screen = section.stop_screen
        assert screen is not None  # the form check requires it beside any `stop`
        self.questions.append(
            Question(
                key=screen.key,
                section=section.id,
                kind="stop",
                label=screen.label,
                prompt=screen.prompt,
                role="screen",
                context={"reason_id": reason_id},
                required=False,
                choices=screen.choices,
                help=self._help(screen.help, {}),
            )
        )
        self.stopped = True

    def _holds(
        self, condition: Condition, variables: Mapping[str, Any], entry: DossierPath | None
    ) -> bool:
        if condition.all is not None:
            return all(self._holds(c, variables, entry) for c in condition.all)
        if condition.any is not None:
            return any(self._holds(c, variables, entry) for c in condition.any)
        if condition.not_ is not None:
            return not self._holds(condition.not_, variables, entry)
        if condition.field is not None:
            assert entry is not None  # the form check allows `field` inside groups only
            value = entry.attr(condition.field).get(self.dossier)
        else:
            assert condition.path is not None
            target = self.form.path(condition.path).bind(lambda text: fill(text, variables))
            value = target.get(self.dossier)
        if condition.is_set is not None:
            return (value is not None) == condition.is_set
        if condition.not_empty is not None:
            return bool(value) == condition.not_empty
        if condition.mentions is not None:
            return mentions(value, condition.mentions)
        return bool(value == condition.equals)

    def _choices(self, item: FieldCommon, variables: Mapping[str, Any]) -> tuple[ChoiceOption, ...]:
        if item.choices is None:
            return ()
        if isinstance(item.choices, tuple):
            return item.choices
        return self.form.spec_choices(item.choices.from_, self.spec)

    def _help(self, refs: tuple[str, ...], variables: Mapping[str, Any]) -> tuple[Quote, ...]:
        if not refs:
            return ()
        try:
            key = (refs, tuple(sorted(variables.items())))
            hash(key)
        except TypeError:  # a variable that is not hashable: resolved each time
            return self._resolve_help(refs, variables)
        found = self._help_cache.get(key)
        if found is None:
            found = self._help_cache[key] = self._resolve_help(refs, variables)
        return found

    def _resolve_help(
        self, refs: tuple[str, ...], variables: Mapping[str, Any]
    ) -> tuple[Quote, ...]:
        quotes: dict[str, Quote] = {}
        for ref in refs:
            found = resolve(ref, self.spec, variables)
            for quote in found if isinstance(found, list) else [found]:
                quotes.setdefault(quote.text, quote)
        return tuple(quotes.values())

    def _limits(self, item: FieldCommon, variables: Mapping[str, Any]) -> dict[str, Any]:
        limits: dict[str, Any] = {}
        for name, value in item.limits.items():
            if isinstance(value, str):
                value = resolve(value, self.spec, variables)
            limits[name] = Decimal(value) if item.kind in ("fte", "money") else value
        return limits


def mentions(value: object, phrases: tuple[str, ...]) -> bool:
    """Whether a text answer holds one of `phrases` as whole words, case and accents aside
    (« Asso. loi 1901 » mentions « asso »; « Associés SARL » does not)."""
    from dialogs.parsing.text import fold, words

    said = words(fold(str(value or "")))
    for phrase in phrases:
        wanted = words(fold(phrase))
        if wanted and any(said[i : i + len(wanted)] == wanted for i in range(len(said))):
            return True
    return False


def plan_questions(spec: CallSpec, dossier: Dossier) -> list[Question]:
    return _Planner(spec, dossier).run()


def ruled_out_by(spec: CallSpec, dossier: Dossier, answered: Question) -> list[Question]:
    """The section fields `answered` rules out now: those whose own `when` reads its answer
    and no longer holds for `dossier` (the RNA once the legal form is a GIP). Not those
    merely gone from the plan: a knock-out answer at eligibility cuts the plan short and
    rules nothing out."""
    if answered.path is None:
        return []
    return _Planner(spec, dossier).ruled_out_by(answered.path)


def find_question(questions: list[Question], key: str) -> Question | None:
    return next((q for q in questions if q.key == key), None)


def resume_question(questions: list[Question], dossier: Dossier) -> Question | None:
    """The question the review was opened from midway, while still unanswered (a question
    answered since, from the edit menu, or gone from the plan resumes nothing)."""
    if dossier.cursor.resume_key is None:
        return None
    found = find_question(questions, dossier.cursor.resume_key)
    return found if found is not None and found.value(dossier) is None else None


def first_missing(questions: list[Question], dossier: Dossier) -> Question | None:
    return next((q for q in questions if q.is_missing(dossier)), None)


def moved_past(questions: list[Question], dossier: Dossier) -> list[str]:
    """The keys of the questions the applicant moved on from without an answer to store (a
    « Non » to « Ajouter une autre action ? »). A dossier saved before they were kept
    (`Dossier.moved_past` None) has them inferred, for an interview that goes forward: the
    unanswered questions before the one the applicant is at (or left for the review), all
    of them when that is none (a menu)."""
    if dossier.moved_past is not None:
        return dossier.moved_past
    cursor = dossier.cursor
    at = cursor.resume_key or cursor.key
    index = next((i for i, q in enumerate(questions) if q.key == at), None)
    before = questions if index is None else questions[:index]
    return [q.key for q in before if q.role != "screen" and not q.answered(dossier)]


def never_asked(questions: list[Question], dossier: Dossier) -> list[Question]:
    """The questions never put to the applicant: neither answered, skipped nor moved past
    (one reached but left for the review or another section counts: it waits for an
    answer). Screens aside."""
    put = {*dossier.skipped, *moved_past(questions, dossier)}
    return [
        q for q in questions if q.role != "screen" and q.key not in put and not q.answered(dossier)
    ]


def to_complete(questions: list[Question], dossier: Dossier) -> list[Question]:
    """What « Compléter le dossier » goes through, in order: the required answers missing
    and the questions never put to the applicant, optional ones included."""
    unasked = {q.key for q in never_asked(questions, dossier)}
    return [q for q in questions if q.key in unasked or q.is_missing(dossier)]


def item_of(question: Question) -> str | None:
    """The key prefix of the list item a question is a field of ("plan.o4.0"), or None."""
    info = question.list
    return None if info is None or info.item is None else f"{info.key}.{info.item}"


def added_item(question: Question, before: Dossier, after: Dossier) -> str | None:
    """The list item (key prefix) an answer to `question` added: a flag's or an "add
    another?" yes, or the first field of an empty list's first item; else None."""
    info = question.list
    if info is None:
        return None
    count = len(info.path.get(after) or [])
    return f"{info.key}.{count - 1}" if count > len(info.path.get(before) or []) else None


def missing_in_item_after(
    questions: list[Question], current: Question, dossier: Dossier
) -> Question | None:
    """After an edit from the review: a required answer still missing in the same list item,
    after `current` (a staff line turned from an annual cost to a monthly one now needs its
    monthly cost and months), asked before going back to the review; None outside an item."""
    item = item_of(current)
    if item is None:
        return None
    index = next((i for i, q in enumerate(questions) if q.key == current.key), -1)
    return next(
        (q for q in questions[index + 1 :] if item_of(q) == item and q.is_missing(dossier)), None
    )


def next_while_filling(
    questions: list[Question], current: Question, dossier: Dossier, *, added: str | None
) -> Question | None:
    """After `current` (answered or skipped) during "Compléter le dossier": the missing
    answers and the questions never put (`to_complete`) in turn, forward, so that a skipped
    one is not asked again at once. A list item added during the completion (`added`) is
    asked in full, as in the interview: its fields, optional ones included, then its list's
    "add another?"."""
    index = next((i for i, q in enumerate(questions) if q.key == current.key), -1)
    following = questions[index + 1 :]
    if added is not None and following and item_of(current) == added:
        after = following[0]
        if item_of(after) == added or _is_more_of(after, current):
            return after
    waiting = {q.key for q in to_complete(questions, dossier)}
    return next((q for q in following if q.key in waiting), None)


def next_in_item(questions: list[Question], current: Question, item: str | None) -> Question | None:
    """After `current`, a field of the list item `item` added from the review's edit menu:
    the item's next field, optional ones included, as the interview asks a new item; None
    after its last field, or outside that item."""
    if item is None or item_of(current) != item:
        return None
    index = next((i for i, q in enumerate(questions) if q.key == current.key), -1)
    following = questions[index + 1 : index + 2]
    return following[0] if following and item_of(following[0]) == item else None


def _is_more_of(question: Question, member: Question) -> bool:
    """Whether `question` is the "add another?" of the list `member` is an item's field of."""
    return (
        question.role == "more"
        and question.list is not None
        and member.list is not None
        and question.list.key == member.list.key
    )


def store(question: Question, dossier: Dossier, value: Any) -> str | None:
    """Write an answer; returns the key to go to next when it opens a new list item."""
    if question.role == "field":
        assert question.path is not None
        question.path.set(dossier, value)
        if question.loaded_cost:  # a cost answered again: no salary typed, until said
            mark_salary(question, dossier, None)
        return None
    info = question.list
    if question.role == "flag":
        assert question.path is not None and info is not None
        question.path.set(dossier, bool(value))
        if value and not info.path.get(dossier):
            return _new_item(info, dossier)
        return None
    if question.role == "more" and value:
        assert info is not None
        return _new_item(info, dossier)
    return None


def mark_salary(question: Question, dossier: Dossier, salary: Salary | None) -> None:
    """Keep on the staff line whose loaded cost `question` asks that the amount kept was
    typed as a gross or net salary (« 2800€ brut par mois », confirmed): its employer's
    charges may be missing, which the review, the documents and the staff are told
    (`dialogs.rules.salaries_kept`). None clears it."""
    info = question.list
    if info is None or info.item is None:
        return
    items = info.path.get(dossier)
    line = items[info.item] if items is not None and info.item < len(items) else None
    if isinstance(line, StaffLine):
        line.cost_typed_as = salary


def delete_item(question: Question, dossier: Dossier) -> str | None:
    """Remove the list item a question belongs to; its key prefix ("plan.o1.2"), or None."""
    info = question.list
    if info is None or info.item is None:
        return None
    if not info.path.child(info.item, info.item_type).delete(dossier):
        return None
    _item_words_deleted(dossier, info.key, info.item)
    return f"{info.key}.{info.item}"


def _item_words_deleted(dossier: Dossier, list_key: str, index: int) -> None:
    """The words set aside for a list item deleted (« la région 15000 », then the funder
    abandoned) go with it, never offered to the item added in its place; those of the items
    after it follow them to their new index. The list's own (« add another? ») stay."""
    kept: dict[str, str] = {}
    for key, words in dossier.set_aside.items():
        item, _, rest = key.removeprefix(f"{list_key}.").partition(".")
        if not key.startswith(f"{list_key}.") or not item.isdigit() or not rest:
            kept[key] = words
        elif int(item) > index:
            kept[f"{list_key}.{int(item) - 1}.{rest}"] = words
        elif int(item) < index:
            kept[key] = words
    dossier.set_aside = kept


def is_fresh_item(question: Question, d: Dossier) -> bool:
    """The first field of a list item with nothing answered yet (just added)."""
    info = question.list
    if info is None or info.item is None or info.first_field != question.path_name:
        return False
    item = info.path.get(d)
    entry = item[info.item] if item is not None and info.item < len(item) else None
    return entry is not None and not any(entry.model_dump(exclude_defaults=True).values())


def _new_item(info: ListInfo, dossier: Dossier) -> str:
    items = info.path.get(dossier)
    if items is None:
        info.path.set(dossier, [])
        items = info.path.get(dossier)
    items.append(info.item_type())
    return f"{info.key}.{len(items) - 1}.{info.first_field}"


__all__ = [
    "GroupField",
    "added_item",
    "delete_item",
    "find_question",
    "first_missing",
    "item_of",
    "mark_salary",
    "moved_past",
    "never_asked",
    "next_in_item",
    "next_while_filling",
    "plan_questions",
    "store",
    "to_complete",
]
