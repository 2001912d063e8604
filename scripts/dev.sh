#!/usr/bin/env bash
# Interaction Tracker developer entry point.
#
#   scripts/dev.sh run     set everything up, create/update the demo database, serve Odoo
#   scripts/dev.sh test    set everything up, fresh test database, linters, every module test
#                          (pytest-odoo, then Odoo's own runner: see odoo-test)
#   scripts/dev.sh odoo-test  odoo-bin -i interaction_tracker --test-enable on a fresh database
#   scripts/dev.sh lint    flake8 + pylint-odoo only
#   scripts/dev.sh bench   run the benchmarks on a fresh benchmark database
#   scripts/dev.sh i18n    export i18n/interaction_tracker.pot and merge it into i18n/fr.po
#   scripts/dev.sh setup   only the set-up (virtualenv, Odoo, lessc, PostgreSQL, role)
#
# Environment (defaults in brackets): IT_HOME [~/.cache/interaction_tracker],
# IT_PYTHON [pyenv or PATH python3.7], IT_DB [interaction_tracker_demo],
# IT_PORT [8069], IT_TEST_DB [interaction_tracker_test], IT_TEST_PORT [8169],
# PGHOST [localhost], PGPORT [5432], PGUSER [odoo], PGPASSWORD [odoo].
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODULE=interaction_tracker
IT_HOME=${IT_HOME:-$HOME/.cache/interaction_tracker}
IT_DB=${IT_DB:-interaction_tracker_demo}
IT_PORT=${IT_PORT:-8069}
IT_TEST_DB=${IT_TEST_DB:-interaction_tracker_test}
IT_TEST_PORT=${IT_TEST_PORT:-8169}
export PGHOST=${PGHOST:-localhost} PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-odoo} PGPASSWORD=${PGPASSWORD:-odoo}
VENV=$IT_HOME/venv
PY=$VENV/bin/python
NODE_DIR=$IT_HOME/node
# One addons directory per checkout: Odoo finds the module by its name.
CHECKOUT_KEY=$(printf '%s' "$REPO" | md5sum | cut -c1-8)
ADDONS_DIR=$IT_HOME/addons/$CHECKOUT_KEY
MODULE_DIR=$ADDONS_DIR/$MODULE

say() { printf '\033[1m[interaction_tracker]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[interaction_tracker] ERROR:\033[0m %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" = 0 ]; }
stamp_of() { cat "$@" | md5sum | cut -c1-32; }

find_python() {
    local candidates=() c
    [ -n "${IT_PYTHON:-}" ] && candidates+=("$IT_PYTHON")
    for c in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.7.* /root/.pyenv/versions/3.7.*; do
        [ -x "$c/bin/python" ] && candidates+=("$c/bin/python")
    done
    command -v python3.7 >/dev/null 2>&1 && candidates+=("$(command -v python3.7)")
    for c in "${candidates[@]}"; do
        if "$c" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 7))' 2>/dev/null; then
            echo "$c"; return 0
        fi
    done
    die "Python 3.7 is missing (Odoo 11 needs it). Install it (e.g. 'pyenv install 3.7.16') or set IT_PYTHON=/path/to/python3.7."
}

setup_venv() {
    local want
    want=$(stamp_of "$REPO/requirements.txt" "$REPO/requirements-odoo.txt" "$REPO/requirements-test.txt")
    if [ -x "$PY" ] && [ "$(cat "$VENV/.stamp" 2>/dev/null)" = "$want" ]; then
        return 0
    fi
    local base
    base=$(find_python)
    say "creating the Python 3.7 virtualenv in $VENV (from $base)"
    mkdir -p "$IT_HOME"
    [ -x "$PY" ] || "$base" -m venv "$VENV"
    "$PY" -m pip install -q --disable-pip-version-check -r "$REPO/requirements.txt" -r "$REPO/requirements-test.txt" 2>&1 \
        | grep -v "^WARNING: Location" || true
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$REPO/requirements-odoo.txt" 2>&1 \
        | grep -v "^WARNING: Location" || true
    "$PY" -c 'import odoo, phonenumbers, email_validator, pytest_odoo' \
        || die "the virtualenv is incomplete (see the pip messages above)"
    echo "$want" > "$VENV/.stamp"
}

setup_less() {
    if [ -x "$NODE_DIR/node_modules/.bin/lessc" ]; then
        export PATH="$NODE_DIR/node_modules/.bin:$PATH"; return 0
    fi
    command -v npm >/dev/null 2>&1 || {
        if is_root && command -v apt-get >/dev/null; then
            say "installing npm (Debian) for lessc"
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm >/dev/null
        else
            die "npm is missing: install Node.js and npm (needed for lessc, which builds the web client's CSS)."
        fi
    }
    say "installing lessc (npm less 3.x) in $NODE_DIR"
    mkdir -p "$NODE_DIR"
    npm install --silent --no-audit --no-fund --prefix "$NODE_DIR" less@3.13.1 >/dev/null \
        || die "npm could not install less@3.13.1"
    export PATH="$NODE_DIR/node_modules/.bin:$PATH"
}

pg_answers() { pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; }

apt_install() {
    is_root && command -v apt-get >/dev/null || return 1
    say "installing $* from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; }
}

pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

setup_postgres() {
    command -v pg_isready >/dev/null 2>&1 || apt_install postgresql postgresql-contrib \
        || die "PostgreSQL is not installed and cannot be installed here (need root and apt-get): install PostgreSQL 15 or set PGHOST/PGPORT to a running server."
    if ! pg_answers; then
        if is_root; then
            [ -n "$(pg_bindir)" ] || apt_install postgresql postgresql-contrib \
                || die "PostgreSQL server binaries are missing and apt-get failed."
            local cluster
            cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PGPORT" '$3 == p {print $1" "$2; exit}')
            [ -n "$cluster" ] || die "no Debian PostgreSQL cluster listens on port $PGPORT (see pg_lsclusters); set PGPORT."
            say "starting PostgreSQL cluster $cluster"
            # shellcheck disable=SC2086
            pg_ctlcluster $cluster start || die "could not start PostgreSQL cluster $cluster (see /var/log/postgresql)."
            setup_root_role
        else
            local bindir data=$IT_HOME/pgdata
            bindir=$(pg_bindir)
            [ -n "$bindir" ] || die "PostgreSQL server binaries are missing: install the Debian package postgresql."
            if [ ! -f "$data/PG_VERSION" ]; then
                say "creating a project-local PostgreSQL cluster in $data"
                local pwfile; pwfile=$(mktemp); echo "$PGPASSWORD" > "$pwfile"
                "$bindir/initdb" -D "$data" -U "$PGUSER" --pwfile="$pwfile" -A scram-sha-256 >/dev/null
                rm -f "$pwfile"
            fi
            say "starting the project-local PostgreSQL on port $PGPORT"
            "$bindir/pg_ctl" -D "$data" -l "$IT_HOME/postgresql.log" -w \
                -o "-p $PGPORT -k $data -c listen_addresses=localhost" start >/dev/null \
                || die "could not start PostgreSQL (see $IT_HOME/postgresql.log)"
        fi
        for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
        pg_answers || die "PostgreSQL does not answer on $PGHOST:$PGPORT."
    fi
    if ! psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
        is_root && setup_root_role
        psql -d postgres -tAc 'SELECT 1' >/dev/null 2>&1 \
            || die "cannot log in to PostgreSQL on $PGHOST:$PGPORT as '$PGUSER' (set PGUSER/PGPASSWORD)."
    fi
}

setup_root_role() {
    [ "$PGUSER" != postgres ] || die "Odoo refuses the 'postgres' role: set PGUSER to another name."
    env -u PGHOST -u PGUSER -u PGPASSWORD runuser -u postgres -- \
        psql -p "$PGPORT" -U postgres -q -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PGUSER') THEN
    CREATE ROLE "$PGUSER" LOGIN CREATEDB PASSWORD '$PGPASSWORD';
  END IF;
END \$\$;
SQL
}

setup_addons() {
    mkdir -p "$ADDONS_DIR"
    [ "$(readlink "$MODULE_DIR" 2>/dev/null)" = "$REPO" ] || ln -sfn "$REPO" "$MODULE_DIR"
}

write_config() {  # $1 = file, $2 = database, $3 = http port
    cat > "$1" <<CONF
[options]
addons_path = $ADDONS_DIR,$("$PY" -c 'import odoo.addons, os; print(os.path.dirname(odoo.addons.__file__))')
data_dir = $IT_HOME/data
db_host = $PGHOST
db_port = $PGPORT
db_user = $PGUSER
db_password = $PGPASSWORD
db_name = $2
dbfilter = ^$2\$
http_port = $3
list_db = False
without_demo = False
CONF
}

odoo_bin() { "$PY" -c 'import sys, odoo.cli; sys.exit(odoo.cli.main())' "$@"; }

port_free() {
    "$PY" - "$1" <<'PYCODE'
import socket, sys
s = socket.socket()
try:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PYCODE
}

db_exists() { [ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]; }

module_state() {
    psql -d "$1" -tAc "SELECT state FROM ir_module_module WHERE name = '$MODULE'" 2>/dev/null || true
}

source_stamp() {
    (cd "$REPO" && git ls-files -co --exclude-standard -- '*.py' '*.xml' '*.csv' '*.po' '*.pot' '*.js' '*.less' '*.css' \
        | sort | xargs cat 2>/dev/null) | md5sum | cut -c1-32
}

setup_browser() {  # headless Chromium + ChromeDriver for the web client tests
    command -v chromium >/dev/null && command -v chromedriver >/dev/null && return 0
    apt_install chromium chromium-driver \
        || die "Chromium is missing: install the Debian packages chromium and chromium-driver (as root)."
}

setup_all() {
    setup_venv
    setup_less
    setup_postgres
    setup_addons
}

cmd_run() {
    setup_all
    port_free "$IT_PORT" || die "port $IT_PORT is taken (another Odoo?): stop it or set IT_PORT."
    local conf=$IT_HOME/run-$CHECKOUT_KEY.conf stamp_file=$IT_HOME/run-$CHECKOUT_KEY.stamp want
    write_config "$conf" "$IT_DB" "$IT_PORT"
    want="$(source_stamp)-$IT_DB"
    if [ "$(module_state "$IT_DB")" != installed ]; then
        say "creating the demo database $IT_DB with $MODULE and its demo data (a few minutes the first time)"
        db_exists "$IT_DB" && dropdb "$IT_DB"
        odoo_bin -c "$conf" -d "$IT_DB" -i "$MODULE" --load-language=fr_FR --stop-after-init --log-level=warn \
            || die "installing $MODULE failed (see above)"
    elif [ "$(cat "$stamp_file" 2>/dev/null)" != "$want" ]; then
        say "updating $MODULE in $IT_DB"
        odoo_bin -c "$conf" -d "$IT_DB" -u "$MODULE" --stop-after-init --log-level=warn \
            || die "updating $MODULE failed (see above)"
    fi
    echo "$want" > "$stamp_file"
    cat <<MSG

  Interaction Tracker is starting on  http://localhost:$IT_PORT/web   (database $IT_DB)
  Logins (user / password):
    administrator     admin / admin
    agent             agent / agent
    portal customer   customer / customer      (portal: http://localhost:$IT_PORT/my/cases)

MSG
    exec "$PY" -c 'import sys, odoo.cli; sys.exit(odoo.cli.main())' -c "$conf" -d "$IT_DB" "$@"
}

cmd_lint() {
    setup_venv
    local rc=0
    say "flake8"
    (cd "$REPO" && "$VENV/bin/flake8" .) || rc=1
    say "pylint-odoo (OCA mandatory checks)"
    (cd "$REPO" && "$VENV/bin/pylint" --rcfile="$REPO/.pylintrc" --score=n "$REPO") || rc=1
    return $rc
}

fresh_db() {  # $1 = database, $2 = config
    db_exists "$1" && dropdb "$1"
    say "installing $MODULE (with demo data) in a fresh database $1"
    # English stays the default language (Odoo's own tests expect it);
    # French is loaded afterwards so the translations are there.
    odoo_bin -c "$2" -d "$1" -i "$MODULE" --stop-after-init --log-level=warn \
        || die "installing $MODULE in $1 failed (see above)"
    odoo_bin -c "$2" -d "$1" --load-language=fr_FR --stop-after-init --log-level=warn \
        || die "loading French in $1 failed (see above)"
}

cmd_test() {
    setup_all
    setup_browser
    port_free "$IT_TEST_PORT" || die "port $IT_TEST_PORT (test HTTP server) is taken: set IT_TEST_PORT."
    local lint_rc=0
    cmd_lint || lint_rc=$?
    local conf=$IT_HOME/test-$CHECKOUT_KEY.conf
    write_config "$conf" "$IT_TEST_DB" "$IT_TEST_PORT"
    fresh_db "$IT_TEST_DB" "$conf"
    # copies of the fresh database: tests/test_module.py uninstalls the
    # module from one; the concurrency tests serve the other with
    # Odoo's multi-worker server in a separate process
    local uninstall_db=${IT_TEST_DB}_uninstall workers_db=${IT_TEST_DB}_workers
    for copy in "$uninstall_db" "$workers_db"; do
        db_exists "$copy" && dropdb "$copy"
        createdb -T "$IT_TEST_DB" "$copy"
    done
    say "running the module tests with pytest-odoo"
    local rc=0
    # The module's tests, then Odoo's own mail, portal and partner suites as
    # a peer check: they must still pass with the module installed.
    local odoo_addons suites=()
    odoo_addons=$("$PY" -c 'import odoo.addons.base, os; print(os.path.dirname(os.path.dirname(odoo.addons.base.__file__)))')
    # test_mail_message_access_search counts every message whose subject is
    # like '_Test': project's demo task "Reception of Unit Testing" matches,
    # so it fails on any database with project's demo data, with or without
    # this module (checked on mail+portal+contacts+project alone).
    [ -n "${IT_SKIP_ODOO_SUITES:-}" ] || suites=("$odoo_addons/mail/tests" "$odoo_addons/portal/tests"
        "$odoo_addons/base/tests/test_base.py" -k "not test_mail_message_access_search")
    (cd "$ADDONS_DIR" && env -u USER -u HOST -u PORT -u PASSWORD PYTHONPATH="$REPO/scripts" \
        IT_ARTIFACTS="${IT_ARTIFACTS:-$REPO/artifacts}" IT_TEST_PORT="$IT_TEST_PORT" IT_UNINSTALL_DB="$uninstall_db" \
        IT_WORKERS_DB="$workers_db" "$VENV/bin/pytest" \
        -p pytest_odoo_fix -p no:cacheprovider -c "$REPO/setup.cfg" --rootdir="$ADDONS_DIR" \
        --odoo-config="$conf" --odoo-log-level=warn "$@" "$MODULE/tests" "${suites[@]}") || rc=$?
    # the whole suite (no selection given) also passes under Odoo's runner
    if [ $# = 0 ] && [ -z "${IT_SKIP_ODOO_SUITES:-}" ]; then
        cmd_odoo_test || rc=$?
    fi
    [ $lint_rc = 0 ] || say "the linters failed (see above)"
    [ $rc = 0 ] && [ $lint_rc = 0 ]
}

cmd_odoo_test() {
    setup_all
    setup_browser
    port_free "$IT_TEST_PORT" || die "port $IT_TEST_PORT (test HTTP server) is taken: set IT_TEST_PORT."
    local db=${IT_TEST_DB}_odoo conf=$IT_HOME/odoo-test-$CHECKOUT_KEY.conf
    local artifacts=${IT_ARTIFACTS:-$REPO/artifacts} rc=0
    local log=$artifacts/odoo-test.log
    mkdir -p "$artifacts"
    write_config "$conf" "$db" "$IT_TEST_PORT"
    db_exists "$db" && dropdb "$db"
    # as a runbot does: install with the tests of every module installed
    # (Odoo's at_install tests, then the post_install ones)
    say "Odoo's runner: odoo-bin -i $MODULE --test-enable on a fresh database $db (log: $log)"
    IT_ARTIFACTS="$artifacts" IT_TEST_PORT="$IT_TEST_PORT" odoo_bin -c "$conf" -d "$db" \
        -i "$MODULE" --test-enable --stop-after-init --log-level=test > "$log" 2>&1 || rc=$?
    grep -E ': (FAIL|ERROR): ' "$log" >&2 || true
    say "Odoo's runner: $(grep -c "${MODULE}.tests.* running tests" "$log" || true) test modules of $MODULE run, exit code $rc"
    [ $rc = 0 ] && ! grep -qE ': (FAIL|ERROR): ' "$log"
}

cmd_i18n() {
    setup_all
    local conf=$IT_HOME/test-$CHECKOUT_KEY.conf pot=$REPO/i18n/$MODULE.pot po=$REPO/i18n/fr.po
    write_config "$conf" "$IT_TEST_DB" "$IT_TEST_PORT"
    # a fresh database: an update does not load new demo records, whose terms
    # (translatable names) belong in the export too
    fresh_db "$IT_TEST_DB" "$conf"
    local tmp; tmp=$(mktemp -d)
    odoo_bin -c "$conf" -d "$IT_TEST_DB" --i18n-export="$tmp/$MODULE.po" --modules="$MODULE" \
        --stop-after-init --log-level=warn
    mv "$tmp/$MODULE.po" "$pot"; rmdir "$tmp"
    command -v msgmerge >/dev/null || apt_install gettext || die "msgmerge (gettext) is missing"
    if [ -f "$po" ]; then
        msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$pot"
        msgattrib --no-obsolete --output-file="$po" "$po"
    else
        msginit --no-translator --locale=fr_FR.UTF-8 --input="$pot" --output-file="$po" 2>/dev/null
    fi
    say "untranslated in i18n/fr.po: $(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)"
}

cmd_bench() {
    setup_all
    local db=${IT_BENCH_DB:-interaction_tracker_bench} conf=$IT_HOME/bench-$CHECKOUT_KEY.conf
    write_config "$conf" "$db" "$IT_TEST_PORT"
    fresh_db "$db" "$conf"
    "$PY" "$REPO/scripts/bench.py" -c "$conf" -d "$db" "$@"
}

case "${1:-}" in
    run) shift; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    odoo-test) cmd_odoo_test ;;
    lint) shift; cmd_lint ;;
    bench) shift; cmd_bench "$@" ;;
    i18n) cmd_i18n ;;
    readme) shift; python3 "$REPO/scripts/readme.py" "$@" ;;
    setup) setup_all; say "set-up done" ;;
    *) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
