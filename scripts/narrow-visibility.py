#!/usr/bin/env python3
"""Keeps dead code visible: narrows `pub` to `pub(crate)` across src/ (not lib.rs, main.rs, cli.rs),
then widens back, by name, what the binary and the tests need, reading the compiler's privacy
errors, until `cargo build --all-targets` succeeds. Afterwards `cargo build` warns about every item
nothing uses. Run it from time to time on a clean tree and review the diff:

    python3 scripts/narrow-visibility.py . --narrow [--prewiden names.txt]

(`--prewiden` takes names to widen first, one per line, to save compile rounds.)"""
import re, subprocess, sys, pathlib, json
root = pathlib.Path(sys.argv[1])
kw = r'(?:async fn|fn|struct|enum|const|static|type|trait|mod|unsafe fn)'
files = [f for f in (root / "src").rglob("*.rs") if f.name not in ("lib.rs", "main.rs", "cli.rs")]
if "--narrow" in sys.argv:
    pat = re.compile(r'^(\s*)pub (?=' + kw + r'\b)', re.M)
    for f in files:
        t = f.read_text()
        n = pat.sub(r'\1pub(crate) ', t)
        if n != t:
            f.write_text(n)
def widen(name):
    rx = re.compile(r'^(\s*)pub\(crate\) (' + kw + r' ' + re.escape(name) + r')\b', re.M)
    c = 0
    for f in files:
        t = f.read_text()
        n, k = rx.subn(r'\1pub \2', t)
        if k:
            f.write_text(n); c += k
    return c
if "--prewiden" in sys.argv:
    for n in open(sys.argv[sys.argv.index("--prewiden") + 1]).read().split():
        widen(n)
for round_ in range(60):
    p = subprocess.run(["cargo", "build", "--all-targets", "--message-format=json", "--quiet"],
                       cwd=root, capture_output=True, text=True)
    names, errors, other = set(), 0, []
    for line in p.stdout.splitlines():
        try: m = json.loads(line)
        except Exception: continue
        if m.get("reason") != "compiler-message": continue
        msg = m["message"]
        if msg["level"] == "warning" and "is more private than the item" in msg["message"]:
            names.add(re.findall(r'`([A-Za-z_][A-Za-z0-9_:]*)`', msg["message"])[0].split("::")[-1]); errors += 1; continue
        if msg["level"] != "error": continue
        errors += 1
        code = (msg.get("code") or {}).get("code")
        found = [f.split("::")[-1] for f in re.findall(r'`([A-Za-z_][A-Za-z0-9_:]*)`', msg["message"])]
        if found and (code in ("E0603", "E0624", "E0364", "E0365", "E0616", "E0446", "E0451") or "is private" in msg["message"]):
            names.add(found[0])
        else:
            other.append(msg["rendered"])
    if errors == 0:
        print("builds after", round_, "rounds"); break
    changed = sum(widen(n) for n in sorted(names))
    print(f"round {round_}: {errors} errors, names {sorted(names)}, widened {changed}", flush=True)
    if changed == 0:
        print("\n".join(other[:10])); sys.exit(1)
