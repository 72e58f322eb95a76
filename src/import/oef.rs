//! Reads an ArchiMate Model Exchange File (OEF 2.1, 3.0, 3.1) into flat lists of elements
//! and relationships. Only `/model/elements/element` and `/model/relationships/relationship`
//! are read: views repeat `xsi:type` on nodes and connections, and must not become elements.

use roxmltree::{Document, Node};

use super::ImportError;

/// The namespace of OEF 3.0 and 3.1 (both use the 3.0 one).
pub const NS_3: &str = "http://www.opengroup.org/xsd/archimate/3.0/";
/// The namespace of OEF 2.1.
pub const NS_2: &str = "http://www.opengroup.org/xsd/archimate";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Which edition of the format the file is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edition {
    /// OEF 2.1: `<label>`, `...Relationship` types.
    V2,
    /// OEF 3.0 / 3.1: `<name>`.
    V3,
}

/// A text in several languages, in the file's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LangText(pub Vec<(Option<String>, String)>);

impl LangText {
    /// The text in `lang`, else the first one; `None` when there is no non-blank text.
    pub fn pick(&self, lang: Option<&str>) -> Option<&str> {
        let wanted = lang.and_then(|l| {
            self.0
                .iter()
                .find(|(tag, _)| tag.as_deref().is_some_and(|t| same_lang(t, l)))
        });
        wanted
            .or_else(|| self.0.first())
            .map(|(_, text)| text.as_str())
    }
}

/// `nl` matches `nl-NL` and `NL`: users type the short tag.
pub fn same_lang(tag: &str, wanted: &str) -> bool {
    let primary = tag.split(['-', '_']).next().unwrap_or(tag);
    tag.eq_ignore_ascii_case(wanted) || primary.eq_ignore_ascii_case(wanted)
}

/// One element or relationship property: its definition's name and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    /// The property definition's name (`owner`, `Eigenaar`, ...).
    pub key: String,
    /// Its value.
    pub value: LangText,
}

/// An element of `/model/elements`.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    /// `identifier`.
    pub id: String,
    /// `xsi:type` (`ApplicationComponent`, ...).
    pub kind: String,
    /// `<name>` (3.x) or `<label>` (2.1).
    pub name: LangText,
    /// Its properties.
    pub properties: Vec<Property>,
    /// The 1-based line it starts on, for messages.
    pub line: u32,
}

/// A relationship of `/model/relationships`, its type normalised to the 3.x vocabulary.
#[derive(Clone, Debug, PartialEq)]
pub struct Relationship {
    /// `identifier`.
    pub id: String,
    /// 3.x type: `Flow`, `Serving`, `Realization`, ...
    pub kind: String,
    /// `source` identifier.
    pub source: String,
    /// `target` identifier.
    pub target: String,
    /// Its name, often the data a Flow carries.
    pub name: LangText,
    /// Its properties.
    pub properties: Vec<Property>,
    /// An Access relationship's `accessType` (`Read`, `Write`, `ReadWrite`, `Access`), as
    /// written; `None` when absent (the format's default is `Write`).
    pub access: Option<String>,
    /// The 1-based line it starts on, for messages.
    pub line: u32,
}

/// The parts of an exchange file the importer uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Oef {
    /// Format edition.
    pub edition: Edition,
    /// The model's name.
    pub name: LangText,
    /// The first `xml:lang` of the file (on the model's name, else any).
    pub first_lang: Option<String>,
    /// Elements in file order.
    pub elements: Vec<Element>,
    /// Relationships in file order.
    pub relationships: Vec<Relationship>,
}

/// A parse error at its line and column; a DTD is refused where it is declared.
fn xml_error(xml: &str, e: &roxmltree::Error) -> ImportError {
    if let roxmltree::Error::DtdDetected = e {
        // roxmltree places this error at 1:1; the declaration may be anywhere before
        // the root element.
        let at = xml.find("<!DOCTYPE").unwrap_or(0);
        let before = &xml[..at];
        return ImportError::Xml {
            line: before.matches('\n').count() as u32 + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1,
            message: "a document type declaration (DTD) is refused: exchange files have none, and a DTD can expand entities without bound".into(),
        };
    }
    let pos = e.pos();
    ImportError::Xml {
        line: pos.row,
        column: pos.col,
        message: e.to_string(),
    }
}

/// The root's namespace and the exchange format edition it names; the root must be `model`.
fn edition_of<'a>(root: Node<'a, '_>) -> Result<(&'a str, Edition), ImportError> {
    let namespace = root.tag_name().namespace().unwrap_or("");
    let edition = match namespace {
        NS_3 => Edition::V3,
        NS_2 => Edition::V2,
        other if root.tag_name().name() == "model" => {
            return Err(ImportError::UnknownNamespace {
                namespace: other.to_string(),
            })
        }
        _ => {
            return Err(ImportError::NotOef {
                root: root.tag_name().name().to_string(),
            })
        }
    };
    if root.tag_name().name() != "model" {
        return Err(ImportError::NotOef {
            root: root.tag_name().name().to_string(),
        });
    }
    Ok((namespace, edition))
}

/// Parses the text of an exchange file.
pub fn parse(xml: &str) -> Result<Oef, ImportError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = Document::parse_with_options(xml, options).map_err(|e| xml_error(xml, &e))?;
    let root = doc.root_element();
    let (namespace, edition) = edition_of(root)?;
    // Byte offsets of every line break: a line number is then a binary search
    // (roxmltree's `text_pos_at` walks from the start, quadratic over a file).
    let newlines: Vec<usize> = xml
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let reader = Reader {
        ns: namespace,
        edition,
        definitions: property_definitions(root, namespace, edition),
    };
    let elements = reader
        .children(root, "elements", "element")
        .filter_map(|node| {
            Some(Element {
                id: node.attribute("identifier")?.to_string(),
                kind: node.attribute((NS_XSI, "type"))?.to_string(),
                name: reader.name(node),
                properties: reader.properties(node),
                line: line_of(&newlines, node.range().start),
            })
        })
        .collect();
    let relationships = reader
        .children(root, "relationships", "relationship")
        .filter_map(|node| {
            Some(Relationship {
                id: node.attribute("identifier")?.to_string(),
                kind: normalise_kind(node.attribute((NS_XSI, "type"))?),
                source: node.attribute("source")?.to_string(),
                target: node.attribute("target")?.to_string(),
                name: reader.name(node),
                properties: reader.properties(node),
                access: node.attribute("accessType").map(str::to_string),
                line: line_of(&newlines, node.range().start),
            })
        })
        .collect();
    let name = reader.name(root);
    let first_lang = name.0.iter().find_map(|(l, _)| l.clone()).or_else(|| {
        root.descendants()
            .find_map(|n| n.attribute((NS_XML, "lang")).map(str::to_string))
    });
    Ok(Oef {
        edition,
        name,
        first_lang,
        elements,
        relationships,
    })
}

/// The 1-based line of byte offset `at`, given the offsets of the line breaks.
fn line_of(newlines: &[usize], at: usize) -> u32 {
    u32::try_from(newlines.partition_point(|&n| n < at) + 1).unwrap_or(u32::MAX)
}

/// 2.1 names: `UsedByRelationship` is 3.x `Serving`, `RealisationRelationship` is
/// `Realization`, and every other drops its `Relationship` suffix.
fn normalise_kind(kind: &str) -> String {
    let base = kind.strip_suffix("Relationship").unwrap_or(kind);
    match base {
        "UsedBy" => "Serving".to_string(),
        "Realisation" => "Realization".to_string(),
        other => other.to_string(),
    }
}

struct Reader<'a> {
    ns: &'a str,
    edition: Edition,
    definitions: Vec<(String, String)>,
}

impl<'a> Reader<'a> {
    fn children<'d, 'i>(
        &self,
        root: Node<'d, 'i>,
        group: &'static str,
        item: &'static str,
    ) -> impl Iterator<Item = Node<'d, 'i>> + use<'d, 'i, 'a> {
        let ns = self.ns;
        root.children()
            .filter(move |n| n.has_tag_name((ns, group)))
            .flat_map(move |g| g.children().filter(move |n| n.has_tag_name((ns, item))))
    }

    fn name(&self, node: Node) -> LangText {
        let tag = match self.edition {
            Edition::V3 => "name",
            Edition::V2 => "label",
        };
        lang_text(node, self.ns, tag)
    }

    fn properties(&self, node: Node) -> Vec<Property> {
        let ref_attr = match self.edition {
            Edition::V3 => "propertyDefinitionRef",
            Edition::V2 => "identifierref",
        };
        self.children(node, "properties", "property")
            .filter_map(|p| {
                let reference = p.attribute(ref_attr)?;
                let key = self
                    .definitions
                    .iter()
                    .find(|(id, _)| id == reference)
                    .map(|(_, name)| name.clone())?;
                Some(Property {
                    key,
                    value: lang_text(p, self.ns, "value"),
                })
            })
            .collect()
    }
}

/// Every non-blank `<tag xml:lang=..>` child, trimmed.
fn lang_text(node: Node, ns: &str, tag: &str) -> LangText {
    LangText(
        node.children()
            .filter(|n| n.has_tag_name((ns, tag)))
            .filter_map(|n| {
                let text = n.text().unwrap_or("").trim();
                (!text.is_empty()).then(|| {
                    (
                        n.attribute((NS_XML, "lang")).map(str::to_string),
                        text.to_string(),
                    )
                })
            })
            .collect(),
    )
}

/// (identifier, name) of every property definition: 3.x `propertyDefinitions/
/// propertyDefinition/name`, 2.1 `propertydefs/propertydef/@name`.
fn property_definitions(root: Node, ns: &str, edition: Edition) -> Vec<(String, String)> {
    let (group, item) = match edition {
        Edition::V3 => ("propertyDefinitions", "propertyDefinition"),
        Edition::V2 => ("propertydefs", "propertydef"),
    };
    root.children()
        .filter(|n| n.has_tag_name((ns, group)))
        .flat_map(|g| g.children().filter(|n| n.has_tag_name((ns, item))))
        .filter_map(|d| {
            let id = d.attribute("identifier")?.to_string();
            let name = match edition {
                Edition::V2 => d.attribute("name")?.trim().to_string(),
                Edition::V3 => lang_text(d, ns, "name").pick(None)?.to_string(),
            };
            Some((id, name))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_one_kinds_become_three_x_kinds() {
        assert_eq!(normalise_kind("UsedByRelationship"), "Serving");
        assert_eq!(normalise_kind("RealisationRelationship"), "Realization");
        assert_eq!(normalise_kind("TriggeringRelationship"), "Triggering");
        assert_eq!(normalise_kind("Flow"), "Flow");
    }

    #[test]
    fn language_tags_match_by_primary_subtag() {
        let text = LangText(vec![
            (Some("en".into()), "Invoice".into()),
            (Some("nl-NL".into()), "Factuur".into()),
        ]);
        assert_eq!(text.pick(Some("nl")), Some("Factuur"));
        assert_eq!(text.pick(Some("fr")), Some("Invoice"));
        assert_eq!(text.pick(None), Some("Invoice"));
    }

    #[test]
    fn a_dtd_is_refused_with_its_position() {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE model [<!ENTITY a \"b\">]>\n<model/>";
        match parse(xml) {
            Err(ImportError::Xml { line, .. }) => assert!(line >= 1),
            other => panic!("expected an XML error, got {other:?}"),
        }
    }
}
