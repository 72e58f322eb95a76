//! Loading: any bytes, read as YAML and as JSON, give a model or diagnostics, never a
//! panic; every diagnostic prints.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for origin in ["model.yaml", "model.json"] {
        match gapgraph::load_str(source, origin) {
            Ok(loaded) => {
                let mut sink = Vec::new();
                let _ = gapgraph::diagnostic::write_diagnostics(
                    &mut sink,
                    &loaded.warnings,
                    origin,
                    source,
                );
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "a failed load names its problems");
                let mut sink = Vec::new();
                let _ = gapgraph::diagnostic::write_diagnostics(&mut sink, &errors, origin, source);
            }
        }
    }
});
