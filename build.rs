//! Link-time settings for the `morgue` binary.

fn main() {
    // A search is a short process: in a position-independent executable the dynamic loader
    // fixes up ~40,000 pointers in static tables at every start, copying each page it touches,
    // which was a third of a query's CPU. A fixed-address executable has them resolved at
    // link time.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
