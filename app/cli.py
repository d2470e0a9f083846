"""The `aap-bot` command line (click): demo, check-call, export, summaries, import, render, ask,
schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from app.settings import Settings, settings_problems

if TYPE_CHECKING:
    from app.event_loop import LoopFactory
    from dialogs.catalog import CallCatalog

T = TypeVar("T")


def _settings(call: Path | None = None) -> Settings:
    """The settings, with `--call FILE` (when given) in place of CALL_FILE. A setting that
    does not validate ends the command (code 2) with one line per setting, named as it is
    written in the environment or `.env`, and what it should be."""
    from pydantic import ValidationError

    try:
        return Settings(call_file=call) if call is not None else Settings()
    except ValidationError as error:
        problems = settings_problems(error)
        for line in problems:
            click.echo(line, err=True)
        click.echo(
            f"Corrigez {'ce réglage' if len(problems) == 1 else 'ces réglages'} (variable "
            "d'environnement ou fichier .env, voir .env.example), puis relancez.",
            err=True,
        )
        sys.exit(2)


def _calls(settings: Settings) -> CallCatalog:
    """The configured calls; a call file that does not validate ends the command (code 2)
    with one line per problem, naming the file, the line and the key."""
    from dialogs.catalog import CallCatalog
    from dialogs.spec import SpecError
    from dialogs.texts import counted

    try:
        return CallCatalog.load(call_id=settings.call_id, call_file=settings.call_file)
    except SpecError as error:
        for where, message in error.problems:
            click.echo(f"{error.path}:{where}: {message}", err=True)
        problems = counted(len(error.problems), "problème")
        click.echo(f"L'appel à projets configuré n'est pas valide ({problems}).", err=True)
    except KeyError:
        click.echo(
            f"CALL_ID inconnu : {settings.call_id} (aucun appel livré ne porte cet identifiant).",
            err=True,
        )
    sys.exit(2)


call_option = click.option(
    "--call",
    "call",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier d'appel à projets (YAML) à utiliser au lieu de CALL_ID (comme CALL_FILE).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Assistant de candidature à l'appel à projets « Axe 3 : Parcours insertion emploi »."""


@main.command()
@click.option("--new", "new", is_flag=True, help="Commencer un nouveau dossier.")
@call_option
def demo(new: bool, call: Path | None) -> None:
    """L'entretien de candidature dans le terminal (sans Telegram)."""
    from app.bootstrap import bootstrap
    from app.terminal import run_terminal

    settings = _settings(call)
    app = bootstrap(settings, calls=_calls(settings))
    try:
        code = run_terminal(
            app.service, drafts_dir=app.settings.drafts_dir, new=new, support=app.support
        )
    except KeyboardInterrupt:
        click.echo("\nÀ bientôt ! Vos réponses sont enregistrées.")
        code = 0
    finally:
        app.close()
    sys.exit(code)


@main.command()
@call_option
@click.option(
    "--supervise",
    is_flag=True,
    help="Relancer le bot aussitôt s'il s'arrête anormalement, depuis un processus qui a "
    "déjà tout chargé (redémarrage en une fraction du démarrage à froid).",
)
def run(call: Path | None, supervise: bool) -> None:
    """Le bot Telegram (long polling, ou webhook si WEBHOOK_URL) ; BOT_TOKEN est obligatoire."""
    import asyncio

    from app.settings import console_url_problem, token_problem, webhook_secret_problem

    settings = _settings(call)
    problem = token_problem(settings.bot_token)
    if problem is not None:
        reason = "absent" if problem == "missing" else "mal formé"
        click.echo(
            f"BOT_TOKEN {reason} : indiquez le jeton donné par @BotFather dans la variable "
            f"d'environnement BOT_TOKEN (ou le fichier .env). / BOT_TOKEN is {problem}.",
            err=True,
        )
        sys.exit(2)
    if settings.webhook_url:
        problem = webhook_secret_problem(settings.webhook_secret)
        if problem is not None:
            click.echo(
                f"WEBHOOK_SECRET {'absent' if problem == 'missing' else 'mal formé'} : le mode "
                "webhook (WEBHOOK_URL) exige un secret de 1 à 256 caractères A-Z a-z 0-9 _ -. "
                f"/ WEBHOOK_SECRET is {problem}.",
                err=True,
            )
            sys.exit(2)
    problem = console_url_problem(settings.console_url)
    if problem is not None:
        click.echo(
            "CONSOLE_URL invalide : indiquez l'adresse de la console telle que l'équipe "
            f"l'ouvre, par exemple https://aap.example.org/console. / CONSOLE_URL {problem}.",
            err=True,
        )
        sys.exit(2)
    from app.bootstrap import bootstrap
    from bot.app import run_bot
    from bot.logs import configure_logging

    assert settings.bot_token is not None
    secrets = [settings.bot_token.get_secret_value()]
    if settings.webhook_secret is not None and len(settings.webhook_secret) >= 8:
        secrets.append(settings.webhook_secret.get_secret_value())  # (a short one would mangle)
    configure_logging(settings.log_level, secrets=secrets)

    calls = _calls(settings)  # read once: a supervised restart (below) reuses them
    new_loop = _event_loop(settings)

    def serve() -> int:
        app = _until_ready(lambda: bootstrap(settings, calls=calls, channel="telegram"))
        try:
            with asyncio.Runner(loop_factory=new_loop) as runner:
                return runner.run(run_bot(app))
        finally:
            app.close()

    if not supervise:
        sys.exit(serve())
    from app.supervisor import preload
    from app.supervisor import supervise as restart_on_exit

    preload()
    sys.exit(restart_on_exit(serve))


def _event_loop(settings: Settings) -> LoopFactory | None:
    """The event loop factory EVENT_LOOP names (the bot logs the loop it runs on); a missing
    uvloop when it is required ends the command (code 2)."""
    from app.event_loop import LoopUnavailable, loop_factory

    try:
        return loop_factory(settings.event_loop)[0]
    except LoopUnavailable:
        click.echo(
            "EVENT_LOOP=uvloop, mais uvloop n'est pas installé : installez-le (Linux et macOS "
            "seulement ; `make install` le fait) ou choisissez EVENT_LOOP=auto. / uvloop is "
            "not installed.",
            err=True,
        )
        sys.exit(2)


def _until_ready(start: Callable[[], T]) -> T:
    """`start()`, retried while the database is unreachable or locked (logged once); SIGTERM
    or SIGINT meanwhile exits 0. Any other error is a configuration error: it is raised."""
    import logging
    import signal
    import time

    from bot.retry import Backoff, FailureStreak, is_transient

    def leave(signum: int, frame: object) -> None:
        raise SystemExit(0)

    previous = {sig: signal.signal(sig, leave) for sig in (signal.SIGTERM, signal.SIGINT)}
    backoff = Backoff()
    streak = FailureStreak(logging.getLogger("app.cli"), "opening the database")
    try:
        while True:
            try:
                ready = start()
            except Exception as error:
                if not is_transient(error):
                    raise
                delay = backoff.next_delay()
                streak.failed(error, delay)
                time.sleep(delay)
                continue
            streak.succeeded()
            return ready
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@main.command("check-call")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@call_option
def check_call(files: tuple[Path, ...], call: Path | None) -> None:
    """Valider des fichiers d'appel à projets et leur formulaire d'entretien (sans argument :
    ceux livrés et, s'il est réglé, CALL_FILE)."""
    from dialogs.spec import SpecError, load_spec, shipped_spec_paths
    from dialogs.texts import counted

    paths = [*files, *([call] if call is not None else [])]
    if not paths:
        configured = _settings().call_file
        paths = [*shipped_spec_paths(), *([configured] if configured is not None else [])]
    failed = False
    for path in paths:
        try:
            spec = load_spec(path)
        except SpecError as error:
            failed = True
            for where, message in error.problems:
                click.echo(f"{error.path}:{where}: {message}", err=True)
            click.echo(f"{path}: ERREUR ({counted(len(error.problems), 'problème')})")
        else:
            click.echo(f"{path}: OK ({spec.identity.full_title})")
    sys.exit(1 if failed else 0)


@main.command("export")
@click.argument("number", required=False, type=int)
@click.option("--all", "all_", is_flag=True, help="Exporter tous les dossiers (liste JSON).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Fichier de sortie.")
def export(number: int | None, all_: bool, output: Path | None) -> None:
    """Exporter un dossier en JSON (sans numéro : le dossier en cours du terminal)."""
    from storage.repository import SqlStore
    from storage.transfer import export_all, export_dossier

    settings = _settings()
    store = SqlStore(settings.database_url)
    try:
        with store.transaction() as repo:
            if all_:
                text = export_all(repo)
            else:
                if number is None:
                    user = repo.get_user("terminal:local")
                    number = user.active_dossier_id if user else None
                    if number is None:
                        dossiers = repo.list_dossiers()
                        number = dossiers[-1].id if dossiers else None
                if number is None or repo.get_dossier(number) is None:
                    click.echo("Aucun dossier à exporter.", err=True)
                    sys.exit(1)
                text = export_dossier(repo, number)
    finally:
        store.dispose()
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Dossier exporté : {output}", err=True)


@main.command("summaries")
def summaries() -> None:
    """Calculer le résumé de chaque dossier pour l'équipe (listes, statistiques, exports).

    Utile une fois après une mise à jour du programme ou un import en nombre : sinon la
    première liste de l'équipe s'en charge (4 ms environ par dossier)."""
    from app.clock import SystemClock
    from dialogs.staff import StaffService
    from storage.repository import SqlStore
    from storage.transfer import export_all

    settings = _settings()
    calls = _calls(settings)
    store = SqlStore(settings.database_url)
    try:
        staff = StaffService(
            specs=calls.get,
            store=store,
            clock=SystemClock(),
            drafts=None,
            json_export=export_all,
            default_call_id=calls.default_id,
        )
        count = staff.refresh_summaries()
    finally:
        store.dispose()
    from dialogs.texts import counted

    click.echo(f"Résumés calculés : {counted(count, 'dossier')}.")


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--owner", default="terminal:local", show_default=True)
@click.option("--replace", is_flag=True, help="Remplacer un dossier de même identifiant.")
def import_(file: Path, owner: str, replace: bool) -> None:
    """Importer un dossier exporté en JSON."""
    from pydantic import ValidationError

    from storage.repository import SqlStore
    from storage.transfer import ImportConflict, import_dossier

    settings = _settings()
    store = SqlStore(settings.database_url)
    try:
        with store.transaction() as repo:
            stored = import_dossier(
                repo, file.read_text(encoding="utf-8"), owner=owner, replace=replace
            )
            if repo.get_user(owner) is None or owner == "terminal:local":
                repo.upsert_user(owner=owner, seen_at=dt.datetime.now(dt.UTC))
                repo.set_active_dossier(owner=owner, dossier_id=stored.id)
    except ImportConflict as error:
        click.echo(f"Import refusé : {error}", err=True)
        sys.exit(1)
    except (ValidationError, ValueError) as error:
        click.echo(f"Import refusé : ce fichier n'est pas un dossier valide.\n{error}", err=True)
        sys.exit(1)
    finally:
        store.dispose()
    click.echo(f"Dossier importé : n° {stored.id}")


@main.command()
@click.argument(
    "dossier_files",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "docx", "pdf", "xlsx", "all"]),
    default="all",
    show_default=True,
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
)
@call_option
def render(dossier_files: tuple[Path, ...], fmt: str, output: Path, call: Path | None) -> None:
    """Produire les documents de dossiers exportés : plan d'actions (Markdown, Word, PDF),
    courrier et déclaration sur l'honneur (Word), budget CERFA (XLSX)."""
    from pydantic import ValidationError

    from app.bootstrap import make_clock
    from dialogs.dossier import Dossier
    from drafts import write_drafts

    settings = _settings(call)
    calls = _calls(settings)
    dossiers = []
    for dossier_file in dossier_files:
        try:
            dossier = Dossier.model_validate_json(dossier_file.read_text(encoding="utf-8"))
        except (ValidationError, ValueError, UnicodeDecodeError) as error:
            click.echo(f"{dossier_file} n'est pas un dossier valide :\n{error}", err=True)
            sys.exit(1)
        try:
            # An explicit --call is the call to render with; else the dossier's own call.
            spec = calls.default if call is not None else calls.get(dossier.call_id)
        except KeyError:
            click.echo(
                f"Appel à projets inconnu : {dossier.call_id} (précisez-le avec --call FICHIER).",
                err=True,
            )
            sys.exit(1)
        dossiers.append((spec, dossier))
    today = make_clock(settings).now().date()
    formats = {"md", "docx", "pdf", "xlsx"} if fmt == "all" else {fmt}
    notes: list[str] = []
    for spec, dossier in dossiers:
        drafts = write_drafts(spec, dossier, today, output, formats)
        for file in drafts.files:
            click.echo(str(output / file.name))
        notes.extend(note for note in drafts.notes if note not in notes)
    for note in notes:
        click.echo(note, err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Une réponse JSON par ligne.")
@click.argument("question")
@call_option
def ask(question: str, as_json: bool, call: Path | None) -> None:
    """Interroger la base de connaissances (QUESTION, ou - pour lire l'entrée standard)."""
    from knowledge.cli import ask_command

    spec = _calls(_settings(call)).default
    sys.exit(ask_command(question, as_json, call_path=spec.source_path))


@main.command()
def schema() -> None:
    """Afficher le schéma JSON du format d'export des dossiers."""
    from storage.schema import dossier_json_schema

    click.echo(json.dumps(dossier_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
