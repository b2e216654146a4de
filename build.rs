//! Links GCC's unwinder (`libgcc_eh.a`) into cpni statically on Linux with glibc, so the
//! process no longer loads `libgcc_s.so.1` (issue 14: one fewer shared object to map and
//! relocate at every start, and no run of its constructor, whose CPUID instructions trap to
//! the hypervisor on a virtual machine: about 0.2 ms of each step on the reference VM). The
//! unwinder is the same code, taken from the compiler's own archive; panics unwind as before.
//! When the archive cannot be found (another C toolchain), nothing changes: `libgcc_s` is
//! linked as Rust does by default.

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
