//! Identifiers made from names: lower-case ASCII, accents folded (`Siège` -> `siege`,
//! `Größe` -> `grosse`), everything else a `-`; unique by a `-2`, `-3`, ... suffix in the
//! order asked, so the same file always gives the same ids.

use std::collections::{HashMap, HashSet};

/// `name` as an identifier matching `^[A-Za-z0-9][A-Za-z0-9_.-]*$`, or `fallback` when
/// nothing of it is left (a name in a non-Latin script).
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    // Long names make unreadable ids; cut at a word boundary.
    if out.len() > 48 {
        let cut = out[..48].rfind('-').unwrap_or(48);
        out.truncate(cut);
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// The ASCII letters a Latin letter with diacritics stands for; other characters unchanged.
fn fold(c: char) -> impl Iterator<Item = char> {
    let s: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' | 'Ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => {
            "i"
        }
        'ĳ' | 'Ĳ' => "ij",
        'ł' | 'Ł' | 'ľ' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ß' => "ss",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'þ' | 'Þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => "",
    };
    let folded: Vec<char> = if s.is_empty() {
        vec![c]
    } else {
        s.chars().collect()
    };
    folded.into_iter()
}

/// Hands out identifiers, unique among all it has given.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashSet<String>,
    /// For each slug handed out with suffixes, the next suffix to try: 10,000 names with one
    /// slug cost 10,000 steps, not 50 million (issue 23).
    next: HashMap<String, usize>,
}

impl Ids {
    /// Marks `id` as taken (an identifier the source gives); false when it already was.
    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// A unique id from `name`: its slug, or the slug with the first free `-N` suffix.
    pub fn take(&mut self, name: &str, fallback: &str) -> String {
        let base = slug(name, fallback);
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(id.clone()) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_and_dutch_names_fold_to_ascii() {
        assert_eq!(
            slug("Siège de l'application financière", "x"),
            "siege-de-l-application-financiere"
        );
        assert_eq!(
            slug("Basisregistratie BRP (ĳ)", "x"),
            "basisregistratie-brp-ij"
        );
        assert_eq!(slug("Größe", "x"), "grosse");
    }

    #[test]
    fn nothing_left_falls_back() {
        assert_eq!(slug("顧客管理", "system"), "system");
        assert_eq!(slug(" -- ", "system"), "system");
    }

    #[test]
    fn ids_are_unique_in_order() {
        let mut ids = Ids::default();
        assert_eq!(ids.take("CRM", "s"), "crm");
        assert_eq!(ids.take("crm", "s"), "crm-2");
        assert_eq!(ids.take("CRM!", "s"), "crm-3");
        assert_eq!(ids.take("crm-2", "s"), "crm-2-2");
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let id = slug(&"word ".repeat(20), "x");
        assert!(id.len() <= 48 && !id.ends_with('-'), "{id}");
    }
}
