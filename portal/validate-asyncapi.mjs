// Validates AsyncAPI documents with the official parser (@asyncapi/parser, locked in
// package-lock.json): `node portal/validate-asyncapi.mjs docs/api/*.asyncapi.json`.
// Exit status 1 when any document has an error or a warning (every diagnostic is printed).
//
// Two checks the parser leaves to its reader, both taken from the official specification:
// every `components` key must match the key pattern of the official JSON Schema
// (@asyncapi/specs; the parser silently skips a message under another key), and every
// message and channel the document declares must come out of the parser.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { Parser, DiagnosticSeverity } from "@asyncapi/parser";

const require = createRequire(import.meta.url);
const specs = require("@asyncapi/specs");
const parser = new Parser();
const names = { 0: "error", 1: "warning", 2: "information", 3: "hint" };

function keyProblems(raw) {
  const schema = specs.schemas[raw.asyncapi];
  if (!schema) return [`no official schema for AsyncAPI ${raw.asyncapi}`];
  const id = `http://asyncapi.com/definitions/${raw.asyncapi}/components.json`;
  const sections = schema.definitions[id].properties;
  const problems = [];
  for (const [section, entries] of Object.entries(raw.components ?? {})) {
    const patterns = Object.keys(sections[section]?.patternProperties ?? {}).map((p) => new RegExp(p, "u"));
    for (const key of Object.keys(entries)) {
      if (!patterns.some((p) => p.test(key))) problems.push(`components/${section} key ${JSON.stringify(key)} is not allowed by the official schema`);
    }
  }
  return problems;
}

let failed = false;
for (const path of process.argv.slice(2)) {
  const text = await readFile(path, "utf8");
  const raw = JSON.parse(text);
  const { document, diagnostics } = await parser.parse(text, { source: path });
  for (const d of diagnostics) {
    console.log(`${path}: ${names[d.severity]} ${d.code}: ${d.message} at /${d.path.join("/")}`);
  }
  const problems = diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
    .map((d) => d.message);
  if (document) {
    problems.push(...keyProblems(raw));
    const declared = Object.keys(raw.components?.messages ?? {}).length;
    const parsed = document.components().messages().length;
    if (parsed !== declared) problems.push(`${declared} messages declared, the parser read ${parsed}`);
    if (document.channels().length !== Object.keys(raw.channels ?? {}).length) problems.push("channels lost by the parser");
  } else {
    problems.push("the parser produced no document");
  }
  for (const p of problems.filter((p) => !diagnostics.some((d) => d.message === p))) console.log(`${path}: error: ${p}`);
  if (problems.length > 0) {
    failed = true;
    continue;
  }
  console.log(
    `${path}: valid AsyncAPI ${document.version()}: ${document.channels().length} channels, ` +
      `${document.components().messages().length} messages, ${document.operations().length} operations`,
  );
}
process.exit(failed ? 1 : 0);
