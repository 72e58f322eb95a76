//! Numbers as YAML 1.2's core schema (and JSON) reads them.

/// A number as YAML 1.2's core schema reads a plain scalar (and JSON a number): exactly
/// the schema's patterns, so `0x+10`, `-0x10` or `1_000` are text, not numbers. A negative
/// zero reads as 0: `-0` means nothing else, and reports must not print `-0`.
pub fn parse_number(text: &str) -> Option<f64> {
    // `0x` and `0o` integers take no sign in the core schema.
    if let Some(hex) = text.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(oct) = text.strip_prefix("0o") {
        return digits(oct, 8);
    }
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (-1.0, &text[1..]),
        Some(b'+') => (1.0, &text[1..]),
        _ => (1.0, text),
    };
    match body {
        ".inf" | ".Inf" | ".INF" => return Some(sign * f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if text == body => return Some(f64::NAN),
        _ => {}
    }
    if !is_core_decimal(body) {
        return None;
    }
    let value = body.parse::<f64>().ok()?;
    Some(if value == 0.0 { 0.0 } else { sign * value })
}

/// `( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, the unsigned core
/// float (integers included).
fn is_core_decimal(body: &str) -> bool {
    let bytes = body.as_bytes();
    let mut i = 0;
    let run = |i: &mut usize| {
        let start = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let whole = run(&mut i);
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        let fraction = run(&mut i);
        if whole == 0 && fraction == 0 {
            return false;
        }
    } else if whole == 0 {
        return false;
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if run(&mut i) == 0 {
            return false;
        }
    }
    i == bytes.len()
}

/// A non-empty run of digits in `radix`, as a float (any length: a long one is simply a
/// large number, which range checks then refuse).
fn digits(text: &str, radix: u32) -> Option<f64> {
    if text.is_empty() {
        return None;
    }
    text.chars().try_fold(0.0_f64, |value, c| {
        c.to_digit(radix)
            .map(|d| value * f64::from(radix) + f64::from(d))
    })
}
