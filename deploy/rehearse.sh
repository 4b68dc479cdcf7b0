#!/usr/bin/env bash
# An operator's day, done from the docs: builds two releases' wheels (the tree as it is, and a
# copy raised one minor version by tools/release.py), boots a Debian 12 container with systemd
# under podman and, inside it, installs, configures, migrates, loads the demo, serves (two web
# instances, the worker, nginx), backs up, wrecks, restores, upgrades and rolls back.
#
# Every operator command is read from the fenced block that follows a `<!-- rehearse: NAME -->`
# marker in docs/deploying.md, docs/backups.md or docs/upgrading.md, so the rehearsal cannot
# drift from the docs; inline commands it runs are checked to appear in the docs. The only
# changes made to them are the ones the docs tell the reader to make (the version number, the
# example secrets, the backup folder's name). Anything else the script must do is either
#   - a GUESS: an operator step the docs do not give (counted; the goal is zero), or
#   - HARNESS: what this rehearsal needs and a real server does not (making the container, the
#     disaster itself, the checks that judge the result, this machine's TLS-intercepting CA).
#
# Usage: deploy/rehearse.sh   (needs podman and a Debian 12 image booting systemd:
#   IMAGE=localhost/debian12-systemd by default; KEEP=1 leaves the container running.)
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$ROOT/docs/deploying.md" ] || { echo "run deploy/rehearse.sh from a Townhall tree" >&2; exit 2; }
IMAGE=${IMAGE:-localhost/debian12-systemd}
NAME=${NAME:-townhall-rehearsal-$$}
WORK=$(mktemp -d /tmp/townhall-rehearsal.XXXXXX)
LOG=$WORK/rehearsal.log
HOST_CA=${HOST_CA:-/etc/ssl/certs/ca-certificates.crt}
# podman here runs only with runc, and only with limits at or below the host's own.
PODMAN_RUN=(podman run -d --runtime runc --ulimit nofile=20000:20000 --ulimit nproc=4096:4096
    --ulimit memlock=65536:65536 --ulimit core=0:0)
SITE=townhall.example.org
START=$(date +%s)
GUESSES=()
HARNESS=()
PASSED=0
FAILED_STEP=""

guess() { GUESSES+=("$1"); }
harness() { HARNESS+=("$1"); }

# The fenced block after `<!-- rehearse: NAME -->` in FILE, with the list indentation removed.
block() {
    awk -v marker="<!-- rehearse: $1 -->" '
        index($0, marker) { found = 1; next }
        found && /^ *```/ { if (inside) exit; inside = 1; match($0, /^ */); cut = RLENGTH; next }
        inside { print substr($0, cut + 1) }
    ' "$ROOT/docs/$2"
}

# Fails the rehearsal when the docs no longer name COMMAND (for commands given inline).
documented() {
    grep -qF -- "$1" "$ROOT/docs/$2" || { echo "docs/$2 no longer says: $1" >>"$LOG"; return 1; }
}

# Runs a root shell script (read from stdin) in the container, as an operator at its prompt
# (with nothing on standard input, so no command can read the rest of the script).
in_box_out() {
    local script
    script=$(cat)
    printf '%s\n' "$script" | sed 's/^/$ /' >>"$LOG"
    podman exec -e DEBIAN_FRONTEND=noninteractive "$NAME" bash -euo pipefail -c "$script" \
        </dev/null 2>>"$LOG"
}
in_box() { in_box_out >>"$LOG"; }

step() {
    local label=$1
    shift
    if [ -n "$FAILED_STEP" ]; then
        printf '%-62s SKIPPED\n' "$label"
        return 0
    fi
    echo "=== $label" >>"$LOG"
    local began=$(date +%s)
    if "$@"; then
        printf '%-62s OK (%ss)\n' "$label" $(($(date +%s) - began))
        PASSED=$((PASSED + 1))
    else
        printf '%-62s FAILED (%ss; log: %s)\n' "$label" $(($(date +%s) - began)) "$LOG"
        FAILED_STEP=$label
    fi
}

# --- On the build machine -----------------------------------------------------------------

copy_tree() {
    mkdir -p "$2"
    tar -C "$1" --exclude=./.venv --exclude=./.git --exclude=./build --exclude=./dist \
        --exclude='*.egg-info' --exclude=__pycache__ -cf - . | tar -C "$2" -xf -
}

# docs/upgrading.md: "in a copy of Townhall's tree at the release's commit".
build_wheel() {
    local tree=$1
    (cd "$tree" && eval "$(block wheel upgrading.md | sed "s#/tmp/build#$WORK/build#g")") \
        >>"$LOG" 2>&1
}

build_wheels() {
    copy_tree "$ROOT" "$WORK/old" && copy_tree "$ROOT" "$WORK/new" || return 1
    OLD=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$WORK/old/src/townhall/version.py")
    NEW=$(echo "$OLD" | awk -F. '{ print $1 "." $2 + 1 ".0" }')
    # docs/upgrading.md, "Making a release", in the copy only.
    make -C "$WORK/new" release VERSION="$NEW" >>"$LOG" 2>&1 || return 1
    build_wheel "$WORK/old" && build_wheel "$WORK/new" || return 1
    OLD_WHEEL=$(ls "$WORK"/old/dist/townhall-"$OLD"-py3-none-any.whl) || return 1
    NEW_WHEEL=$(ls "$WORK"/new/dist/townhall-"$NEW"-py3-none-any.whl) || return 1
    echo "wheels: $OLD_WHEEL $NEW_WHEEL" >>"$LOG"
}

boot() {
    harness "a Debian 12 container booted with systemd stands for the server"
    podman image exists "$IMAGE" || { echo "no image $IMAGE" >>"$LOG"; return 1; }
    "${PODMAN_RUN[@]}" --name "$NAME" -v "$HOST_CA:/etc/ssl/host-ca.crt:ro" "$IMAGE" \
        >>"$LOG" 2>&1 || return 1
    for _ in $(seq 60); do
        state=$(podman exec "$NAME" systemctl is-system-running 2>/dev/null)
        case $state in running | degraded) break ;; esac
        sleep 1
    done
    echo "systemd: $state" >>"$LOG"
    # This machine reaches PyPI through a TLS-intercepting proxy: pip in the box trusts its CA.
    harness "pip in the container trusts this machine's CA (/etc/pip.conf)"
    printf '[global]\ncert = /etc/ssl/host-ca.crt\n' | podman exec -i "$NAME" tee /etc/pip.conf \
        >/dev/null
    # apt-get asks "Do you want to continue?", which an operator answers at the terminal.
    harness "apt-get's questions answered yes (APT::Get::Assume-Yes, DEBIAN_FRONTEND)"
    echo 'APT::Get::Assume-Yes "true";' | podman exec -i "$NAME" tee /etc/apt/apt.conf.d/90yes \
        >/dev/null
    # deploying.md, section 1: "Put the release's wheel in /root first".
    podman cp "$OLD_WHEEL" "$NAME:/root/" && podman cp "$NEW_WHEEL" "$NAME:/root/"
}

# --- In the box, from the docs ------------------------------------------------------------

install_old() { block install deploying.md | sed "s/0\.16\.0/$OLD/g" | in_box; }

configure() {
    # deploying.md, section 2: the example values, with the two secrets made as it says.
    local secret token
    secret=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
    token=$(python3 -c "import secrets; print(secrets.token_urlsafe(50))")
    block environment deploying.md |
        sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" -e "s|^METRICS_TOKEN=.*|METRICS_TOKEN=$token|" |
        podman exec -i "$NAME" tee /etc/townhall.env >/dev/null || return 1
    block environment-mode deploying.md | in_box && block deploy-files deploying.md | in_box
}

setup() {
    # createsuperuser in its unattended form, which deploying.md gives beside the block.
    documented "townhall createsuperuser --noinput --username NAME --email ADDRESS" deploying.md ||
        return 1
    block setup deploying.md |
        sed "s/^townhall createsuperuser$/DJANGO_SUPERUSER_PASSWORD=$(openssl rand -hex 16) townhall createsuperuser --noinput --username admin --email admin@$SITE/" |
        in_box
}

load_data() {
    documented "\`townhall load_demo\` loads the" deploying.md && echo "townhall load_demo" | in_box
}

serve() { block systemd deploying.md | in_box && block nginx deploying.md | in_box; }

# HARNESS: what the site serves, through nginx over HTTPS, and both instances' readiness.
check_site() {
    in_box <<EOF
for port in 8000 8001; do
    for i in \$(seq 30); do curl -fsS http://127.0.0.1:\$port/readyz && break; sleep 1; done
    echo
done
curl -fsSk -o /dev/null -w 'home %{http_code}\n' --resolve $SITE:443:127.0.0.1 https://$SITE/
curl -fsSk -o /dev/null -w 'petitions %{http_code}\n' --resolve $SITE:443:127.0.0.1 https://$SITE/petitions/
test "\$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1/ -H 'Host: $SITE')" = 301
EOF
}

# HARNESS: every table's rows and every file, against the newest backup's manifest.json
# (independently of `restore`'s own check). Only the tables the running worker and web
# instances write by themselves may have moved on: task results, worker heartbeats, and the
# search and reference indexes, which the worker rebuilds from the tasks queued in the backup.
MOVING='^(django_tasks_database_dbtaskresult|operations_workerheartbeat|wagtailsearch_indexentry|wagtailcore_referenceindex|django_session)='
check_restored() {
    in_box <<EOF
manifest=\$(ls -d /srv/backups/townhall/*Z | tail -1)/manifest.json
python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
for table, rows in sorted(m["counts"].items()): print(f"{table}={rows}")
print("files=%d" % sum(m["files"].values()))' "\$manifest" >/tmp/expected.txt
while IFS== read -r table rows; do
    [ "\$table" = files ] && continue
    echo "\$table=\$(runuser -u postgres -- psql -d townhall -tAc "SELECT count(*) FROM \\"\$table\\"")"
done </tmp/expected.txt >/tmp/found.txt
echo "files=\$(find /srv/townhall/data/media /srv/townhall/data/private -type f | wc -l)" >>/tmp/found.txt
echo "tables: \$(grep -vc ^files= /tmp/expected.txt); rows: \$(awk -F= '!/^files=/ { n += \$2 } END { print n }' /tmp/expected.txt); \$(grep ^files= /tmp/expected.txt)"
echo "differing:"; diff /tmp/expected.txt /tmp/found.txt | grep '^[<>]' || true
! { diff /tmp/expected.txt /tmp/found.txt || true; } | grep '^[<>]' | cut -c3- | grep -Ev '$MOVING'
EOF
    [ $? -eq 0 ] && check_site
}

backup() {
    block backup backups.md | in_box || return 1
    in_box <<<"stat -c '%a %U %n' /srv/backups/townhall/*Z /srv/backups/townhall/*Z/*; ! find /srv/backups/townhall/*Z -perm /077 | grep ."
}

wreck() {
    harness "the disaster: the database dropped, media and private files deleted"
    in_box <<'EOF'
systemctl stop 'townhall-web@*' townhall-worker
runuser -u postgres -- dropdb townhall
rm -rf /srv/townhall/data/media/* /srv/townhall/data/private/*
EOF
}

restore() {
    local folder
    folder=$(in_box_out <<<"ls -d /srv/backups/townhall/*Z | tail -1") || return 1
    block restore backups.md | sed "s#/srv/backups/townhall/2026-12-01T030000Z#$folder#" | in_box
}

# docs/upgrading.md, "Which version runs": both lines, and the version each answers.
check_version() {
    local want=$1
    # upgrading.md, upgrade step 5: "wait until curl -fsS http://127.0.0.1:8000/readyz answers".
    documented "\`curl -fsS http://127.0.0.1:8000/readyz\` answers (an instance takes" upgrading.md ||
        return 1
    in_box <<<"for i in \$(seq 60); do curl -fsS http://127.0.0.1:8000/readyz && break; sleep 1; done"
    block version upgrading.md | in_box || return 1
    in_box <<EOF
townhall --version | grep -qx "townhall $want"
for port in 8000 8001; do
    for i in \$(seq 30); do curl -fsS http://127.0.0.1:\$port/readyz | grep -q '"version": "$want"' && break; sleep 1; done
    curl -fsS http://127.0.0.1:\$port/readyz | grep -q '"version": "$want"'
done
EOF
}

upgrade() {
    block upgrade-backup upgrading.md | in_box || return 1
    block upgrade-install upgrading.md | sed "s/0\.16\.0/$NEW/g" | in_box || return 1
    # Step 3's `check --deploy` must report only the demo's accounts (deploying.md says so).
    local judged='townhall check --deploy >\/tmp\/check.txt 2>\&1 || ! grep -E "\\.E[0-9]+\\)" \/tmp\/check.txt | grep -qv townhall.E011'
    block upgrade-migrate upgrading.md | sed "s/^townhall check --deploy$/$judged/" | in_box || return 1
    # Step 4: the changelog's section of this release asks nothing of a site already on it.
    documented "systemctl restart 'townhall-web@*' townhall-worker" upgrading.md &&
        echo "systemctl restart 'townhall-web@*' townhall-worker" | in_box
}

# docs/upgrading.md, "Roll back": steps 1 to 3, with step 2 done the way that works for any
# two releases: every app whose last applied migration differs from the list saved before.
roll_back() {
    documented "(\`systemctl stop townhall-worker\`)" upgrading.md || return 1
    echo "systemctl stop townhall-worker" | in_box || return 1
    in_box <<'EOF'
last() { awk '/^[^ ]/ { app = $1 } /\[X\]/ { last[app] = $2 } END { for (a in last) print a, last[a] }' | sort; }
last </srv/backups/migrations-before-upgrade.txt >/tmp/before.txt
townhall showmigrations | last >/tmp/now.txt
join -a 2 -e zero -o 0,1.2 /tmp/before.txt /tmp/now.txt | while read -r app target; do
    grep -qx "$app $target" /tmp/now.txt || townhall migrate "$app" "$target"
done
echo "migrations undone: $(comm -13 /tmp/before.txt /tmp/now.txt | wc -l)"
EOF
    [ $? -eq 0 ] || return 1
    block rollback-install upgrading.md | sed "s/0\.15\.0/$OLD/g" | in_box
}

cleanup() {
    if [ -z "${KEEP:-}" ]; then
        podman rm -f -t 5 "$NAME" >/dev/null 2>&1
        rm -rf "$WORK/old" "$WORK/new" "$WORK/build"
    fi
}
trap cleanup EXIT

echo "Rehearsing docs/deploying.md, backups.md and upgrading.md in $IMAGE ($LOG)"
step "build the two releases' wheels (tree as is, and +1 minor)" build_wheels
step "boot Debian 12 with systemd; wheels in /root" boot
step "deploying.md 1: install $OLD with PostgreSQL, Redis, nginx" install_old
step "deploying.md 2: /etc/townhall.env, deploy-files, wrapper" configure
step "deploying.md 2: migrate, collectstatic, createsuperuser, check" setup
step "deploying.md 2: townhall load_demo" load_data
step "deploying.md 3-4: systemd units, timers, nginx site" serve
step "serves: both /readyz, pages over HTTPS, HTTP redirected" check_site
step "backups.md: townhall backup (0700/0600, manifest)" backup
step "wreck: database dropped, media and private files deleted" wreck
step "backups.md: restore into an empty database" restore
step "restored: every table's rows, files, pages" check_restored
step "upgrading.md: version is $OLD (townhall --version, /readyz)" check_version "$OLD"
step "upgrading.md: upgrade to $NEW (backup first)" upgrade
step "upgrading.md: version is $NEW" check_version "$NEW"
step "upgrading.md: roll back to $OLD" roll_back
step "upgrading.md: version is $OLD again" check_version "$OLD"
step "serves after the rollback" check_site

echo
echo "Steps passed: $PASSED; $( [ -n "$FAILED_STEP" ] && echo "stopped at: $FAILED_STEP" || echo "none failed")"
echo "Harness (what a real server does not need): ${#HARNESS[@]}"
for line in "${HARNESS[@]}"; do echo "  - $line"; done
echo "Guesses (operator steps the docs do not give): ${#GUESSES[@]}"
for line in "${GUESSES[@]}"; do echo "  - $line"; done
echo "Duration: $(($(date +%s) - START)) s"
[ -z "$FAILED_STEP" ] && [ ${#GUESSES[@]} -eq 0 ]
