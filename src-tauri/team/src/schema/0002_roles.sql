-- Who may do what in a team is PostgreSQL's to say, through three group roles:
--   folio_reader  reads the team and its log (pulls);
--   folio_editor  a reader that also adds to the log (pushes);
--   folio_admin   an editor that also changes the team's record and gives the reader and editor
--                 roles to other logins.
-- A member's login role is granted one of them (README: "Adding a member"). Roles belong to the
-- whole PostgreSQL server, not to one database: they are made only when missing, so a second team
-- on the same server (or a server where IT made them first) installs too.
DO $$
DECLARE
    made_admin boolean := false;
BEGIN
    -- Two teams installing at once on one server may both find a role missing: the second
    -- waits for the first and then finds it made.
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'folio_reader') THEN
        BEGIN
            CREATE ROLE folio_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'folio_editor') THEN
        BEGIN
            CREATE ROLE folio_editor NOLOGIN IN ROLE folio_reader;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'folio_admin') THEN
        BEGIN
            CREATE ROLE folio_admin NOLOGIN IN ROLE folio_editor;
            made_admin := true;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;
    IF made_admin THEN
        -- An admin gives the reader and editor roles to the team's logins.
        GRANT folio_reader, folio_editor TO folio_admin WITH ADMIN OPTION;
    END IF;
END
$$;

-- Nothing for a login that holds none of the roles. (New schemas and tables give PUBLIC nothing;
-- said here so that it stays so.)
REVOKE ALL ON SCHEMA folio FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA folio FROM PUBLIC;

GRANT USAGE ON SCHEMA folio TO folio_reader;
GRANT SELECT ON folio.schema_migrations, folio.team, folio.log TO folio_reader;
-- A push: `INSERT … ON CONFLICT (uid) DO NOTHING` under the advisory lock, then `pg_notify`
-- (both functions are open to every role).
GRANT INSERT ON folio.log TO folio_editor;
GRANT UPDATE ON folio.team TO folio_admin;

-- Every action carries the database role that pushed it: set by the server, whatever the
-- client sent. `session_user` is the login, even after a `SET ROLE`.
CREATE FUNCTION folio.log_pushed_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.pushed_by := session_user;
    RETURN NEW;
END
$$;
CREATE TRIGGER log_pushed_by BEFORE INSERT ON folio.log
    FOR EACH ROW EXECUTE FUNCTION folio.log_pushed_by();

-- Where the installer owns the database, only the roles above may connect to it at all.
DO $$
BEGIN
    IF pg_catalog.pg_has_role(
        (SELECT datdba FROM pg_catalog.pg_database WHERE datname = current_database()),
        'USAGE'
    ) THEN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO folio_reader', current_database());
    END IF;
END
$$;
