//! The layers of `src/`: no two top-level modules depend on each other. A module depends on
//! another when its code (not its comments, not its `#[cfg(test)] mod` or `tests.rs` test code)
//! names `crate::other` — in a `use` or a qualified path, `crate::{a, b}` included. `vocab` is the
//! bottom layer and names no other module at all.
//!
//! Cycles the code still has are listed in [`KNOWN_CYCLES`], each with why it is still there: the
//! test fails on any cycle not in that list (a new one) and on a listed one that is gone (so the
//! list stays true — strike it when you break it). Needs no emulator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Cycles between top-level modules the code has today (names in alphabetical order). Each is a
/// debt: move what both sides speak down into `vocab`, or the call into the layer that owns it.
const KNOWN_CYCLES: &[(&str, &str)] = &[];

/// The top-level module a path under `src/` belongs to (`aws/metrics.rs` -> `aws`).
fn top_module(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The modules a source text names as `crate::x`, skipping comments and the test module (from a
/// `#[cfg(test)]` followed by a `mod` line to the end of the file, as the code base writes it).
fn named_modules(text: &str) -> BTreeSet<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = BTreeSet::new();
    for (i, line) in lines.iter().enumerate() {
        let s = line.trim();
        if s.starts_with("#[cfg(test)]") && lines.get(i + 1).is_some_and(|n| is_mod_line(n)) {
            break;
        }
        let code = s.split("//").next().unwrap_or_default();
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for name in group[..end].split(',') {
                    found.insert(ident_prefix(name.trim()));
                }
            } else {
                found.insert(ident_prefix(rest));
            }
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

fn is_mod_line(line: &str) -> bool {
    let s = line.trim();
    let s = s
        .strip_prefix("pub(crate) ")
        .or(s.strip_prefix("pub "))
        .unwrap_or(s);
    s.starts_with("mod ")
}

fn ident_prefix(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// Who depends on whom: module -> modules it names, from the files (path under `src/`, text).
fn dependencies(files: &[(String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|(p, _)| top_module(Path::new(p)))
        .filter(|m| m != "main" && m != "lib")
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in files {
        let Some(top) = top_module(Path::new(path)) else {
            continue;
        };
        if !tops.contains(&top) || path.ends_with("/tests.rs") {
            continue;
        }
        let named = named_modules(text);
        let entry = deps.entry(top.clone()).or_default();
        entry.extend(named.into_iter().filter(|m| *m != top && tops.contains(m)));
    }
    deps
}

/// Every pair of modules that depend on each other, each as (smaller, larger).
fn cycles(deps: &BTreeMap<String, BTreeSet<String>>) -> BTreeSet<(String, String)> {
    let mut found = BTreeSet::new();
    for (a, named) in deps {
        for b in named {
            if a < b && deps.get(b).is_some_and(|back| back.contains(a)) {
                found.insert((a.clone(), b.clone()));
            }
        }
    }
    found
}

fn read_src(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).expect("src/ is readable");
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            read_src(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(root).expect("under src/");
            let text = std::fs::read_to_string(&path).expect("a source file is text");
            out.push((rel.to_string_lossy().replace('\\', "/"), text));
        }
    }
}

#[test]
fn no_two_top_level_modules_depend_on_each_other_beyond_the_known_list() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    read_src(&root, &root, &mut files);
    let deps = dependencies(&files);
    let found = cycles(&deps);
    let known: BTreeSet<(String, String)> = KNOWN_CYCLES
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    let new: Vec<_> = found.difference(&known).collect();
    let gone: Vec<_> = known.difference(&found).collect();
    assert!(
        new.is_empty(),
        "new import cycles between top-level modules of src/: {new:?}; move what both sides \
         need into vocab (or a lower layer) instead"
    );
    assert!(
        gone.is_empty(),
        "these cycles are gone: strike them from KNOWN_CYCLES in tests/integration/layers.rs: \
         {gone:?}"
    );
    assert_eq!(
        deps.get("vocab").cloned().unwrap_or_default(),
        BTreeSet::new(),
        "vocab is the bottom layer: it names no other module of the crate"
    );
}

#[test]
fn the_cycle_finder_sees_use_groups_and_paths_and_skips_comments_and_tests() {
    let file = |p: &str, t: &str| (p.to_owned(), t.to_owned());
    let files = vec![
        file("a/mod.rs", "use crate::{b::X, vocab};\n"),
        file("b.rs", "fn f() { crate::a::g(); }\n"),
        file(
            "c.rs",
            "// crate::d is only mentioned\nuse crate::vocab::Y;\n",
        ),
        file(
            "d.rs",
            "use crate::c;\n#[cfg(test)]\nmod tests {\n    use crate::e;\n}\n",
        ),
        file("e.rs", "use crate::d;\n"),
        file("e/tests.rs", "use crate::d;\n"),
        file("vocab.rs", "pub struct Y;\n"),
    ];
    let found = cycles(&dependencies(&files));
    let expected: BTreeSet<(String, String)> = [("a".to_owned(), "b".to_owned())].into();
    assert_eq!(found, expected);
}
