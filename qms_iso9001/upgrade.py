"""What an upgrade of the addons does beyond Odoo's own module update."""

from odoo.tools import convert_file


def reload_record_rules(env, module, filename):
    """Load a record-rule file again over the rules already in the database.

    Rule files are `noupdate` so that an agency's own adjustments survive ordinary updates; when
    a release tightens who may read what, an update alone would leave existing databases on the
    looser rules. Loading the file in `init` mode writes the released rules over them.
    """
    convert_file(env, module, filename, {}, mode="init", noupdate=True)
