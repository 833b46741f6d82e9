"""What a user reads when the database refuses a row.

A unique index or a check constraint is the last guard of a rule: two imports running at once
both see a code as free, and only the index stops the second one. PostgreSQL's own text
("duplicate key value violates unique constraint ...") names tables and indexes the user never
saw. Odoo turns such an error into the constraint's translated message when the error reaches
its RPC layer (`odoo.service.model.retrying`); code that catches the error itself, to name the
refused row of a file, must give the same message, with Odoo's own function.
"""

import psycopg2


def refusal_message(env, error):
    """The message to show for `error` (a psycopg2 error or an Odoo exception).

    The cursor of `env` must be usable again: call this once the savepoint that failed has been
    rolled back, as Odoo reads the constraint's message from the database."""
    if not isinstance(error, psycopg2.Error):
        return error.args[0] if error.args else str(error)
    # the model owning the refused table, found as Odoo's RPC layer finds it
    model = env["base"]
    for model_class in env.registry.values():
        if model_class._table == error.diag.table_name:
            model = env[model_class._name]
            break
    return model._sql_error_to_message(error)
