"""A province on one instance: fills the bench database with agencies, units, people, procedures
and a year of dossiers, fast (issue 16).

What has few rows and intricate invariants is made by the ORM: the agencies (companies, with
their partner, calendar and defaults), their units, the fields and procedures with their ISO flows,
the applicants, and one template user and employee of each kind. What has many rows is written by
plain SQL: the users and employees are copies of the ORM-made templates (every column, so every
default the ORM set is kept, with the agency, unit, login and names changed), and the dossiers,
their hand-overs and their day numbers come from one `INSERT ... SELECT generate_series` each.

The dossiers follow the ORM's rules: a code `<agency>-YYMMDD-NNNN` numbered 1..N per agency and
local day with its number row, a reception by the agency's desk, an appointment date, hand-overs
to the procedure's unit and back to the desk, and states spread over the year before the run:
returned early, on time or late, refused, withdrawn, resolved and waiting to be returned, and
still open (received, in progress, waiting for a supplement), on time or overdue. The holder
(`current_step_id`, `current_user_id`, `current_department_id`) is the open hand-over's.

Parameters from the environment: BENCH_AGENCIES (200), BENCH_UNITS (30 per agency, the first one
being the one-stop desk), BENCH_DOSSIERS (300,000), BENCH_USERS_PER_UNIT (2), BENCH_PROCEDURES
(20 per agency). The run is marked in `ir.config_parameter` with its parameters; a second run
with the same parameters does nothing, one with other parameters is refused (build another
database).
"""

import json
import logging
import os
import time

_logger = logging.getLogger(__name__)

MARK_KEY = "qms_bench.scale_data"
TZ = "Asia/Ho_Chi_Minh"
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "no_reset_password": True,
    "active_test": False,
}
HANDLER = "qms_iso9001_tthc.group_qms_tthc_handler"
ONE_STOP = "qms_iso9001_tthc.group_qms_tthc_one_stop"
ENVIRONMENT = (
    "BENCH_AGENCIES",
    "BENCH_UNITS",
    "BENCH_DOSSIERS",
    "BENCH_USERS_PER_UNIT",
    "BENCH_PROCEDURES",
)
FIELD_NAMES = ("Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh")


def parameters(**overrides):
    """The generator's parameters: the environment's, or the defaults, or `overrides`."""
    params = {
        "agencies": int(os.environ.get("BENCH_AGENCIES") or 200),
        "units": int(os.environ.get("BENCH_UNITS") or 30),
        "dossiers": int(os.environ.get("BENCH_DOSSIERS") or 300_000),
        "users_per_unit": int(os.environ.get("BENCH_USERS_PER_UNIT") or 2),
        "procedures": int(os.environ.get("BENCH_PROCEDURES") or 20),
    }
    params.update({key: value for key, value in overrides.items() if value})
    if params["units"] < 2:
        raise ValueError("BENCH_UNITS must be at least 2: the desk and one unit")
    return params


def explicit_parameters():
    """Whether a BENCH_* parameter of the generator is set in the environment."""
    return any(os.environ.get(name) for name in ENVIRONMENT)


def generated(env):
    """The parameters the database was generated with, or None."""
    mark = env["ir.config_parameter"].sudo().get_param(MARK_KEY)
    return json.loads(mark) if mark else None


def agencies(env):
    """The generated agencies, in order."""
    return env["res.company"].sudo().search([("qms_agency_code", "=like", "BX%")], order="id")


def generate(env, log=_logger.info, **overrides):
    """Fill the database once; returns the parameters and the seconds each phase took."""
    params = parameters(**overrides)
    done = generated(env)
    if done:
        if {k: done.get(k) for k in params} != params:
            raise RuntimeError(
                f"this database holds scale data generated with {done}, not {params}: "
                "drop it or use another database"
            )
        log(f"scale data already generated: {done}")
        return done
    env = env(su=True, context={**env.context, **CONTEXT})
    timings = {}
    for name, phase in (
        ("agencies", _agencies),
        ("units", _units),
        ("users", _users),
        ("procedures", _procedures),
        ("applicants", _applicants),
        ("dossiers", _dossiers),
        ("steps", _steps),
        ("holders", _holders),
        ("indexes", _indexes),
        ("analyze", _analyze),
    ):
        start = time.perf_counter()
        phase(env, params)
        env.flush_all()
        timings[name] = round(time.perf_counter() - start, 1)
        log(f"scale data: {name} in {timings[name]} s")
    env.invalidate_all()
    mark = {**params, "seconds": timings}
    env["ir.config_parameter"].set_param(MARK_KEY, json.dumps(mark))
    env.cr.commit()
    start = time.perf_counter()
    _vacuum(env.cr)
    log(f"scale data: vacuum in {round(time.perf_counter() - start, 1)} s")
    return mark


def _vacuum(cr):
    """Clear the dead versions `_holders` left and fill the visibility map, which VACUUM does
    only outside a transaction: else the first lists read the dead index entries (the handler's
    "Overdue" search took 82-102 ms at 3,000,000 dossiers instead of 12-22 ms after it)."""
    connection = cr._cnx  # the bench's own connection, between two transactions
    connection.autocommit = True
    try:
        for table in BULK_TABLES:
            cr.execute(f'VACUUM ANALYZE "{table}"')
    finally:
        connection.autocommit = False


# ---------------------------------------------------------------------------- ORM phases
def _agencies(env, params):
    Company = env["res.company"]
    vals = []
    for index in range(1, params["agencies"] + 1):
        values = {"name": f"UBND xã Thử Quy Mô {index:03d}", "qms_agency_code": f"BX{index:03d}"}
        if "iap_enrich_auto_done" in Company._fields:
            values["iap_enrich_auto_done"] = True
        vals.append(values)
    Company.create(vals)


def _units(env, params):
    vals = []
    for company in agencies(env):
        vals.append({"name": "Bộ phận Một cửa", "company_id": company.id})
        vals.extend(
            {"name": f"Phòng chuyên môn {unit:02d}", "company_id": company.id}
            for unit in range(2, params["units"] + 1)
        )
    env["hr.department"].create(vals)


def _template_user(env, company, unit, login, group):
    user = env["res.users"].create(
        {
            "name": f"Mẫu {login}",
            "login": login,
            "group_ids": [(6, 0, [env.ref(group).id])],
            "company_id": company.id,
            "company_ids": [(6, 0, company.ids)],
            "tz": TZ,
        }
    )
    env["hr.employee"].create(
        {"name": user.name, "user_id": user.id, "department_id": unit.id, "company_id": company.id}
    )
    return user


def _columns(cr, table):
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cr.fetchall()]


def _clone(cr, table, template_id, source, overrides):
    """Insert one copy of the template row per row of `source` (a temporary table): every
    column as the ORM wrote it, except `overrides` {column: SQL expression over s.*}."""
    columns = _columns(cr, table)
    exprs = [overrides.get(column, f't."{column}"') for column in columns]
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f'INSERT INTO "{table}" (id, {names})'
        f' SELECT s.{table}_new, {", ".join(exprs)} FROM {source} s, "{table}" t'
        " WHERE t.id = %s",
        [template_id],
    )


def _users(env, params):
    """One template user and employee per kind (desk, handler) made by the ORM in the first
    agency, then copied by SQL to every unit of every agency."""
    cr = env.cr
    companies = agencies(env)
    first = companies[0]
    Department = env["hr.department"]
    desk0 = Department.search([("company_id", "=", first.id)], order="id", limit=1)
    unit0 = Department.search([("company_id", "=", first.id), ("id", "!=", desk0.id)], limit=1)
    templates = {
        "desk": _template_user(env, first, desk0, "bx_template_desk", ONE_STOP),
        "unit": _template_user(env, first, unit0, "bx_template_unit", HANDLER),
    }
    env.flush_all()
    cr.execute(
        """
        CREATE TEMP TABLE bench_user ON COMMIT DROP AS
        SELECT d.company_id, d.id AS department_id, c.qms_agency_code AS code,
               (dense_rank() OVER (PARTITION BY d.company_id ORDER BY d.id)) AS unit_no,
               k AS user_no
          FROM hr_department d
          JOIN res_company c ON c.id = d.company_id AND c.qms_agency_code LIKE 'BX%%'
         CROSS JOIN generate_series(1, %s) k
        """,
        [params["users_per_unit"]],
    )
    cr.execute(
        """
        ALTER TABLE bench_user
          ADD COLUMN kind varchar, ADD COLUMN login varchar, ADD COLUMN uname varchar,
          ADD COLUMN res_partner_new int, ADD COLUMN res_users_new int,
          ADD COLUMN resource_resource_new int, ADD COLUMN hr_employee_new int,
          ADD COLUMN hr_version_new int;
        UPDATE bench_user SET
          kind = CASE WHEN unit_no = 1 THEN 'desk' ELSE 'unit' END,
          login = lower(code) || 'u' || lpad(unit_no::text, 2, '0') || 'n' || user_no,
          uname = CASE WHEN unit_no = 1 THEN 'Cán bộ một cửa ' ELSE 'Công chức ' END
                  || code || '.' || unit_no || '.' || user_no,
          res_partner_new = nextval('res_partner_id_seq'),
          res_users_new = nextval('res_users_id_seq'),
          resource_resource_new = nextval('resource_resource_id_seq'),
          hr_employee_new = nextval('hr_employee_id_seq'),
          hr_version_new = nextval('hr_version_id_seq');
        """
    )
    for kind, user in templates.items():
        source = f"(SELECT * FROM bench_user WHERE kind = '{kind}')"
        employee = env["hr.employee"].search([("user_id", "=", user.id)])
        _clone(
            cr,
            "res_partner",
            user.partner_id.id,
            source,
            {"name": "s.uname", "complete_name": "s.uname", "company_id": "s.company_id"},
        )
        _clone(
            cr,
            "res_users",
            user.id,
            source,
            {"login": "s.login", "partner_id": "s.res_partner_new", "company_id": "s.company_id"},
        )
        cr.execute(
            "INSERT INTO res_company_users_rel (cid, user_id)"
            f" SELECT s.company_id, s.res_users_new FROM {source} s"
        )
        cr.execute(
            "INSERT INTO res_groups_users_rel (gid, uid)"
            f" SELECT r.gid, s.res_users_new FROM {source} s, res_groups_users_rel r"
            " WHERE r.uid = %s",
            [user.id],
        )
        _clone(
            cr,
            "resource_resource",
            employee.resource_id.id,
            source,
            {"name": "s.uname", "user_id": "s.res_users_new", "company_id": "s.company_id"},
        )
        _clone(
            cr,
            "hr_employee",
            employee.id,
            source,
            {
                "resource_id": "s.resource_resource_new",
                "user_id": "s.res_users_new",
                "company_id": "s.company_id",
                "work_contact_id": "s.res_partner_new",
                "current_version_id": "NULL",
                "name": "s.uname",
            },
        )
        _clone(
            cr,
            "hr_version",
            employee.current_version_id.id,
            source,
            {
                "employee_id": "s.hr_employee_new",
                "company_id": "s.company_id",
                "department_id": "s.department_id",
                "name": "s.uname",
            },
        )
        cr.execute(
            "UPDATE hr_employee e SET current_version_id = s.hr_version_new"
            f" FROM {source} s WHERE e.id = s.hr_employee_new"
        )
    # the templates are not people of the province
    env.invalidate_all()
    for user in templates.values():
        env["hr.employee"].search([("user_id", "=", user.id)]).active = False
        user.active = False


def _procedures(env, params):
    """Fields, procedures (each owned by a unit, 5 to 14 working days) and their approved
    flows: reception at the desk, the unit's handling, the return at the desk."""
    Field = env["qms.tthc.field"]
    Procedure = env["qms.tthc.procedure"]
    Department = env["hr.department"]
    for company in agencies(env):
        units = Department.search([("company_id", "=", company.id)], order="id")
        desk, others = units[0], units[1:]
        fields_ = Field.create(
            [
                {"name": name, "code": f"F{number}", "company_id": company.id}
                for number, name in enumerate(FIELD_NAMES, start=1)
            ]
        )
        procedures = Procedure.create(
            [
                {
                    "code": f"{1 + company.id // 1000}.{company.id % 1000:03d}{number:03d}",
                    "name": f"Thủ tục thử quy mô {number:02d}",
                    "field_id": fields_[number % len(fields_)].id,
                    "level": "commune",
                    "department_id": others[number % len(others)].id,
                    "company_id": company.id,
                    "processing_time_ids": [
                        (
                            0,
                            0,
                            {"filing_method": "direct", "duration": 5 + number % 10, "unit": "day"},
                        )
                    ],
                }
                for number in range(params["procedures"])
            ]
        )
        env["qms.tthc.flow"].create(
            [
                {
                    "procedure_id": procedure.id,
                    "step_ids": [
                        (0, 0, _flow_step(1, "Tiếp nhận hồ sơ", 0.5, "one_stop", desk)),
                        (
                            0,
                            0,
                            _flow_step(2, "Thẩm định", 4, "specialist", procedure.department_id),
                        ),
                        (0, 0, _flow_step(3, "Trả kết quả", 0.5, "one_stop", desk)),
                    ],
                }
                for procedure in procedures
            ]
        )
    env.flush_all()
    # approved by SQL: the approval chain is measured elsewhere, not what a list reads
    env.cr.execute(
        """
        UPDATE qms_tthc_flow f SET state = 'approved', date_approved = now() at time zone 'UTC'
          FROM res_company c WHERE c.id = f.company_id AND c.qms_agency_code LIKE 'BX%';
        UPDATE qms_tthc_procedure p SET current_flow_id = f.id
          FROM qms_tthc_flow f WHERE f.procedure_id = p.id AND f.state = 'approved';
        """
    )
    env.invalidate_all()


def _flow_step(sequence, name, duration, role, unit):
    return {
        "sequence": sequence,
        "name": name,
        "duration": duration,
        "duration_unit": "day",
        "role": role,
        "department_id": unit.id,
    }


def _applicants(env, params):
    env["res.partner"].create(
        [
            {"name": f"Công dân thử quy mô {number:04d}", "phone": f"09{number:08d}"}
            for number in range(1, 1001)
        ]
    )


# ---------------------------------------------------------------------------- SQL phases
# The tables filled by one big INSERT ... SELECT each. Maintaining their secondary indexes and
# checking their foreign keys row by row cost more than the inserts themselves (1,000,000
# dossiers took 28 min): they are dropped before and built again once the rows are in.
BULK_TABLES = ("qms_tthc_dossier", "qms_tthc_dossier_step", "qms_tthc_dossier_number")


def _bulk_settings(cr):
    """Nothing of the generation survives a crash anyway (one transaction): no wait for the
    WAL flush, and room to sort and to build the indexes in memory."""
    cr.execute(
        "SET LOCAL synchronous_commit = off; SET LOCAL work_mem = '256MB';"
        " SET LOCAL maintenance_work_mem = '1GB'"
    )


def _drop_secondary(cr):
    """Drop the indexes and constraints (all but the primary keys) of BULK_TABLES, keeping
    their exact definitions, as PostgreSQL reports them, in a temporary table."""
    cr.execute(
        """
        CREATE TEMP TABLE bench_ddl ON COMMIT DROP AS
        SELECT 1 AS rank, format('ALTER TABLE %%I DROP CONSTRAINT %%I', t.relname, c.conname)
                 AS drop_sql,
               format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', t.relname, c.conname,
                      pg_get_constraintdef(c.oid)) AS create_sql
          FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
         WHERE t.relname = ANY(%(tables)s) AND c.contype != 'p'
        UNION ALL
        SELECT 2, format('DROP INDEX %%I', ix.relname), pg_get_indexdef(i.indexrelid)
          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
          JOIN pg_class ix ON ix.oid = i.indexrelid
         WHERE t.relname = ANY(%(tables)s)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                            WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
        """,
        {"tables": list(BULK_TABLES)},
    )
    cr.execute("SELECT drop_sql FROM bench_ddl ORDER BY rank")
    for (statement,) in cr.fetchall():
        cr.execute(statement)


def _indexes(env, params):
    """Build again what `_drop_secondary` dropped: the indexes first (the unique ones back the
    constraints that may need them), then the constraints, checked once over all the rows."""
    cr = env.cr
    cr.execute("SELECT create_sql FROM bench_ddl ORDER BY rank DESC")
    for (statement,) in cr.fetchall():
        cr.execute(statement)


def _dossiers(env, params):
    """`dossiers` dossiers, agencies and procedures in turn, received over the 365 days before
    now; state by age (the older, the likelier closed) and by chance."""
    cr = env.cr
    _bulk_settings(cr)
    _drop_secondary(cr)
    cr.execute("SELECT setseed(0.16)")
    cr.execute(
        """
        CREATE TEMP TABLE bench_proc ON COMMIT DROP AS
        SELECT p.id, p.company_id, p.field_id, p.department_id, p.current_flow_id AS flow_id,
               c.qms_agency_code AS code, 5 + (row_number() OVER w - 1) % 10 AS days,
               row_number() OVER w - 1 AS k,
               (SELECT min(u.res_users_new) FROM bench_user u
                 WHERE u.company_id = p.company_id AND u.kind = 'desk') AS desk_user_id
          FROM qms_tthc_procedure p JOIN res_company c ON c.id = p.company_id
         WHERE c.qms_agency_code LIKE 'BX%'
        WINDOW w AS (PARTITION BY p.company_id ORDER BY p.id);
        CREATE INDEX ON bench_proc (company_id, k);
        CREATE TEMP TABLE bench_agency ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) - 1 AS a FROM res_company
         WHERE qms_agency_code LIKE 'BX%';
        CREATE TEMP TABLE bench_applicant ON COMMIT DROP AS
        SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM res_partner
         WHERE name LIKE 'Công dân thử quy mô %';
        """
    )
    cr.execute("SELECT count(*) FROM bench_applicant")
    applicants = cr.fetchone()[0]
    cr.execute(
        """
        WITH base AS (
            SELECT g, ag.id AS company_id, random() AS r_age, random() AS r_state,
                   random() AS r_time
              FROM generate_series(1, %(n)s) g
              JOIN bench_agency ag ON ag.a = g %% %(agencies)s
        ), received AS (
            SELECT b.*, p.id AS procedure_id, p.field_id, p.department_id, p.flow_id, p.code,
                   p.days, p.desk_user_id,
                   (now() at time zone 'UTC') - interval '365 days' * b.r_age AS received_at
              FROM base b
              JOIN bench_proc p ON p.company_id = b.company_id
               AND p.k = (b.g / %(agencies)s) %% %(procedures)s
        ), staged AS (
            SELECT r.*, r.received_at + interval '1 day' * r.days * 1.4 AS appointment_date,
                   CASE
                     WHEN r.r_age > 30.0 / 365 THEN CASE
                       WHEN r.r_state < 0.90 THEN 'returned'
                       WHEN r.r_state < 0.93 THEN 'refused'
                       WHEN r.r_state < 0.95 THEN 'withdrawn'
                       WHEN r.r_state < 0.97 THEN 'resolved'
                       WHEN r.r_state < 0.99 THEN 'in_progress'
                       ELSE 'supplement' END
                     ELSE CASE
                       WHEN r.r_state < 0.20 THEN 'received'
                       WHEN r.r_state < 0.65 THEN 'in_progress'
                       WHEN r.r_state < 0.75 THEN 'supplement'
                       WHEN r.r_state < 0.85 THEN 'resolved'
                       ELSE 'returned' END
                   END AS state
              FROM received r
        ), timed AS (
            SELECT s.*,
                   CASE WHEN s.state IN ('resolved', 'returned') THEN LEAST(
                       s.received_at
                         + (s.appointment_date - s.received_at) * (0.3 + s.r_time * 0.9),
                       s.received_at + ((now() at time zone 'UTC') - s.received_at) * s.r_time)
                   END AS resolved_at,
                   ((s.received_at at time zone 'UTC') at time zone %(tz)s)::date AS day
              FROM staged s
        )
        INSERT INTO qms_tthc_dossier (
            id, name, company_id, procedure_id, field_id, flow_id, department_id, applicant_id,
            applicant_type, applicant_phone, channel, set_count, result_delivery, origin,
            received_at, received_by_id, lookup_pin, counting_start, appointment_date, state,
            resolved_at, returned_at, refused_at, withdrawn_at, timeliness, processing_days,
            supplement_requested_at, supplement_count, active, currency_id,
            create_uid, create_date, write_uid, write_date)
        SELECT nextval('qms_tthc_dossier_id_seq'),
               t.code || '-' || to_char(t.day, 'YYMMDD') || '-'
                 || lpad((row_number() OVER (PARTITION BY t.company_id, t.day
                                             ORDER BY t.received_at, t.g))::text, 4, '0'),
               t.company_id, t.procedure_id, t.field_id, t.flow_id, t.department_id,
               ap.id, 'citizen', '09' || lpad(ap.n::text, 8, '0'),
               CASE WHEN t.g %% 3 = 0 THEN 'online' ELSE 'direct' END, 1,
               CASE WHEN t.g %% 3 = 0 THEN 'online' ELSE 'desk' END, 'desk',
               t.received_at, t.desk_user_id, 'ACDEFG', t.received_at, t.appointment_date,
               t.state, t.resolved_at,
               CASE WHEN t.state = 'returned' THEN LEAST(t.resolved_at + interval '1 day',
                                                          now() at time zone 'UTC') END,
               CASE WHEN t.state = 'refused' THEN t.received_at + interval '2 days' END,
               CASE WHEN t.state = 'withdrawn' THEN t.received_at + interval '1 day' END,
               CASE WHEN t.resolved_at IS NULL THEN NULL
                    WHEN t.resolved_at > t.appointment_date THEN 'late'
                    WHEN t.resolved_at::date < t.appointment_date::date THEN 'early'
                    ELSE 'on_time' END,
               CASE WHEN t.resolved_at IS NOT NULL
                    THEN round((extract(epoch FROM t.resolved_at - t.received_at)
                                / 86400 * 5 / 7)::numeric, 2)
               END,
               CASE WHEN t.state = 'supplement' THEN t.received_at + interval '1 day' END,
               CASE WHEN t.state = 'supplement' THEN 1 ELSE 0 END,
               TRUE, (SELECT id FROM res_currency WHERE name = 'VND'),
               t.desk_user_id, t.received_at, t.desk_user_id, t.received_at
          FROM timed t
          JOIN bench_applicant ap ON ap.n = t.g %% %(applicants)s
        """,
        {
            "n": params["dossiers"],
            "agencies": params["agencies"],
            "procedures": params["procedures"],
            "applicants": applicants,
            "tz": TZ,
        },
    )
    # the day numbers the codes took, as `qms.tthc.dossier.number` hands them out
    cr.execute(
        """
        INSERT INTO qms_tthc_dossier_number (company_id, day, number, create_date, write_date)
        SELECT d.company_id, to_date(split_part(d.name, '-', 2), 'YYMMDD'),
               split_part(d.name, '-', 3)::int, d.received_at, d.received_at
          FROM qms_tthc_dossier d JOIN bench_agency ag ON ag.id = d.company_id
        """
    )


def _steps(env, params):
    """The hand-overs: the desk's reception, the unit's handling, the desk's return; the open
    one holds the dossier (`_holders`)."""
    cr = env.cr
    cr.execute(
        """
        CREATE TEMP TABLE bench_desk ON COMMIT DROP AS
        SELECT company_id, min(department_id) AS desk_id FROM bench_user
         WHERE kind = 'desk' GROUP BY company_id;
        CREATE TEMP TABLE bench_unit_user ON COMMIT DROP AS
        SELECT department_id, user_no, min(res_users_new) AS user_id FROM bench_user
         GROUP BY department_id, user_no;
        CREATE UNIQUE INDEX ON bench_unit_user (department_id, user_no);
        ANALYZE bench_desk;
        ANALYZE bench_unit_user;
        CREATE TEMP TABLE bench_step_src ON COMMIT DROP AS
        SELECT d.id AS dossier_id, d.company_id, d.state, d.received_at, d.appointment_date,
               COALESCE(d.resolved_at, d.refused_at, d.withdrawn_at) AS ended_at, d.returned_at,
               d.resolved_at, d.received_by_id AS desk_user_id, dk.desk_id,
               d.department_id AS unit_id, uu.user_id AS unit_user_id, d.flow_id
          FROM qms_tthc_dossier d
          JOIN bench_desk dk ON dk.company_id = d.company_id
          JOIN bench_unit_user uu ON uu.department_id = d.department_id
           AND uu.user_no = 1 + d.id %% %(per_unit)s
        """,
        {"per_unit": params["users_per_unit"]},
    )
    cr.execute(
        """
        WITH flow_step AS (
            SELECT flow_id, sequence, id, name FROM qms_tthc_step
        ), lines AS (
            -- 1: reception at the desk, done unless the dossier is still just received
            SELECT s.dossier_id, s.company_id, 1 AS seq, s.desk_id AS department_id,
                   s.desk_user_id AS from_user_id, s.desk_user_id AS user_id,
                   s.received_at AS date_start, s.received_at + interval '4 hours' AS deadline,
                   CASE WHEN s.state != 'received' THEN s.received_at + interval '2 hours'
                   END AS date_done,
                   s.flow_id, s.state = 'received' AS is_open
              FROM bench_step_src s
            UNION ALL
            -- 2: the unit's handling, from the reception to the resolution
            SELECT s.dossier_id, s.company_id, 2, s.unit_id, s.desk_user_id, s.unit_user_id,
                   s.received_at + interval '2 hours', s.appointment_date - interval '1 day',
                   CASE WHEN s.state IN ('in_progress', 'supplement') THEN NULL
                        ELSE GREATEST(s.ended_at, s.received_at + interval '2 hours') END,
                   s.flow_id, s.state IN ('in_progress', 'supplement')
              FROM bench_step_src s
             WHERE s.state NOT IN ('received')
               AND NOT (s.state IN ('refused', 'withdrawn')
                        AND s.ended_at < s.received_at + interval '2 hours')
            UNION ALL
            -- 3: the return at the desk
            SELECT s.dossier_id, s.company_id, 3, s.desk_id, s.unit_user_id, s.desk_user_id,
                   s.resolved_at, s.appointment_date,
                   s.returned_at, s.flow_id, s.state = 'resolved'
              FROM bench_step_src s
             WHERE s.state IN ('resolved', 'returned')
        )
        INSERT INTO qms_tthc_dossier_step (
            dossier_id, company_id, flow_step_id, sequence, name, department_id, from_user_id,
            user_id, date_start, deadline, date_done, result, state, create_date, write_date)
        SELECT l.dossier_id, l.company_id, fs.id, l.seq, fs.name, l.department_id,
               l.from_user_id, l.user_id, l.date_start, l.deadline, l.date_done,
               CASE WHEN l.date_done IS NULL THEN NULL
                    WHEN l.date_done > l.deadline THEN 'late'
                    WHEN l.date_done::date < l.deadline::date THEN 'early'
                    ELSE 'on_time' END,
               CASE WHEN l.is_open THEN 'open' ELSE 'done' END,
               l.date_start, COALESCE(l.date_done, l.date_start)
          FROM lines l JOIN flow_step fs ON fs.flow_id = l.flow_id AND fs.sequence = l.seq
        """
    )


def _holders(env, params):
    """The open hand-over holds its dossier. Those dossiers are deleted and inserted again with
    their holder, before the indexes are built, rather than updated: an UPDATE leaves
    heap-only tuple chains, which make PostgreSQL mark the indexes built over them usable only
    by transactions younger than any running one (`pg_index.indcheckxmin`), so that a long
    transaction anywhere on the server turns every list into a full scan; updating after the
    index build instead costs as much as the inserts."""
    holder = {
        "current_step_id": "h.holder_step_id",
        "current_user_id": "h.holder_user_id",
        "current_department_id": "h.holder_department_id",
    }
    columns = _columns(env.cr, "qms_tthc_dossier")
    names = ", ".join(f'"{column}"' for column in columns)
    values = ", ".join(holder.get(column, f'h."{column}"') for column in columns)
    env.cr.execute(
        f"""
        WITH held AS (
            DELETE FROM qms_tthc_dossier d USING qms_tthc_dossier_step st
             WHERE st.dossier_id = d.id AND st.state = 'open'
            RETURNING d.*, st.id AS holder_step_id, st.user_id AS holder_user_id,
                      st.department_id AS holder_department_id
        )
        INSERT INTO qms_tthc_dossier (id, {names}) SELECT h.id, {values} FROM held h
        """
    )


def _analyze(env, params):
    for table in (
        "qms_tthc_dossier",
        "qms_tthc_dossier_step",
        "qms_tthc_dossier_number",
        "res_users",
        "res_partner",
        "hr_employee",
        "hr_version",
        "hr_department",
        "res_groups_users_rel",
        "res_company_users_rel",
    ):
        env.cr.execute(f'ANALYZE "{table}"')


def main():
    """`python bench/scale_data.py <database>` with ODOO_ROOT and ODOO_CONF set (env.sh)."""
    import sys  # noqa: PLC0415

    sys.path.insert(0, os.environ["ODOO_ROOT"])
    from odoo.tools import config  # noqa: PLC0415

    db_name = sys.argv[1]
    config.parse_config(["-c", os.environ["ODOO_CONF"], "-d", db_name, "--log-level=warn"])
    from odoo import api  # noqa: PLC0415
    from odoo.orm.registry import Registry  # noqa: PLC0415

    registry = Registry(db_name)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        print(json.dumps(generate(env, log=print)))


if __name__ == "__main__":
    main()
