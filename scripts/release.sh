#!/usr/bin/env bash
# Builds the release binary and packs it for machines without a Rust toolchain, into dist/:
#   eventsctl-VERSION-TARGET.tar.gz   the binary, man pages, completions, README.md, LICENSE
#   eventsctl_VERSION_ARCH.deb        /usr/bin/eventsctl, gzipped man pages in /usr/share/man/man1,
#                                     bash, zsh and fish completions where those shells look
# each with a .sha256 file (`sha256sum -c FILE.sha256`). Then it checks what it made: the
# archive's listing, the package's contents, and the packaged binary's --version, run from a
# `dpkg -x` of the package into a temporary root.
#
# Usage: scripts/release.sh        (a release build takes minutes: `nice scripts/release.sh` on a
#                                   shared machine)
# Needs: cargo, git, tar, gzip, sha256sum, dpkg-deb, readelf, objdump, dpkg-query (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf 'release: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

for tool in cargo git tar gzip sha256sum dpkg-deb readelf objdump dpkg-query; do
  command -v "$tool" >/dev/null || die "$tool is missing (on Debian: apt-get install dpkg-dev binutils)"
done

VERSION="$(cargo pkgid | sed 's/.*[#@]//')"
TARGET="$(rustc -vV | sed -n 's/^host: //p')"
case "$TARGET" in
  x86_64-*) ARCH=amd64 ;;
  aarch64-*) ARCH=arm64 ;;
  *) die "no Debian architecture known for $TARGET" ;;
esac
COMMIT="$(git rev-parse --short HEAD)"
# Every file in the archives gets the commit's time: the same commit packs to the same bytes.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}"
[ -z "$(git status --porcelain --untracked-files=no)" ] \
  || log "warning: the work tree has uncommitted changes; the binary says commit $COMMIT all the same"

log "building eventsctl $VERSION ($COMMIT) for $TARGET in release mode"
start=$(date +%s)
cargo build --release --locked --bin eventsctl
log "release build: $(( $(date +%s) - start )) s"
BIN=target/release/eventsctl

# The committed completions are what this binary generates (man pages are checked by the tests:
# scripts/gen-docs.sh rewrites both).
for pair in bash:eventsctl.bash zsh:_eventsctl fish:eventsctl.fish; do
  "$BIN" completions "${pair%%:*}" | cmp -s - "completions/${pair#*:}" \
    || die "completions/${pair#*:} is stale: run scripts/gen-docs.sh and commit"
done

DIST=dist
NAME="eventsctl-$VERSION-$TARGET"
DEB="eventsctl_${VERSION}_$ARCH.deb"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$DIST"
rm -f "$DIST/$NAME.tar.gz" "$DIST/$NAME.tar.gz.sha256" "$DIST/$DEB" "$DIST/$DEB.sha256"

# The archive: one directory named after it.
root="$STAGE/tar/$NAME"
mkdir -p "$root/man/man1" "$root/completions"
install -m 0755 "$BIN" "$root/eventsctl"
install -m 0644 README.md LICENSE "$root/"
install -m 0644 docs/man/*.1 "$root/man/man1/"
install -m 0644 completions/* "$root/completions/"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$STAGE/tar" -cf - "$NAME" | gzip -9n >"$DIST/$NAME.tar.gz"

# The Debian package, built with dpkg-deb from a staged root.
pkg="$STAGE/deb"
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/man/man1" "$pkg/usr/share/doc/eventsctl" \
  "$pkg/usr/share/bash-completion/completions" "$pkg/usr/share/zsh/vendor-completions" \
  "$pkg/usr/share/fish/vendor_completions.d"
install -m 0755 "$BIN" "$pkg/usr/bin/eventsctl"
for page in docs/man/*.1; do
  gzip -9n <"$page" >"$pkg/usr/share/man/man1/$(basename "$page").gz"
done
install -m 0644 completions/eventsctl.bash "$pkg/usr/share/bash-completion/completions/eventsctl"
install -m 0644 completions/_eventsctl "$pkg/usr/share/zsh/vendor-completions/_eventsctl"
install -m 0644 completions/eventsctl.fish "$pkg/usr/share/fish/vendor_completions.d/eventsctl.fish"
install -m 0644 LICENSE "$pkg/usr/share/doc/eventsctl/copyright"
gzip -9n <README.md >"$pkg/usr/share/doc/eventsctl/README.md.gz"
chmod 0644 "$pkg"/usr/share/man/man1/*.gz "$pkg/usr/share/doc/eventsctl/README.md.gz"

# Depends: the package of each shared library the binary needs; libc6 at least the newest
# GLIBC symbol version it uses.
depends=()
for lib in $(readelf -d "$BIN" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  path="$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')"
  [ -n "$path" ] || die "cannot find $lib, which the binary needs"
  owner="$(dpkg-query -S "$path" 2>/dev/null || dpkg-query -S "$(readlink -f "$path")" 2>/dev/null)" \
    || die "no package owns $path"
  owner="${owner%%:*}"
  case " ${depends[*]:-} " in *" $owner "*) continue ;; esac
  depends+=("$owner")
done
glibc="$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)"
dep_line=""
for d in "${depends[@]}"; do
  if [ "$d" = libc6 ] && [ -n "$glibc" ]; then d="libc6 (>= $glibc)"; fi
  dep_line="${dep_line:+$dep_line, }$d"
done

cat >"$pkg/DEBIAN/control" <<CONTROL
Package: eventsctl
Version: $VERSION
Architecture: $ARCH
Maintainer: the eventsctl authors <eventsctl@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
Depends: $dep_line
Section: admin
Priority: optional
Description: runs the events-table runbook against DynamoDB and CloudWatch
 Every runbook question about the events table is one command with a verdict:
 table drift, throttling, latency, TTL, streams, hot partitions, point-in-time
 restores and drills, health checks. Exit codes: checks 0 ok, 1 warn, 2 crit,
 3 unknown. Built from commit $COMMIT.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$DIST/$DEB" >/dev/null

(cd "$DIST" && sha256sum "$NAME.tar.gz" >"$NAME.tar.gz.sha256" && sha256sum "$DEB" >"$DEB.sha256")

# Check what was made.
(cd "$DIST" && sha256sum -c --quiet "$NAME.tar.gz.sha256" "$DEB.sha256")
log "archive contents:"
tar -tzvf "$DIST/$NAME.tar.gz" >&2
log "package contents:"
dpkg-deb -c "$DIST/$DEB" >&2
dpkg-deb -f "$DIST/$DEB" Package Version Architecture Depends >&2
installed="$STAGE/root"
dpkg -x "$DIST/$DEB" "$installed"
shown="$("$installed/usr/bin/eventsctl" --version)"
log "installed with dpkg -x, it says: $shown"
case "$shown" in
  "eventsctl $VERSION (commit $COMMIT)") ;;
  *) die "the packaged binary's --version is not 'eventsctl $VERSION (commit $COMMIT)'" ;;
esac
[ -s "$installed/usr/share/man/man1/eventsctl.1.gz" ] || die "no man page in the package"
ls -l "$DIST/$NAME.tar.gz" "$DIST/$DEB" "$BIN" >&2
log "done: $DIST/$NAME.tar.gz and $DIST/$DEB, each with its .sha256"
