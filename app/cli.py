"""The `aap-bot` command line (click): demo, check-call, export, import, render, ask, schema."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from app.settings import Settings

T = TypeVar("T")


def _settings() -> Settings:
    return Settings()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Assistant de candidature à l'appel à projets « Axe 3 : Parcours insertion emploi »."""


@main.command()
@click.option("--new", "new", is_flag=True, help="Commencer un nouveau dossier.")
def demo(new: bool) -> None:
    """L'entretien de candidature dans le terminal (sans Telegram)."""
    from app.bootstrap import bootstrap
    from app.terminal import run_terminal

    app = bootstrap(_settings())
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
def run() -> None:
    """Le bot Telegram (long polling, ou webhook si WEBHOOK_URL) ; BOT_TOKEN est obligatoire."""
    import asyncio

    from app.settings import token_problem, webhook_secret_problem

    settings = _settings()
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
    from app.bootstrap import bootstrap
    from bot.app import run_bot
    from bot.logs import configure_logging

    assert settings.bot_token is not None
    secrets = [settings.bot_token.get_secret_value()]
    if settings.webhook_secret is not None and len(settings.webhook_secret) >= 8:
        secrets.append(settings.webhook_secret.get_secret_value())  # (a short one would mangle)
    configure_logging(settings.log_level, secrets=secrets)
    app = _until_ready(lambda: bootstrap(settings))
    try:
        code = asyncio.run(run_bot(app))
    finally:
        app.close()
    sys.exit(code)


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
def check_call(files: tuple[Path, ...]) -> None:
    """Valider un ou plusieurs fichiers d'appel à projets (sans argument : ceux livrés)."""
    from dialogs.spec import SpecError, load_spec, shipped_spec_paths

    paths = list(files) or shipped_spec_paths()
    failed = False
    for path in paths:
        try:
            spec = load_spec(path)
        except SpecError as error:
            failed = True
            for where, message in error.problems:
                click.echo(f"{path}:{where}: {message}", err=True)
            click.echo(f"{path}: ERREUR ({len(error.problems)} problème(s))")
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
@click.argument("dossier_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["md", "docx", "all"]), default="all", show_default=True
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
)
def render(dossier_file: Path, fmt: str, output: Path) -> None:
    """Produire le brouillon de plan d'actions (Markdown, DOCX) d'un dossier exporté."""
    from pydantic import ValidationError

    from app.bootstrap import make_clock
    from dialogs.dossier import Dossier
    from dialogs.spec import load_shipped_spec
    from drafts import write_drafts

    try:
        dossier = Dossier.model_validate_json(dossier_file.read_text(encoding="utf-8"))
    except (ValidationError, ValueError, UnicodeDecodeError) as error:
        click.echo(f"{dossier_file} n'est pas un dossier valide :\n{error}", err=True)
        sys.exit(1)
    try:
        spec = load_shipped_spec(dossier.call_id)
    except KeyError:
        click.echo(f"Appel à projets inconnu : {dossier.call_id}", err=True)
        sys.exit(1)
    today = make_clock(_settings()).now().date()
    formats = {"md", "docx"} if fmt == "all" else {fmt}
    for path in write_drafts(spec, dossier, today, output, formats):
        click.echo(str(path))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Une réponse JSON par ligne.")
@click.argument("question")
def ask(question: str, as_json: bool) -> None:
    """Interroger la base de connaissances (QUESTION, ou - pour lire l'entrée standard)."""
    from knowledge.cli import ask_command

    sys.exit(ask_command(question, as_json))


@main.command()
def schema() -> None:
    """Afficher le schéma JSON du format d'export des dossiers."""
    from storage.schema import dossier_json_schema

    click.echo(json.dumps(dossier_json_schema(), ensure_ascii=False, indent=2))


if __name__ == "__main__":  # pragma: no cover
    main()
