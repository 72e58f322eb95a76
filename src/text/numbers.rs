//! Number formatting shared by the human-readable formats (JSON keeps full precision).

/// `24,000` — money with thousands separators and no decimals, everywhere, so a column
/// never shows "62.83" next to whole amounts.
pub fn money(x: f64) -> String {
    group(&format!("{:.0}", x.round() + 0.0))
}

/// `41`, `62.50` — a rate (money an hour): whole, or with cents when it has them.
pub fn rate(x: f64) -> String {
    if x.fract() == 0.0 {
        group(&format!("{x:.0}"))
    } else {
        let s = format!("{x:.2}");
        let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
        format!("{}.{frac}", group(int))
    }
}

/// `1,234.5` — hours with one decimal.
pub fn hours(x: f64) -> String {
    let s = format!("{:.1}", x + 0.0);
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    format!("{}.{frac}", group(int))
}

/// `5`, `2.5` — minutes, without trailing zeros.
pub fn minutes(x: f64) -> String {
    trim(format!("{x:.2}"))
}

/// `75.0%`.
pub fn percent(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |x| format!("{:.1}%", x * 100.0))
}

/// `3.68` — ratios (priority, alignment, payback) with up to two decimals.
pub fn ratio(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |x| trim(format!("{x:.2}")))
}

fn trim(s: String) -> String {
    if s.contains('.') {
        let t = s.trim_end_matches('0').trim_end_matches('.');
        if t == "-0" {
            "0".to_string()
        } else {
            t.to_string()
        }
    } else {
        s
    }
}

/// `3,640` — a count with thousands separators.
pub fn count(n: usize) -> String {
    group(&n.to_string())
}

fn group(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(7), "7");
        assert_eq!(count(3640), "3,640");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(money(24000.0), "24,000");
        assert_eq!(money(1234567.4), "1,234,567");
        assert_eq!(money(12.5), "13");
        assert_eq!(money(62.83), "63");
        assert_eq!(rate(41.0), "41");
        assert_eq!(rate(62.5), "62.50");
        assert_eq!(money(0.0), "0");
        assert_eq!(hours(1234.56), "1,234.6");
        assert_eq!(minutes(5.0), "5");
        assert_eq!(minutes(2.5), "2.5");
        assert_eq!(percent(Some(0.75)), "75.0%");
        assert_eq!(percent(None), "n/a");
        assert_eq!(ratio(Some(3.68)), "3.68");
        assert_eq!(ratio(None), "-");
    }
}
