"""Which calls the product knows, and which one it serves.

The shipped calls (`dialogs/calls/*.yaml`) are always known, so that a dossier started under
an older call still opens with its own form. One more call may be configured by file
(`CALL_FILE`, or `--call FILE` on the command line): it is the one served, and it wins over
a shipped call of the same id (a copy of a shipped call with new dates or a new text).
Otherwise the served call is the shipped one named by `CALL_ID`.
"""

from __future__ import annotations

from pathlib import Path

from dialogs.spec import CallSpec, load_shipped_spec, load_spec


class CallCatalog:
    def __init__(self, *, default_id: str, configured: CallSpec | None = None) -> None:
        self._configured = configured
        self._default_id = configured.identity.id if configured is not None else default_id

    @classmethod
    def load(cls, *, call_id: str, call_file: Path | None = None) -> CallCatalog:
        """The catalog for these settings; `SpecError` when the call file is not valid, or
        `KeyError` when no shipped call has this id."""
        if call_file is not None:
            return cls(default_id=call_id, configured=load_spec(call_file))
        load_shipped_spec(call_id)  # an unknown CALL_ID is a configuration error: say it now
        return cls(default_id=call_id)

    @property
    def default(self) -> CallSpec:
        """The call new dossiers are opened for."""
        return self.get(self._default_id)

    @property
    def default_id(self) -> str:
        return self._default_id

    def get(self, call_id: str) -> CallSpec:
        if self._configured is not None and call_id == self._configured.identity.id:
            return self._configured
        return load_shipped_spec(call_id)
