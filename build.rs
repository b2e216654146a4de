//! Links GCC's unwinder (`libgcc_eh.a`) into cpni statically on Linux with glibc, so the
//! process no longer loads `libgcc_s.so.1` (issue 14: one fewer shared object to map and
//! relocate at every start, and no run of its constructor, whose CPUID instructions trap to
//! the hypervisor on a virtual machine: about 0.2 ms of each step on the reference VM). The
//! unwinder is the same code, taken from the compiler's own archive; panics unwind as before.
//! When the archive cannot be found (another C toolchain), nothing changes: `libgcc_s` is
//! linked as Rust does by default.
//!
//! It also packs the binary's relative relocations (`-z pack-relative-relocs`, DT_RELR) when the
//! linker and C library take it (a probe link of an empty C program): the 7,800 relocations
//! the loader applies at every start shrink from a 190 KB table to 2 KB, and a step takes
//! about 10 page faults fewer. The relocations applied, and so address-space randomisation,
//! are the same. The probe fails on a linker or glibc too old for it (glibc before 2.36), and
//! the binary is linked as before. The binary then needs glibc 2.36 where it runs;
//! `CPNI_PLAIN_RELOCS=1` at build time links it as before, for hosts with an older glibc.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=CC");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "linux" || env != "gnu" {
        return;
    }
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    // A binary with packed relocations needs glibc 2.36 or later where it runs: build with
    // CPNI_PLAIN_RELOCS=1 for hosts with an older one.
    println!("cargo:rerun-if-env-changed=CPNI_PLAIN_RELOCS");
    let plain = std::env::var_os("CPNI_PLAIN_RELOCS").is_some_and(|v| v == "1");
    if !plain && links_packed_relocations(&cc) {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
    let Ok(out) = Command::new(&cc)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let archive = std::path::Path::new(&path);
    // Without a directory the compiler did not find it and echoed the bare name back.
    let Some(dir) = archive.parent().filter(|d| !d.as_os_str().is_empty()) else {
        return;
    };
    if !archive.is_file() {
        return;
    }
    println!("cargo:rustc-link-search=native={}", dir.display());
    println!("cargo:rustc-link-lib=static=gcc_eh");
}

/// Whether `cc` links a program with packed relative relocations, with no warning (an old
/// linker ignores an unknown `-z` option with a warning; ld warns too when glibc lacks
/// `GLIBC_ABI_DT_RELR`).
fn links_packed_relocations(cc: &str) -> bool {
    let Some(out_dir) = std::env::var_os("OUT_DIR") else {
        return false;
    };
    let dir = std::path::Path::new(&out_dir);
    let src = dir.join("relr-probe.c");
    if std::fs::write(&src, "int main(void) { return 0; }\n").is_err() {
        return false;
    }
    let out = Command::new(cc)
        .args(["-pie", "-fPIE", "-Wl,-z,pack-relative-relocs", "-o"])
        .arg(dir.join("relr-probe"))
        .arg(&src)
        .output();
    matches!(out, Ok(o) if o.status.success() && o.stderr.is_empty())
}
