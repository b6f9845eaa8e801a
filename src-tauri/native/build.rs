//! Chooses how the C libraries are reached: opened at run time (`cfg(dlopen)`, Linux) or linked
//! into the executable (Windows, macOS, and Linux with the `linked` feature).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(dlopen)");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let linked = std::env::var_os("CARGO_FEATURE_LINKED").is_some();
    if linux && !linked {
        println!("cargo::rustc-cfg=dlopen");
    }
}
