//! ISO 8601 timestamps as microseconds since 1970-01-01 UTC: the forms event logs write
//! (`2011-10-01T00:38:44.546+02:00`, `2011-10-11 13:45:40.276000+02:00`, `...Z`, no offset).

/// Microseconds since 1970-01-01T00:00:00Z.
pub type Micros = i64;

/// Microseconds in a minute, for durations.
pub const MICROS_PER_MINUTE: f64 = 60_000_000.0;

/// Parses `YYYY-MM-DD[T ]HH:MM[:SS[.fraction]][Z|±HH[:MM]|±HHMM]`; a date alone is
/// midnight. Without an offset the time is UTC. Digits of the fraction past the sixth
/// (nanoseconds) are dropped. `None` when the text is not such a timestamp or names a
/// day or time that does not exist.
pub fn parse(text: &str) -> Option<Micros> {
    let bytes = text.trim().as_bytes();
    let mut p = Cursor { b: bytes, i: 0 };
    let year = p.digits(4)? as i64;
    p.expect(b'-')?;
    let month = p.digits(2)?;
    p.expect(b'-')?;
    let day = p.digits(2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut micros) = (0, 0, 0, 0i64);
    if p.peek()
        .is_some_and(|c| c == b'T' || c == b't' || c == b' ')
    {
        p.i += 1;
        hour = p.digits(2)?;
        p.expect(b':')?;
        minute = p.digits(2)?;
        if p.peek() == Some(b':') {
            p.i += 1;
            second = p.digits(2)?;
            if p.peek().is_some_and(|c| c == b'.' || c == b',') {
                p.i += 1;
                let start = p.i;
                let mut scale = 100_000i64;
                while let Some(c) = p.peek().filter(u8::is_ascii_digit) {
                    micros += i64::from(c - b'0') * scale;
                    scale /= 10;
                    p.i += 1;
                }
                if p.i == start {
                    return None;
                }
            }
        }
        // 24:00:00 is not accepted: no log writes it, and it would be a second name for
        // the next midnight. A leap second (:60) is read as the next second.
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
    }
    let offset_seconds = match p.peek() {
        None => 0,
        Some(b'Z' | b'z') => {
            p.i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            p.i += 1;
            let h = p.digits(2)?;
            let m = match p.peek() {
                Some(b':') => {
                    p.i += 1;
                    p.digits(2)?
                }
                Some(c) if c.is_ascii_digit() => p.digits(2)?,
                _ => 0,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let s = i64::from(h * 3600 + m * 60);
            if sign == b'-' {
                -s
            } else {
                s
            }
        }
        Some(_) => return None,
    };
    if p.i != bytes.len() {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_seconds;
    Some(seconds * 1_000_000 + micros)
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    fn digits(&mut self, n: usize) -> Option<u32> {
        let s = self.b.get(self.i..self.i + n)?;
        let mut v = 0u32;
        for &c in s {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
        }
        self.i += n;
        Some(v)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_forms_logs_write() {
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("1970-01-01T00:00:00"), Some(0));
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(parse("1970-01-01 00:01:00.5"), Some(60_500_000));
        // 2011-10-01T00:38:44.546+02:00 = 2011-09-30T22:38:44.546Z = 1317422324.546
        assert_eq!(
            parse("2011-10-01T00:38:44.546+02:00"),
            Some(1_317_422_324_546_000)
        );
        assert_eq!(
            parse("2011-09-30 22:38:44.546000"),
            Some(1_317_422_324_546_000)
        );
        assert_eq!(
            parse("2011-09-30T23:38:44.546+0100"),
            parse("2011-09-30T22:38:44.546Z")
        );
        assert_eq!(
            parse("2011-09-30T20:38:44.546-02:00"),
            parse("2011-09-30T22:38:44.546Z")
        );
        assert_eq!(parse("2000-02-29T12:00:00Z"), Some(951_825_600_000_000));
        assert_eq!(parse("1969-12-31T23:59:59Z"), Some(-1_000_000));
        assert_eq!(
            parse("2012-01-01T00:00:00.1234567Z"),
            Some(1_325_376_000_123_456)
        );
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for bad in [
            "",
            "yesterday",
            "2011-13-01",
            "2011-02-29",
            "2011-10-01T25:00",
            "2011-10-01T10",
            "2011-10-01T10:00:00+",
            "2011-10-01T10:00:00 UTC",
            "11-10-01",
            "2011-10-01T10:00:00.",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
