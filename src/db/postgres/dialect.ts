// SQLite statements as PostgreSQL runs them. The project's hand-written SQL is written once in
// SQLite's dialect (src/db/sql.ts); this rewrites the few constructs the two spell differently:
// - `?` parameters become `$1, $2, …` (outside string literals and quoted identifiers);
// - an id list passed as one JSON array, `IN (SELECT value FROM json_each(?))`, becomes
//   `= ANY(ARRAY(SELECT json_array_elements_text(?::json)))`, which PostgreSQL evaluates once and
//   serves from an index like a literal list;
// - instr(a, b) becomes strpos(a, b), group_concat(x, s) becomes string_agg(x, s).
// A statement that differs in more than these is written in both dialects (SqlText's object form).
const cache = new Map<string, string>()

const JSON_LIST = /IN\s*\(\s*SELECT\s+value\s+FROM\s+json_each\(\?\)\s*\)/gi

export function toPostgres(sqlite: string): string {
  let out = cache.get(sqlite)
  if (out !== undefined) return out
  const rewritten = sqlite
    .replace(JSON_LIST, '= ANY(ARRAY(SELECT json_array_elements_text(?::json)))')
    .replace(/\binstr\(/gi, 'strpos(')
    .replace(/\bgroup_concat\(/gi, 'string_agg(')
  out = numberParameters(rewritten)
  if (cache.size < 2000) cache.set(sqlite, out) // texts past that many are translated each time
  return out
}

/** `?` to `$n`, skipping string literals ('…') and quoted identifiers ("…"). */
function numberParameters(sql: string): string {
  let n = 0
  let out = ''
  let quote: string | null = null
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null
      out += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      out += ch
    } else if (ch === '?') {
      n++
      out += `$${n}`
    } else out += ch
  }
  return out
}
