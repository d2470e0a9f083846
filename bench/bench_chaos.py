"""Chaos: applicants go through the whole interview while faults are injected at random.

    .venv/bin/python bench/bench_chaos.py [--applicants 8] [--think 1] [--seed 11] [--only KIND …]

For each kind of fault, a fake Bot API (127.0.0.1), `aap-bot run` as real processes, and
`--applicants` simulated applicants playing the scripted interview
(`examples/conversations/candidature-complete.txt`) all at once, like careful humans: each
answers the question on their screen (a button when there is one), and if no new question
comes within 8 s, looks again and answers what they see (so a lost reply makes them type the
same answer again, as in the issue). Meanwhile, at seeded random moments:

- sigkill: the bot (long polling, SQLite) is SIGKILLed and started again;
- getupdates_html_502 / getupdates_invalid_json: getUpdates answers a proxy's HTML 502 page,
  or invalid JSON, a result that is not a list, update ids that are not integers;
- sendmessage_500: sendMessage answers 500 (once, to whoever sends within 0.25 s);
- sqlite_locked: another process holds the SQLite file's write lock 2 to 8 s (past the
  5-second busy timeout);
- postgres_stopped: the bot's database is a private PostgreSQL cluster, stopped 2 to 6 s;
- redis_stopped: the bot keeps its conversation state in a private redis-server, stopped 2
  to 5 s;
- webhook_instance_killed: two webhook instances share the journal behind the fake Bot API's
  round robin; one of them is SIGKILLed, and started again 1 to 3 s later;
- flood_messages / flood_drafts: one more user sends 600 messages, or 500 /brouillon, in one
  burst (no per-minute quota: the per-user queues alone must protect the others).

Then the faults stop, the bot finishes, and the figures per kind: faults injected; answers
lost (an applicant stuck, a field of the dossier missing, an update confirmed to Telegram but
never processed); answers applied twice (more entries in the answer journal than the clean
script gives) or to the wrong question (a field with another value); the process's exits by
itself (the bench restarts it and counts); the p99 of the time from an applicant's answer to
the next question (an answer left 8 s without one counts 8 s; for the floods: the other
applicants, during the flood). Goals: 0 lost,
0 twice, 0 wrong, 0 exits, flood p99 under 1 s. Exits 1 when a goal is missed. The machine's
load (printed) weighs on the times; bounded to an hour (10 minutes per kind at most).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, text  # noqa: E402

from bot.render import parse_answer_data  # noqa: E402
from tests.bot_support import ForkedBot, ForkServer, action_for, perform  # noqa: E402
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator  # noqa: E402
from tests.private_servers import (  # noqa: E402
    PrivatePostgres,
    PrivateRedis,
    free_port,
    postgres_available,
    redis_available,
)
from tests.support import Walk, script_lines  # noqa: E402
from tests.test_issues.test_11_1_the_bot_never_dies import (  # noqa: E402
    BAD_GATEWAY,
    HOLD_WRITE_LOCK,
    PROXY_ANSWERS,
)

KINDS = (
    "sigkill",
    "getupdates_html_502",
    "getupdates_invalid_json",
    "sendmessage_500",
    "sqlite_locked",
    "postgres_stopped",
    "redis_stopped",
    "webhook_instance_killed",
    "flood_messages",
    "flood_drafts",
)
RETRY_AFTER = 8.0  # seconds an applicant waits for the next question before looking again
STUCK_AFTER = 120.0  # seconds without any progress: the applicant is stuck (answers lost)
SCENARIO_LIMIT = 600.0  # the interview is 104 answers since the dossier grew (issue 9)
SECTIONS = ("eligibility", "organisation", "plan", "indicators", "budget")
FIRST_APPLICANT = 30_000
FLOODER = 39_999
P99_GOAL = 1.0


@dataclass
class Expected:
    """What the clean script gives: the answer to each question, the dossier, the journal."""

    answers: dict[str, str]
    dossier: dict[str, Any]
    journal: Counter[str]

    @classmethod
    def of_script(cls) -> Expected:
        walk = Walk()
        answers: dict[str, str] = {}
        journal: Counter[str] = Counter()
        for line in script_lines():
            answers[walk.key] = line
            outcome = walk.send(line)
            if outcome.answer is not None:
                journal[outcome.answer[0]] += 1
        dossier = walk.dossier.model_dump(mode="json")
        return cls(answers, {s: dossier[s] for s in SECTIONS}, journal)


@dataclass
class Result:
    kind: str
    injected: int = 0
    lost: int = 0
    twice: int = 0
    wrong: int = 0
    restarts: int = 0
    latencies: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    wall: float = 0.0

    def p99(self) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.99 * len(ordered)) - 1)]

    @property
    def flood(self) -> bool:
        return self.kind.startswith("flood")

    def ok(self) -> bool:
        clean = self.lost == self.twice == self.wrong == self.restarts == 0
        return clean and (not self.flood or self.p99() < P99_GOAL)


# -- applicants --------------------------------------------------------------------------------


def _screen(message: dict[str, Any] | None) -> str:
    """What a message shows (text and buttons), to tell an edit."""
    if message is None:
        return ""
    return json.dumps([message.get("text"), message.get("reply_markup")], sort_keys=True)


def prompt_key(message: dict[str, Any] | None) -> str | None:
    """The question a prompt asks, read from its buttons' data ("a|<key>|<choice>")."""
    if message is None:
        return None
    for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
        for button in row:
            parsed = parse_answer_data(str(button.get("callback_data", "")))
            if parsed is not None and not parsed[0].startswith("_"):
                return parsed[0]
    return None


class Applicant:
    """Answers what is on the screen; looks again when nothing comes (see the module doc)."""

    def _progress(
        self, key: str | None, mark: int, before: str, documents: int
    ) -> Callable[[], bool | None]:
        """Whether the answer was followed by a new question (by the drafts, at the end): a
        later message with buttons, or the answered one edited into the next question (a
        click's reply, when it fits in one message)."""
        api, user = self.api, self.user

        def progressed() -> bool | None:
            if key == "review":
                return len(user.documents) >= documents + 2 or None
            live = api.sent_messages(user.chat_id, include_deleted=False)
            return (
                any(
                    prompt_key(m)
                    and (
                        m["message_id"] > mark or (m["message_id"] == mark and _screen(m) != before)
                    )
                    for m in live
                )
                or None
            )

        return progressed

    def __init__(
        self, api: FakeBotAPI, user_id: int, expected: Expected, *, think: float, seed: str
    ) -> None:
        self.think = think
        self.rng = random.Random(seed)
        self.api = api
        self.user = FakeUser(api, user_id)
        self.expected = expected
        self.latencies: list[tuple[float, float]] = []  # (answered at, seconds to the next)
        self.stuck = False
        self.why = ""  # when stuck: what was on the screen
        self.done = False

    def _stuck(self, reason: str) -> None:
        self.stuck = True
        last = self.api.sent_messages(self.user.chat_id, include_deleted=False)[-3:]
        seen = " | ".join(
            f"#{m['message_id']} {prompt_key(m) or '-'}: {str(m.get('text', ''))[:60]!r}"
            for m in last
        )
        self.why = f"{reason}; last messages: {seen} (trace: {self.trace('stuck')})"

    def trace(self, what: str) -> Path:
        """The chat's calls and updates, written for whoever looks into a missed goal."""
        trace = Path(tempfile.gettempdir()) / f"chaos-{what}-{self.user.user_id}.txt"
        with self.api._lock:
            calls = [c for c in self.api.log if c.chat_id == self.user.chat_id]
            updates = [u for u in self.api.updates.values() if u.chat_id == self.user.chat_id]
        lines = [
            f"{c.timestamp:.3f} {c.method} {c.status} upd={c.update_id} "
            f"{json.dumps(c.params, ensure_ascii=False, default=str)[:300]}"
            for c in calls
        ]
        lines += [
            f"update {u.update_id} fetched={u.fetched_at} confirmed={u.confirmed} "
            f"{json.dumps(u.update, ensure_ascii=False, default=str)[:200]}"
            for u in updates
        ]
        trace.write_text("\n".join(lines), encoding="utf-8")
        return trace

    async def run(self) -> None:
        api, user = self.api, self.user
        last_progress = time.monotonic()
        while not self.done:
            if time.monotonic() - last_progress > STUCK_AFTER:
                self._stuck(f"no new question for {STUCK_AFTER:.0f} s")
                return
            prompt = user.keyboard_message()
            key = prompt_key(prompt)
            line = "/start" if key is None else self.expected.answers.get(key)
            if line is None:  # a question off the script: not this bench's applicant
                self._stuck(f"a question off the script ({key})")
                return
            mark = prompt["message_id"] if prompt is not None else 0
            before = _screen(prompt)  # (read now: the reply may edit it in place)
            documents = len(user.documents)
            await asyncio.sleep(self.rng.uniform(0, self.think))  # reading, typing
            if user.keyboard_message() is not prompt or _screen(prompt) != before:
                continue  # the screen changed meanwhile (a new message, or this one edited
                # into the next question by a late reply): read it again
            started = time.monotonic()
            try:
                await perform(user, *(("send", line) if key is None else action_for(user, line)))
            except (AssertionError, LookupError):  # the keyboard changed meanwhile
                await asyncio.sleep(0.2)
                continue

            progressed = self._progress(key, mark, before, documents)
            try:
                await api.wait_until(progressed, timeout=RETRY_AFTER, chat_id=user.chat_id)
            except TimeoutError:  # nothing came: look again, answer what is there
                self.latencies.append((started, RETRY_AFTER))  # at least that long: counted
                continue
            self.latencies.append((started, time.monotonic() - started))
            last_progress = time.monotonic()
            if key == "review":
                self.done = True


# -- bot processes -----------------------------------------------------------------------------


class Instance:
    """One `aap-bot run` (forked, so restarts are quick), supervised."""

    def __init__(self, forks: ForkServer, name: str) -> None:
        self.forks = forks
        self.name = name
        self.bot: ForkedBot | None = None
        self.starts = 0
        self.down = False  # stopped on purpose by the bench

    async def start(self) -> None:
        self.starts += 1
        self.bot = await self.forks.start(f"{self.name}-{self.starts}")
        self.down = False

    def exited(self) -> bool:
        """Whether the process ended (a zombie until its fork server reaps it)."""
        if self.bot is None or self.bot.code is not None:
            return True
        try:
            state = Path(f"/proc/{self.bot.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return True
        return state in ("Z", "X")

    async def kill(self) -> None:
        self.down = True
        if self.bot is not None:
            await self.bot.kill()

    async def stop(self) -> int:
        assert self.bot is not None
        return await self.bot.stop(timeout=60)


@dataclass
class Stage:
    """One scenario's world: the fake Bot API, the instances, the database, the result."""

    api: FakeBotAPI
    instances: list[Instance]
    database_url: str
    result: Result
    rng: random.Random
    workdir: Path
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    flood_window: tuple[float, float] | None = None

    async def supervise(self) -> None:
        """An instance that ended without the bench killing it: counted, started again."""
        while not self.finished.is_set():
            for instance in self.instances:
                if not instance.down and instance.exited():
                    self.result.restarts += 1
                    assert instance.bot is not None
                    self.result.notes.append(
                        f"{instance.name} exited by itself:\n" + instance.bot.output()[-1500:]
                    )
                    await instance.kill()
                    await instance.start()
            await asyncio.sleep(0.5)

    async def pause(self, low: float, high: float) -> bool:
        """Sleep a random while; False once the applicants are done."""
        try:
            await asyncio.wait_for(self.finished.wait(), self.rng.uniform(low, high))
        except TimeoutError:
            return True
        return False


# -- faults --------------------------------------------------------------------------------------

Injector = Callable[[Stage], Awaitable[None]]


async def kill_and_restart(stage: Stage) -> None:
    while await stage.pause(2, 5):
        instance = stage.instances[0]
        await instance.kill()
        await instance.start()
        stage.result.injected += 1


def raw_get_updates(answers: list[dict[str, Any]]) -> Injector:
    async def inject(stage: Stage) -> None:
        while await stage.pause(0.5, 2):
            if stage.api._raw_faults:  # the last one not served yet
                continue
            stage.api.answer_raw_next("getUpdates", **stage.rng.choice(answers))
            stage.result.injected += 1

    return inject


#: How long a sendMessage 500 waits to be served before it is withdrawn (seconds).
FAULT_WINDOW = 0.25


async def send_message_500(stage: Stage) -> None:
    """A flaky Telegram: at random moments, the next sendMessage within a quarter of a second
    answers 500. (A fault waiting until someone sends made the outage total for the last
    applicant still retrying once the others had finished: every retry met the next fault.)"""
    while await stage.pause(0.3, 1.5):
        stage.api.fail_next("sendMessage", error_code=500, description="Internal Server Error")
        await asyncio.sleep(FAULT_WINDOW)
        with stage.api._lock:
            served = not stage.api._faults
        stage.api.clear_faults()
        stage.result.injected += served


async def lock_sqlite(stage: Stage) -> None:
    db = stage.database_url.removeprefix("sqlite:///")
    while await stage.pause(2, 5):
        hold = stage.rng.uniform(2, 8)
        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", HOLD_WRITE_LOCK, db, str(hold), stdout=subprocess.DEVNULL
        )
        await locker.wait()
        stage.result.injected += 1


def stop_and_start(server: PrivatePostgres | PrivateRedis, low: float, high: float) -> Injector:
    async def inject(stage: Stage) -> None:
        while await stage.pause(5, 9):
            await asyncio.to_thread(server.stop)
            stage.result.injected += 1
            await asyncio.sleep(stage.rng.uniform(low, high))
            await asyncio.to_thread(server.start)

    return inject


async def kill_one_instance(stage: Stage) -> None:
    while await stage.pause(3, 6):
        victim = stage.rng.choice(stage.instances)
        await victim.kill()
        stage.result.injected += 1
        await asyncio.sleep(stage.rng.uniform(1, 3))
        await victim.start()


def flood(kind: str) -> Injector:
    async def inject(stage: Stage) -> None:
        if not await stage.pause(3, 3):
            return
        sim = Simulator(stage.api)
        count, words = (600, "bonjour") if kind == "flood_messages" else (500, "/brouillon")
        began = time.monotonic()
        ids = [
            (sim.user_command(FLOODER, words) if words.startswith("/") else
             sim.user_text(FLOODER, f"{words} {n}"))["update_id"]
            for n in range(count)
        ]  # fmt: skip
        stage.result.injected += 1
        engine = create_engine(stage.database_url)
        try:
            while not stage.finished.is_set():
                with engine.connect() as connection:
                    left = connection.execute(
                        text(
                            "SELECT count(*) FROM telegram_update WHERE status = 'pending'"
                            " AND update_id >= :first"
                        ),
                        {"first": min(ids)},
                    ).scalar_one()
                if left == 0 and all(stage.api.updates[i].confirmed for i in ids):
                    break
                await asyncio.sleep(0.5)
        finally:
            engine.dispose()
        stage.result.notes.append(
            f"the flood took {time.monotonic() - began:.1f} s to drain; p99 over the answers"
            " given meanwhile"
        )
        stage.flood_window = (began, time.monotonic())

    return inject


# -- checks --------------------------------------------------------------------------------------


async def drained(database_url: str, seconds: float) -> None:
    """Until no update is pending in the journal (or `seconds` passed), plus a second."""
    engine = create_engine(database_url)
    deadline = time.monotonic() + seconds
    try:
        while time.monotonic() < deadline:
            try:
                with engine.connect() as connection:
                    pending = connection.execute(
                        text("SELECT count(*) FROM telegram_update WHERE status = 'pending'")
                    ).scalar_one()
            except Exception:  # the database is coming back
                pending = -1
            if pending == 0:
                break
            await asyncio.sleep(0.5)
    finally:
        engine.dispose()
    await asyncio.sleep(1)


def leaves(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out |= leaves(item, f"{path}.{key}")
        return out
    if isinstance(value, list):
        out = {}
        for index, item in enumerate(value):
            out |= leaves(item, f"{path}[{index}]")
        return out
    return {path: value}


def check(stage: Stage, applicants: list[Applicant], expected: Expected) -> None:
    result, api = stage.result, stage.api
    result.lost += sum(a.stuck for a in applicants)
    result.notes.extend(f"telegram:{a.user.user_id} stuck: {a.why}" for a in applicants if a.stuck)
    engine = create_engine(stage.database_url)
    try:
        with engine.connect() as connection:
            journaled = dict(
                connection.execute(text("SELECT update_id, status FROM telegram_update")).all()
            )
            for applicant in applicants:
                owner = f"telegram:{applicant.user.user_id}"
                rows = connection.execute(
                    text("SELECT id, data FROM dossier WHERE owner = :owner"), {"owner": owner}
                ).all()
                if len(rows) != 1:
                    result.wrong += 1
                    result.notes.append(f"{owner}: {len(rows)} dossiers")
                    continue
                number, data = rows[0]
                data = json.loads(data) if isinstance(data, str) else data
                want = leaves({s: expected.dossier[s] for s in SECTIONS})
                got = leaves({s: data[s] for s in SECTIONS})
                for path in sorted(set(want) | set(got)):
                    if got.get(path) == want.get(path):
                        continue
                    if want.get(path) is not None and got.get(path) is None:
                        result.lost += 1
                    else:
                        result.wrong += 1
                    result.notes.append(
                        f"{owner} {path}: {got.get(path)!r} ≠ {want.get(path)!r}"
                        f" (trace: {applicant.trace('wrong')})"
                    )
                keys = Counter(
                    key
                    for (key,) in connection.execute(
                        text("SELECT key FROM answer_journal WHERE dossier_id = :n"), {"n": number}
                    )
                )
                extra = keys - expected.journal
                result.twice += sum(extra.values())
                if extra:
                    result.notes.append(f"{owner}: journaled more than once: {dict(extra)}")
    finally:
        engine.dispose()
    users = {a.user.user_id for a in applicants}
    for update_id, record in api.updates.items():
        if record.chat_id not in users or not record.confirmed:
            continue
        status = journaled.get(update_id)
        if status != "done":
            result.lost += 1
            result.notes.append(
                f"update {update_id} confirmed to Telegram, {status or 'never journaled'}"
            )


# -- scenarios -----------------------------------------------------------------------------------


async def scenario(
    kind: str, applicants_count: int, seed: int, expected: Expected, think: float
) -> Result:
    result = Result(kind)
    rng = random.Random(f"{seed}-{kind}")
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix=f"chaos-{kind}-") as tmp:
        workdir = Path(tmp)
        postgres = redis = None
        database_url = f"sqlite:///{workdir / 'bot.db'}"
        env: dict[str, str] = {"LOG_LEVEL": "INFO", "DATABASE_URL": database_url}
        if kind == "postgres_stopped":
            postgres = await asyncio.to_thread(PrivatePostgres.create)
            database_url = env["DATABASE_URL"] = postgres.url
        if kind == "redis_stopped":
            redis = await asyncio.to_thread(PrivateRedis.start_new)
            env["REDIS_URL"] = redis.url
        try:
            async with FakeBotAPI() as api:
                forks: list[ForkServer] = []
                instances: list[Instance] = []
                urls: list[str] = []
                webhook = kind == "webhook_instance_killed"
                for number in range(2 if webhook else 1):
                    extra = dict(env)
                    if webhook:
                        port = free_port()
                        extra |= {
                            "WEBHOOK_URL": "http://127.0.0.1:9/telegram/webhook",
                            "WEBHOOK_SECRET": "chaos_bench_secret",
                            "WEBHOOK_PORT": str(port),
                        }
                        urls.append(f"http://127.0.0.1:{port}/telegram/webhook")
                    (workdir / f"i{number}").mkdir()
                    fork = await ForkServer.spawn(api, workdir / f"i{number}", **extra)
                    forks.append(fork)
                    instances.append(Instance(fork, f"bot{number}"))
                stage = Stage(api, instances, database_url, result, rng, workdir)
                try:
                    for instance in instances:
                        await instance.start()
                        if webhook:  # the first one creates the schema
                            await asyncio.sleep(4)
                    if webhook:
                        api.set_webhook_targets(urls)
                    await run_stage(stage, kind, applicants_count, expected, postgres, redis, think)
                finally:
                    for instance in instances:
                        if not instance.exited():
                            await instance.kill()
                    for fork in forks:
                        await fork.close()
        finally:
            if postgres is not None:
                await asyncio.to_thread(postgres.destroy)
            if redis is not None:
                redis.stop()
    result.wall = time.monotonic() - began
    return result


async def run_stage(
    stage: Stage,
    kind: str,
    count: int,
    expected: Expected,
    postgres: PrivatePostgres | None,
    redis: PrivateRedis | None,
    think: float,
) -> None:
    injectors: dict[str, Injector] = {
        "sigkill": kill_and_restart,
        "getupdates_html_502": raw_get_updates(
            [{"status": 502, "body": BAD_GATEWAY, "content_type": "text/html"}]
        ),
        "getupdates_invalid_json": raw_get_updates(
            [answer for name, answer in PROXY_ANSWERS.items() if name != "an HTML 502 page"]
        ),
        "sendmessage_500": send_message_500,
        "sqlite_locked": lock_sqlite,
        "webhook_instance_killed": kill_one_instance,
        "flood_messages": flood("flood_messages"),
        "flood_drafts": flood("flood_drafts"),
    }
    if postgres is not None:
        injectors["postgres_stopped"] = stop_and_start(postgres, 2, 6)
    if redis is not None:
        injectors["redis_stopped"] = stop_and_start(redis, 2, 5)
    applicants = [
        Applicant(stage.api, FIRST_APPLICANT + n, expected, think=think, seed=f"{kind}-{n}")
        for n in range(count)
    ]
    tasks = [
        asyncio.create_task(stage.supervise()),
        asyncio.create_task(injectors[kind](stage)),
    ]
    try:
        await asyncio.wait_for(asyncio.gather(*(a.run() for a in applicants)), SCENARIO_LIMIT)
    except TimeoutError:
        stage.result.notes.append("time limit reached")
        for applicant in applicants:
            if not (applicant.stuck or applicant.done):
                applicant._stuck("time limit reached")
    stage.finished.set()
    await asyncio.gather(*tasks, return_exceptions=True)
    stage.api.clear_faults()
    if redis is not None and redis.process is None:
        redis.start()
    # The faults are over: the bot finishes what it received, then is stopped cleanly.
    await drained(stage.database_url, 120)
    for instance in stage.instances:
        if instance.exited() and not instance.down:
            stage.result.restarts += 1
        if instance.down or instance.exited():
            continue
        code = await instance.stop()
        if code != 0:
            stage.result.notes.append(f"{instance.name} stopped with code {code}")
    check(stage, applicants, expected)
    window = stage.flood_window
    for applicant in applicants:
        for at, seconds in applicant.latencies:
            if window is None or window[0] <= at <= window[1]:
                stage.result.latencies.append(seconds)
    if window is not None:
        unanswered = sum(1 for s in stage.result.latencies if s >= RETRY_AFTER)
        stage.result.notes.append(
            f"others answered {len(stage.result.latencies)} time(s) during the flood,"
            f" {unanswered} left {RETRY_AFTER:.0f} s without the next question"
        )
    if not stage.result.ok():  # the bot's side of the story, for whoever looks
        kept = Path(tempfile.gettempdir()) / f"chaos-logs-{kind}"
        kept.mkdir(exist_ok=True)
        for log in stage.workdir.rglob("*.log"):
            (kept / f"{log.parent.name}-{log.name}").write_bytes(log.read_bytes())
        stage.result.notes.append(f"the bot's logs: {kept}")


# -- the report ----------------------------------------------------------------------------------


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


async def main(kinds: list[str], applicants: int, seed: int, think: float) -> int:
    expected = Expected.of_script()
    print(
        f"bench_chaos: {applicants} applicants x {len(expected.answers)} answers per kind of"
        f" fault (0 to {think} s to answer each), seed {seed}; load average {load()}"
    )
    results: list[Result] = []
    for kind in kinds:
        if kind == "postgres_stopped" and not postgres_available():
            print(f"  {kind}: skipped (no PostgreSQL binaries)")
            continue
        if kind == "redis_stopped" and not redis_available():
            print(f"  {kind}: skipped (no redis-server)")
            continue
        result = await scenario(kind, applicants, seed, expected, think)
        results.append(result)
        print(
            f"  {kind:<26} injected {result.injected:>4}  lost {result.lost}  twice"
            f" {result.twice}  wrong question {result.wrong}  exits by itself"
            f" {result.restarts}  p99 {result.p99():.2f} s"
            f"{' (others, during the flood)' if result.flood else ''}"
            f"  [{result.wall:.0f} s]  {'OK' if result.ok() else 'MISSED'}",
            flush=True,
        )
        for note in result.notes[:8]:
            print("      " + note.replace("\n", "\n      "))
    print(f"load average {load()}")
    header = (
        "| fault | injected | answers lost | applied twice | wrong question | exits by itself"
        " | p99 reply |"
    )
    print(header)
    print("|" + " --- |" * 7)
    for r in results:
        p99 = f"{r.p99():.2f} s" + (" (others, flood)" if r.flood else "")
        print(
            f"| {r.kind} | {r.injected} | {r.lost} | {r.twice} | {r.wrong} | {r.restarts} | {p99} |"
        )
    missed = [r.kind for r in results if not r.ok()]
    if missed:
        print(f"goals missed: {', '.join(missed)}")
        return 1
    print("all goals met: 0 lost, 0 twice, 0 wrong question, 0 exits, flood p99 < 1 s")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=8)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--think", type=float, default=1.0, help="most seconds to answer")
    parser.add_argument("--only", nargs="*", choices=KINDS, default=list(KINDS))
    options = parser.parse_args()
    try:
        code = asyncio.run(
            asyncio.wait_for(
                main(options.only, options.applicants, options.seed, options.think), 3600
            )
        )
    except TimeoutError:
        print("bench_chaos FAILED: time limit")
        code = 2
    sys.exit(code)
