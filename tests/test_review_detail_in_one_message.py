"""A section's detail is split only when Telegram's size requires it.

A tester opened « 🔎 Organisation » at the recap: 15 lines, then « Organisation (suite) »
for the two lines left. One Telegram message holds 4096 characters; a section far shorter
than that comes in one message.
"""

from __future__ import annotations

from dialogs.events import Choose, Command
from tests.support import Walk, script_lines


def test_the_organisations_detail_comes_in_one_message() -> None:
    walk = Walk()
    for line in script_lines():
        walk.send(line)
    walk.send(Command("review"))
    walk.send(Choose("review", "_show:organisation"))
    details = [m for m in walk.last.messages if "<b>Organisation</b>" in m.html]
    assert len(details) == 1, walk.text
    assert "(suite)" not in walk.text
    assert "Personne à contacter" in details[0].html and "Téléphone" in details[0].html
