# Shared by bench/campaign-crash and bench/campaign-scale (sourced): settings, the jar, the database and Redis prefix
# of the run, the seed, starting and killing TableLoop, the owner's session. Stops and removes what it made on exit.
#
# Settings (environment), as bench/run's:
#   BENCH_PG=postgresql://postgres@127.0.0.1:5432   a superuser on a PostgreSQL (trust or password in the URL)
#   BENCH_REDIS=redis://127.0.0.1:6379              only keys under BENCH_REDIS_PREFIX are deleted
#   BENCH_JAVA_OPTS                                 JVM options (default: @backend/tableloop.jvm)
#   SMS_PER_SECOND                                  the simulated SMS provider's rate
BENCH_PG=${BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
BENCH_REDIS=${BENCH_REDIS:-redis://127.0.0.1:6379}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/backend/target/tableloop.jar"
JAVA_OPTS=${BENCH_JAVA_OPTS:-@$ROOT/backend/tableloop.jvm}
NAME=$(basename "$0")

say() { printf '\n== %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "$NAME" "$*" >&2; exit 1; }
for tool in psql redis-cli curl python3 java; do command -v $tool >/dev/null || die "$tool is missing"; done

if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/backend/pom.xml" "$ROOT/backend/src/main" -newer "$JAR" -print -quit)" ]; then
  say "building the jar"
  (cd "$ROOT" && mvn -B -q -DskipTests package)
fi

WORK=$(mktemp -d "/tmp/tableloop-$NAME.XXXXXX")
APP_PID=""
KEEP_DATABASE=${KEEP_DATABASE:-}
# On any exit: the backend is stopped, the Redis keys of the run deleted, the database of the run and the application
# role dropped (a database kept for the next run, KEEP_DATABASE, first loses the role's grants).
cleanup() {
  local status=$?
  [ -n "$APP_PID" ] && { kill -9 "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; }
  redis-cli -u "$BENCH_REDIS" --scan --pattern "${BENCH_REDIS_PREFIX}*" | xargs -r -n 500 redis-cli -u "$BENCH_REDIS" UNLINK >/dev/null || true
  psql "$BENCH_PG/postgres" -q -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || true
  [ -n "$KEEP_DATABASE" ] && { psql "$BENCH_PG/$KEEP_DATABASE" -q -c "DROP OWNED BY $APP_ROLE" >/dev/null 2>&1 || true; }
  psql "$BENCH_PG/postgres" -q -c "DROP ROLE IF EXISTS $APP_ROLE" >/dev/null 2>&1 || true
  if [ $status -eq 0 ]; then rm -rf "$WORK"; else echo "$NAME failed (status $status); logs kept in $WORK" >&2; fi
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

psql_owner() { psql "$BENCH_PG/$BENCH_DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

# app_environment: what TableLoop reads; the phone keys are kept in the database, so that a kept one still opens.
app_environment() {
  local keys
  keys=$(psql_owner -F ' ' -c "SELECT data_keys, lookup_key FROM bench_keys" 2>/dev/null || true)
  if [ -z "$keys" ]; then
    keys="bench:$(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())') $(python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
  fi
  MEMBER_DATA_KEYS=${keys% *} MEMBER_LOOKUP_KEY=${keys#* }
  export DATABASE_URL="$BENCH_PG/$BENCH_DB" DATABASE_APP_USER=$APP_ROLE \
    DATABASE_APP_PASSWORD=$(python3 -c 'import secrets; print(secrets.token_hex(16))') \
    REDIS_URL="$BENCH_REDIS" REDIS_KEY_PREFIX="$BENCH_REDIS_PREFIX" HTTP_HOST=127.0.0.1 LOG_LEVEL=${LOG_LEVEL:-INFO} \
    MEMBER_DATA_KEYS MEMBER_LOOKUP_KEY SMS_PER_SECOND
  # With DATABASE_URL set, simulator mode must be asked for by name.
  export WECHAT_MODE=simulator
  unset WECHAT_APP_ID TABLELOOP_DATA_DIR SMS_SECRET_ID SMS_SECRET_KEY
}

# seed STORES USERS ORDERS JOINED_DAYS: a fresh database with bench/seed.sql's brand, every user a consenting member
# with a sealed phone (bench/campaign-members.sql), and the store's time zone one where it is early afternoon now, so
# that the SMS quiet hours (21:00-09:00 store time) never hold the run back.
seed() {
  psql "$BENCH_PG/postgres" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
    -c "CREATE DATABASE $BENCH_DB"
  # shellcheck disable=SC2086
  java $JAVA_OPTS -jar "$JAR" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
  psql_owner -v stores="$1" -v users="$2" -v orders="$3" -v clients=0 -f "$ROOT/bench/seed.sql" >/dev/null
  psql_owner -c "CREATE TABLE bench_keys (data_keys text, lookup_key text)" \
    -c "INSERT INTO bench_keys VALUES ('$MEMBER_DATA_KEYS', '$MEMBER_LOOKUP_KEY')" \
    -c "CREATE TABLE bench_phones (n int, sealed bytea, key_id text, hash bytea)"
  java -cp "$JAR" "$ROOT/bench/SealPhones.java" "$2" >"$WORK/phones.tsv"
  psql_owner -c "\\copy bench_phones FROM '$WORK/phones.tsv'"
  psql_owner -v joined_days="$4" -f "$ROOT/bench/campaign-members.sql" >/dev/null
  psql_owner -c "DROP TABLE bench_phones"
}

# afternoon_zone: an Etc/GMT zone where it is about 14:00 now (Etc/GMT-8 is UTC+8).
afternoon_zone() {
  local offset=$(( (14 - 10#$(date -u +%H) + 36) % 24 - 12 ))
  if [ $offset -ge 0 ]; then echo "Etc/GMT-$offset"; else echo "Etc/GMT+$((-offset))"; fi
}

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
SIM_PORT=$(free_port)
API="http://127.0.0.1:$PORT"

# start_app LOG: starts TableLoop (migrating at start) and waits until it is ready; sets APP_PID, SIM and SMS_SIM.
start_app() {
  # shellcheck disable=SC2086
  HTTP_PORT=$PORT WECHAT_SIMULATOR_PORT=$SIM_PORT PUBLIC_BASE_URL="$API" java $JAVA_OPTS -jar "$JAR" >"$1" 2>&1 &
  APP_PID=$!
  for _ in $(seq 180); do
    curl -sf "$API/health/ready" >/dev/null && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$1" >&2; die "TableLoop stopped"; }
    sleep 1
  done
  curl -sf "$API/health/ready" >/dev/null || die "TableLoop not ready after 180 s"
  SIM="http://127.0.0.1:$SIM_PORT"
  SMS_SIM=$(grep -o 'SMS simulator at http://[0-9.:]*' "$1" | head -1 | sed 's/.* at //')
  [ -n "$SMS_SIM" ] || die "no SMS simulator address in $1"
}

# call METHOD PATH [BODY]: the API as the owner; prints the answer, fails on a status other than 2xx.
call() {
  curl -sf -X "$1" -H "Authorization: Bearer $OWNER_TOKEN" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "$API$2"
}

# sign_in_owner: store 1's owner (campaign-members.sql) signs in through the WeChat simulator, as the mini-program.
sign_in_owner() {
  local code
  code=$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"user":"bench-owner"}' "$SIM/sim/login-code" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
  OWNER_TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' --data "{\"code\":\"$code\"}" \
    "$API/api/v1/auth/wechat" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  STORE=$(psql_owner -c "SELECT bench_id('store', 1)")
}

# sign_in_operator: the tenant's operator, the WeChat simulator's user 'bench-operator' (appointed here as the owner is
# in campaign-members.sql, so that a seed kept from before serves too), signs in as the mini-program does; STORE is
# store 1 and STORE_IDS every store of the tenant, comma-separated.
sign_in_operator() {
  local code
  psql_owner -c "INSERT INTO users (id, openid)
      VALUES (bench_id('user', -1), 'o' || left(translate(encode(sha256(convert_to('wx7ab1e10000000000:bench-operator',
              'UTF8')), 'base64'), '+/', 'xy'), 27)) ON CONFLICT DO NOTHING;
    INSERT INTO staff_roles (tenant_id, store_id, user_id, role)
      VALUES (bench_id('tenant', 1), NULL, bench_id('user', -1), 'operator') ON CONFLICT DO NOTHING" >/dev/null
  code=$(curl -sf -X POST -H 'Content-Type: application/json' --data '{"user":"bench-operator"}' \
    "$SIM/sim/login-code" | python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
  OPERATOR_TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' --data "{\"code\":\"$code\"}" \
    "$API/api/v1/auth/wechat" | python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  STORE=$(psql_owner -c "SELECT bench_id('store', 1)")
  STORE_IDS=$(psql_owner -c "SELECT string_agg(id::text, ',' ORDER BY id) FROM stores WHERE tenant_id = bench_id('tenant', 1)")
}
