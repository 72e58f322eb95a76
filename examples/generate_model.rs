//! Prints a generated model with UNITS business units of 30 systems each (default 10, so
//! 300 systems): `cargo run --example generate_model -- 10 > fixtures/valid/large-300.yaml`.

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let units = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10);
    print!("{}", generate::generated_model(units));
}
