"""The staff's commands, in one place.

The staff chat's command menu (setMyCommands, scope: that chat alone) and the list `/aide`
and `/start` give in the staff group both read `STAFF_MENU`, in its order; each command's
one-line description is the macro `cmd_<name>` of `templates/messages/staff.html.j2`. A new
staff command (the web console's `/console`, say) is added to this tuple and gets its
`cmd_` macro; a test checks that every staff command the routers handle is listed here.
"""

from __future__ import annotations

STAFF_MENU: tuple[str, ...] = (
    # questions and answers
    "tickets",
    "repondre",
    "ecrire",
    "clore",
    "faq",
    "faq_liste",
    "faq_modifier",
    "faq_question",
    "faq_supprimer",
    # dossiers
    "dossiers",
    "dossier",
    "export",
    "stats",
    # everyone
    "annonce",
    # the web console
    "console",
    # this list
    "aide",
)
