/**
 * A strict RFC 4180 reader for the export tests: CRLF records, quoted fields with doubled quotes and embedded
 * CR/LF, and nothing lenient — a bare LF between records, a quote inside an unquoted field or a missing final
 * CRLF is an error, so the tests catch a writer that only looks right.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  if (text.length === 0) return records;
  for (;;) {
    let value = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        const ch = text[i]!;
        if (ch === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += ch;
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') throw new Error(`quote inside an unquoted field at ${i}`);
        value += text[i];
        i++;
      }
    }
    fields.push(value);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text[i] === '\r' && text[i + 1] === '\n') {
      records.push(fields);
      fields = [];
      i += 2;
      if (i === text.length) return records;
      continue;
    }
    throw new Error(i >= text.length ? 'the last record does not end with CRLF' : `unexpected ${JSON.stringify(text[i])} at ${i}`);
  }
}
