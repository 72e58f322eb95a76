#!/usr/bin/env python3
"""Makes the hostile workbooks of the corpus (issue 23 rows 2 and 3). Run from this folder;
the files are committed, so the tests need no Python."""
import zipfile

CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '{extra}</Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="systems" sheetId="1" r:id="rId1"/></sheets></workbook>')
WBRELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '{extra}</Relationships>')
SS_CT = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
SS_REL = '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'


def sheet(dimension, rows):
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def inline(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx(name, sheet_xml, shared=None, padding=0):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', CT.format(extra=SS_CT if shared is not None else ''))
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WB)
        z.writestr('xl/_rels/workbook.xml.rels', WBRELS.format(extra=SS_REL if shared is not None else ''))
        if padding:
            # Whitespace inside the sheet XML: a small file that inflates past the cap.
            with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
                head, tail = sheet_xml.split('<sheetData>')
                f.write((head + '<sheetData>').encode())
                block = b' ' * (1 << 20)
                for _ in range(padding):
                    f.write(block)
                f.write(tail.encode())
        else:
            z.writestr('xl/worksheets/sheet1.xml', sheet_xml)
        if shared is not None:
            z.writestr('xl/sharedStrings.xml', shared)


header = '<row r="1">' + inline('A1', 'name') + '</row>'
# Row 2: cells at A1 and XFD1048576, dimension to match: read sparsely, two systems.
xlsx('far-corner.xlsx', sheet('A1:XFD1048576', header + '<row r="2">' + inline('A2', 'CRM') + '</row>'
     + '<row r="3">' + inline('A3', 'ERP') + '</row>'
     + '<row r="1048576">' + inline('XFD1048576', 'far') + '</row>'))
xlsx('bad-dimension.xlsx', sheet('A1:ZZZZZZ1', header))
xlsx('bad-row.xlsx', sheet('A1:A4294967295', header))
# Row 3: a sheet that inflates to 300 MiB of whitespace.
xlsx('inflates.xlsx', sheet('A1', header), padding=300)
# Shared strings: a billion declared, and two million held in a few kilobytes.
xlsx('strings-declared.xlsx', sheet('A1', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
     shared='<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000"><si><t>name</t></si></sst>')
xlsx('strings-held.xlsx', sheet('A1', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
     shared='<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>name</t></si>' + '<si><t/></si>' * 2_000_000 + '</sst>')

ODS_CT = '<?xml version="1.0" encoding="UTF-8"?>'
ODS_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')


def ods(name, table_body):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="systems">'
               + table_body + '</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.spreadsheet')
        z.writestr('META-INF/manifest.xml', ODS_MANIFEST)
        z.writestr('content.xml', content)


cell = '<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>'
# A header, then one row repeated a million times across 1,000 columns.
ods('repeated-rows.ods', '<table:table-row>' + cell.format('name') + '</table:table-row>'
    '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>')
# What LibreOffice writes: a short sheet, then empty rows repeated to the end.
ods('libreoffice-tail.ods', '<table:table-row>' + cell.format('name') + '</table:table-row>'
    '<table:table-row>' + cell.format('CRM') + '</table:table-row>'
    '<table:table-row>' + cell.format('ERP') + '</table:table-row>'
    '<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')

# Row 3, XLS and XLSB: refused by their extension before anything reads them. A damaged
# compound file (the OLE header, then nothing a reader could trust) and an XLSB whose
# workbook part is garbage: calamine would index their records unchecked.
with open('damaged.xls', 'wb') as f:
    f.write(bytes.fromhex('d0cf11e0a1b11ae1') + b'\xff' * 504)
with zipfile.ZipFile('garbage.xlsb', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', CT.format(extra=''))
    z.writestr('_rels/.rels', RELS)
    z.writestr('xl/workbook.bin', b'\x9c\x01\x00')
