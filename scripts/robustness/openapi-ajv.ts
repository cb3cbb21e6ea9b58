// Validation of responses against the OpenAPI 3.1 document as it is served, by Ajv's JSON Schema
// 2020-12 validator: the document is added whole and each response schema is reached by a JSON
// pointer into it, so every `$ref` resolves as any 3.1 tool resolves it. Nothing in the document is
// rewritten or reinterpreted first (an OpenAPI 3.0 `nullable` once hid a contract break that way).
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import * as ajvFormats from 'ajv-formats'

export type { ValidateFunction }

const DOC_ID = 'openapi.json'

/** RFC 6901: "~" and "/" escaped in one reference token. */
const token = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1')

export interface OpenApiValidator {
  /** The validator of one documented response body, or undefined when none is documented. */
  response(path: string, method: string, status: number | string, mediaType: string): ValidateFunction | undefined
  /** The validator of a component schema ("Problem"). */
  component(name: string): ValidateFunction
}

export function openApiValidator(
  doc: { openapi: string } & Record<string, unknown>,
  opts: { fast?: boolean } = {},
): OpenApiValidator {
  if (!/^3\.1\./.test(doc.openapi)) throw new Error(`expected an OpenAPI 3.1 document, got ${doc.openapi}`)
  // fast: the document is trusted (test/contract validates it): skip meta-validation and code
  // optimisation, which cost more than they save over a few thousand validations.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: !opts.fast,
    ...(opts.fast ? { validateSchema: false, code: { optimize: false } } : {}),
  })
  const addFormats = (ajvFormats as unknown as { default: (a: Ajv2020) => void }).default
  addFormats(ajv)
  ajv.addSchema({ ...doc, $id: DOC_ID })
  const compiled = new Map<string, ValidateFunction>()
  const compile = (pointer: string) => {
    let v = compiled.get(pointer)
    if (!v) {
      v = ajv.compile({ $ref: `${DOC_ID}#${pointer}` })
      compiled.set(pointer, v)
    }
    return v
  }
  type Content = Record<string, { schema?: unknown }>
  const paths = doc.paths as Record<string, Record<string, { responses?: Record<string, { content?: Content }> }>>
  return {
    response(path, method, status, mediaType) {
      const content = paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content
      if (!content?.[mediaType]?.schema) return undefined
      return compile(
        ['', 'paths', path, method.toLowerCase(), 'responses', String(status), 'content', mediaType, 'schema']
          .map(token)
          .join('/'),
      )
    },
    component: (name) => compile(`/components/schemas/${token(name)}`),
  }
}
