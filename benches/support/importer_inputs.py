#!/usr/bin/env python3
"""Issue 23 row 4: importer inputs of the sizes the issue names, each once super-linear.
Writes them into the folder given (default target/importer-inputs); benches/importers.sh
times them. Nothing here is committed but this script."""
import os
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "target/importer-inputs"
os.makedirs(OUT, exist_ok=True)
HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<model xmlns="http://www.opengroup.org/xsd/archimate/3.0/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" identifier="m">\n<name>bench</name>\n')


def element(i, kind, name):
    return f'<element identifier="{i}" xsi:type="{kind}"><name>{name}</name></element>\n'


def rel(i, kind, s, t, name=None):
    body = f'<name>{name}</name>' if name else ''
    return f'<relationship identifier="{i}" xsi:type="{kind}" source="{s}" target="{t}">{body}</relationship>\n'


def write(name, elements, relationships):
    with open(os.path.join(OUT, name), "w") as f:
        f.write(HEAD + "<elements>\n" + "".join(elements) + "</elements>\n<relationships>\n"
                + "".join(relationships) + "</relationships>\n</model>\n")


N = 10_000
prefix = "Enterprise resource planning platform for region"  # 48 characters
# 10k components sharing a 48-character prefix, in a chain of flows.
write("arch-prefix.xml", [element(f"c{i}", "ApplicationComponent", f"{prefix} {i}") for i in range(N)],
      [rel(f"f{i}", "Flow", f"c{i}", f"c{i + 1}", "order") for i in range(N - 1)])
# 10k components named in a non-Latin script (every slug falls back to `system`).
write("arch-nonlatin.xml",
      [element(f"c{i}", "ApplicationComponent", "系统" + chr(0x4E00 + i % 20000) + chr(0x4E00 + i // 20000)) for i in range(N)],
      [rel(f"f{i}", "Flow", f"c{i}", f"c{i + 1}", "order") for i in range(N - 1)])
# Interface fan-out: 600 components provide one interface; 600 flow into it.
M = 600
els = [element("iface", "ApplicationInterface", "Shared API")]
els += [element(f"c{i}", "ApplicationComponent", f"App {i}") for i in range(M)]
rels = [rel(f"a{i}", "Assignment", f"c{i}", "iface") for i in range(M)]
rels += [rel(f"f{i}", "Flow", f"c{i}", "iface", "message") for i in range(M)]
write("arch-interface-fanout.xml", els, rels)
# Junction fan-out: 400 processes trigger one junction that triggers 400 processes, each
# served by its own component.
J = 400
els = [element("j", "Junction", "")]
els += [element(f"p{i}", "BusinessProcess", f"Step {i}") for i in range(2 * J)]
els += [element(f"c{i}", "ApplicationComponent", f"App {i}") for i in range(2 * J)]
rels = [rel(f"t{i}", "Triggering", f"p{i}", "j") for i in range(J)]
rels += [rel(f"u{i}", "Triggering", "j", f"p{J + i}") for i in range(J)]
rels += [rel(f"s{i}", "Serving", f"c{i}", f"p{i}") for i in range(2 * J)]
write("arch-junction-fanout.xml", els, rels)
# A process chain of 5,000 steps, every other one done by nobody the file names (bridged).
C = 5_000
els = [element(f"p{i}", "BusinessProcess", f"Step {i}") for i in range(C)]
els += [element(f"c{i}", "ApplicationComponent", f"App {i}") for i in range(0, C, 2)]
rels = [rel(f"t{i}", "Triggering", f"p{i}", f"p{i + 1}") for i in range(C - 1)]
rels += [rel(f"s{i}", "Serving", f"c{i}", f"p{i}") for i in range(0, C, 2)]
write("arch-bridged-chain.xml", els, rels)

# Sheets: 10k systems referred to by name; 5,000 unknown references; shared prefixes.
with open(os.path.join(OUT, "systems-names.csv"), "w") as f:
    f.write("name\n" + "".join(f"System number {i}\n" for i in range(N)))
with open(os.path.join(OUT, "integrations-names.csv"), "w") as f:
    f.write("from,to,carries\n" + "".join(f"system number {i},SYSTEM NUMBER {i + 1},order\n" for i in range(N - 1)))
with open(os.path.join(OUT, "integrations-unknown.csv"), "w") as f:
    f.write("from,to,carries\n" + "".join(f"Ghost system {i},System number {i},order\n" for i in range(5_000)))
with open(os.path.join(OUT, "systems-prefix.csv"), "w") as f:
    f.write("name\n" + "".join(f"{prefix} {i}\n" for i in range(N)))
with open(os.path.join(OUT, "integrations-prefix.csv"), "w") as f:
    f.write("from,to,carries\n" + "".join(f"{prefix} {i},{prefix} {i + 1},order\n" for i in range(N - 1)))
