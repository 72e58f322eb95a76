//! Where a review document came from, so it can be put on record: the gapgraph version,
//! the model file's name and SHA-256, the date and the command line (the strategy comes
//! from the report itself). The date is an input, not a clock reading, so the same input
//! gives the same bytes (`SOURCE_DATE_EPOCH`, see docs/outputs.md).

use sha2::{Digest, Sha256};

/// The provenance of one review document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// The model file as named on the command line (`<stdin>` for `-`).
    pub model_file: String,
    /// Lowercase hex SHA-256 of the model file's bytes.
    pub model_sha256: String,
    /// `YYYY-MM-DD`, UTC.
    pub date: String,
    /// The command that made the document, shell-quoted, program name `gapgraph`.
    pub command_line: String,
}

impl Provenance {
    /// The provenance of a document made from `model_bytes` (read from `model_file`) on
    /// `date` by the arguments `args` (without the program name).
    pub fn new(model_file: &str, model_bytes: &[u8], date: String, args: &[String]) -> Provenance {
        let digest = Sha256::digest(model_bytes);
        let model_sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        let mut command = vec!["gapgraph".to_string()];
        command.extend(args.iter().map(|a| shell_quoted(a)));
        Provenance {
            model_file: model_file.to_string(),
            model_sha256,
            date,
            command_line: command.join(" "),
        }
    }
}

/// The gapgraph version that writes documents.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// `arg` as a POSIX shell would need it typed: bare when it holds only safe characters,
/// else in single quotes.
fn shell_quoted(arg: &str) -> String {
    let safe = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%".contains(c));
    if safe {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

/// `SOURCE_DATE_EPOCH` is not a whole number of seconds.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("SOURCE_DATE_EPOCH must be whole seconds since 1970, found `{0}`")]
pub struct DateError(pub String);

/// The date review documents record: `source_date_epoch` (the `SOURCE_DATE_EPOCH`
/// variable, for reproducible output) when set, else today; both as a UTC calendar date.
pub fn document_date(source_date_epoch: Option<&str>) -> Result<String, DateError> {
    match source_date_epoch {
        Some(value) => value
            .trim()
            .parse::<i64>()
            .map(date_of)
            .map_err(|_| DateError(value.to_string())),
        None => {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            Ok(date_of(i64::try_from(now).unwrap_or(i64::MAX)))
        }
    }
}

/// The UTC calendar date (`YYYY-MM-DD`) of `seconds` since 1970-01-01T00:00:00Z.
pub fn date_of(seconds: i64) -> String {
    // Howard Hinnant's days-to-civil algorithm: exact for the proleptic Gregorian calendar.
    let days = seconds.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(86_399), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_700_000_000), "2023-11-14");
        assert_eq!(date_of(-1), "1969-12-31");
        assert_eq!(
            document_date(Some("1717200000")),
            Ok("2024-06-01".to_string())
        );
        assert!(document_date(Some("June")).is_err());
    }

    #[test]
    fn provenance_hashes_the_bytes_and_quotes_the_command() {
        let p = Provenance::new(
            "model.yaml",
            b"abc",
            "2024-01-01".into(),
            &["analyze".into(), "my model.yaml".into(), "it's".into()],
        );
        assert_eq!(
            p.model_sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            p.command_line,
            "gapgraph analyze 'my model.yaml' 'it'\\''s'"
        );
    }
}
