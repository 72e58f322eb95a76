//! `import sheets` through the library's command runner, as the CLI calls it: the first
//! byte picks how the rest becomes the systems sheet (a CSV file; an XLSX workbook made
//! from its lines and commas; an XLSX whose sheet data and shared strings are the bytes; the
//! bytes as a whole .xlsx or .ods file; an ODS whose table is the bytes), beside a fixed
//! integrations CSV and, on odd modes, the fixture's workflows sheet. Exit 0 or 2, never a
//! panic; a model written on exit 0 loads; a failure says why.
#![no_main]

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use binary::app::{run, Command, Environment, ImportSheets, Streams};
use libfuzzer_sys::fuzz_target;

// The command layer is the binary's (src/app.rs), not the library's: the target compiles
// the same source, as the binary does.
#[path = "../../src"]
mod binary {
    #[allow(dead_code, unused_imports)]
    pub mod app;
}
use zip::write::SimpleFileOptions;

const INTEGRATIONS: &str = "From;To;Carries;Mode;Minutes\ncrm;erp;order;manual;4\nerp;crm;invoice;automated;\n";
const WORKFLOWS: &str = "Workflow,Runs,Per,From,To,Data\nOrder to cash,100,month,crm,erp,order\n,,,erp,crm,invoice\n";

fn dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("a temporary folder"))
        .path()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir().join(name);
    std::fs::write(&path, bytes).expect("the fuzz input is written");
    path
}

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        out.start_file(*name, options).expect("a zip entry");
        out.write_all(bytes).expect("a zip entry");
    }
    out.finish().expect("a zip").into_inner()
}

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WB: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="systems" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WBRELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

fn xlsx(sheet_data: &[u8], shared: &[u8]) -> Vec<u8> {
    let mut sheet = br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#.to_vec();
    sheet.extend_from_slice(sheet_data);
    sheet.extend_from_slice(b"</sheetData></worksheet>");
    let mut strings = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#.to_vec();
    strings.extend_from_slice(shared);
    strings.extend_from_slice(b"</sst>");
    zip(&[
        ("[Content_Types].xml", CT.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WB.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WBRELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", &sheet),
        ("xl/sharedStrings.xml", &strings),
    ])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Lines as rows, commas as cells: numbers as numbers, the rest inline strings.
fn cells(text: &str) -> Vec<u8> {
    let mut xml = String::new();
    for (r, line) in text.lines().enumerate().take(200) {
        xml.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, cell) in line.split(',').enumerate().take(26) {
            let at = format!("{}{}", (b'A' + c as u8) as char, r + 1);
            if cell.parse::<f64>().is_ok() {
                xml.push_str(&format!("<c r=\"{at}\"><v>{}</v></c>", escape(cell)));
            } else {
                xml.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    escape(cell)
                ));
            }
        }
        xml.push_str("</row>");
    }
    xml.into_bytes()
}

fn ods(table: &[u8]) -> Vec<u8> {
    let mut content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="systems">"#.to_vec();
    content.extend_from_slice(table);
    content.extend_from_slice(b"</table:table></office:spreadsheet></office:body></office:document-content>");
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ])
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    // `\n--\n` splits the sheet's bytes from the shared strings (mode 2).
    let (first, second) = match rest.windows(4).position(|w| w == b"\n--\n") {
        Some(at) => (&rest[..at], &rest[at + 4..]),
        None => (rest, &b""[..]),
    };
    let systems = match mode % 6 {
        0 => write("systems.csv", rest),
        1 => write(
            "systems.xlsx",
            &xlsx(&cells(&String::from_utf8_lossy(rest)), b""),
        ),
        2 => write("systems.xlsx", &xlsx(first, second)),
        3 => write("systems.xlsx", rest),
        4 => write("systems.ods", rest),
        _ => write("systems.ods", &ods(rest)),
    };
    let integrations = write("integrations.csv", INTEGRATIONS.as_bytes());
    let workflows = (mode & 0x80 != 0).then(|| write("workflows.csv", WORKFLOWS.as_bytes()));
    let env = Environment {
        stdout_is_terminal: false,
        no_color: true,
        stderr_is_terminal: false,
        source_date_epoch: Some("0".to_string()),
        args: vec!["gapgraph".to_string()],
    };
    let mut stdin: &[u8] = b"";
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let code = run(
        Command::ImportSheets(ImportSheets {
            systems: Some(systems),
            integrations: Some(integrations),
            workflows,
            ..ImportSheets::default()
        }),
        env,
        Streams {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    match code {
        0 => {
            let text = String::from_utf8(stdout).expect("the model is UTF-8");
            assert!(
                gapgraph::load_str(&text, "model.yaml").is_ok(),
                "the imported model does not load:\n{text}"
            );
        }
        2 => assert!(!stderr.is_empty(), "exit 2 without a message"),
        other => panic!("exit status {other}"),
    }
});
