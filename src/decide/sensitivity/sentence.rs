//! The sentence for the board.

use super::{FixSensitivity, Sensitivity, STABLE_SHARE, TRADE_SHARE};

impl Sensitivity {
    /// The sentence for the board: which fixes are safe bets, and which neighbours trade
    /// places.
    pub fn sentence(&self) -> String {
        let k = self.options.top;
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        if self.fixes.is_empty() {
            return "No fix saves anything, so there is no ranking to test.".to_string();
        }
        let stable: Vec<&FixSensitivity> = self
            .fixes
            .iter()
            .take(k)
            .take_while(|f| f.top_share >= STABLE_SHARE)
            .collect();
        let mut parts = Vec::new();
        match stable.len() {
            0 => parts.push(format!(
                "no fix is in the top {k} in {} of samples",
                pct(STABLE_SHARE)
            )),
            m => {
                let least = stable.iter().map(|f| f.top_share).fold(1.0, f64::min);
                let who = match m {
                    1 => "the first fix is".to_string(),
                    m => format!("the first {m} fixes are"),
                };
                parts.push(format!("{who} in the top {k} in {} of samples", pct(least)));
            }
        }
        let trades: Vec<String> = self
            .fixes
            .iter()
            .take(k + 1)
            .filter_map(|f| {
                let share = f.overtaken_by_next?;
                (share >= TRADE_SHARE).then(|| {
                    format!(
                        "#{} and #{} trade places ({} of samples)",
                        f.rank,
                        f.rank + 1,
                        pct(share)
                    )
                })
            })
            .collect();
        if trades.is_empty() {
            parts.push(format!(
                "no two neighbours in the top {k} trade places in {} of samples",
                pct(TRADE_SHARE)
            ));
        } else {
            parts.extend(trades);
        }
        let mut sentence = parts.join("; ");
        if let Some(first) = sentence.get(0..1) {
            sentence = first.to_uppercase() + &sentence[1..];
        }
        sentence.push('.');
        sentence
    }
}
