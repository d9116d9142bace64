"""Helpers for migrations that move models from one app to another without moving their data.

The tables stay (renamed); what must follow them are the content types: the change history and
the access log (django-auditlog) point at a model through its content type, so the history of
a moved record must keep pointing at it under its new app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.migrations.operations.base import Operation

RunPythonFunc = Callable[[Any, Any], None]


def move_content_types(
    old_app: str, new_app: str, models: list[str]
) -> tuple[RunPythonFunc, RunPythonFunc]:
    """A RunPython pair moving the content types of ``models`` from ``old_app`` to ``new_app``
    (and back). If the new one exists already, history and permissions are repointed to it."""

    def move(from_app: str, to_app: str) -> RunPythonFunc:
        def run(apps: Any, schema_editor: Any) -> None:
            ContentType = apps.get_model("contenttypes", "ContentType")
            LogEntry = apps.get_model("auditlog", "LogEntry")
            Permission = apps.get_model("auth", "Permission")
            db = schema_editor.connection.alias
            for model in models:
                old = ContentType.objects.using(db).filter(app_label=from_app, model=model).first()
                if old is None:
                    continue
                new = ContentType.objects.using(db).filter(app_label=to_app, model=model).first()
                if new is None:
                    old.app_label = to_app
                    old.save(update_fields=["app_label"])
                    continue
                LogEntry.objects.using(db).filter(content_type=old).update(content_type=new)
                Permission.objects.using(db).filter(content_type=old).delete()
                old.delete()

        return run

    return move(old_app, new_app), move(new_app, old_app)


class AddIndexToLibraryModel(Operation):
    """Add ``index`` to a model of another app (a library's, such as auditlog's LogEntry, whose
    migrations are not ours to change), through the schema editor on every database. The
    index is not part of any app's model state, so makemigrations leaves it alone."""

    reversible = True

    def __init__(self, app_label: str, model_name: str, index: models.Index) -> None:
        self.target_app, self.model_name, self.index = app_label, model_name, index

    def state_forwards(self, app_label: str, state: Any) -> None:
        """The model's state stays the library's."""

    def _model(self, state: Any) -> Any:
        return state.apps.get_model(self.target_app, self.model_name)

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = self._model(to_state)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        model = self._model(from_state)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.remove_index(model, self.index)

    def describe(self) -> str:
        return f"Create index {self.index.name} on {self.target_app}.{self.model_name}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"app_label": self.target_app, "model_name": self.model_name, "index": self.index}
        return (self.__class__.__qualname__, [], kwargs)
